import asyncio


async def greet():
    print("task: running")
    #> task: running


async def main():
    # With the eager task factory, create_task() starts the coroutine at once,
    # up to its first real suspension; this one never suspends, so it finishes
    # inside create_task().
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    task = asyncio.create_task(greet())
    print("main: task created")
    #> main: task created
    print(f"main: done()? {task.done()}")
    #> main: done()? True


asyncio.run(main())
