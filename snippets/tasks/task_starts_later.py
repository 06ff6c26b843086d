import asyncio


async def greet():
    print("task: running")
    #> task: running


async def main():
    task = asyncio.create_task(greet())
    print("main: task created, not started yet")
    #> main: task created, not started yet
    print(f"main: done()? {task.done()}")
    #> main: done()? False
    await asyncio.sleep(0)  # yield to the loop once: now the task gets a turn
    print(f"main: done()? {task.done()}")
    #> main: done()? True


asyncio.run(main())
