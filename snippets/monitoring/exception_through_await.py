import asyncio


async def parse():
    await asyncio.sleep(1)
    raise ValueError("bad input")


async def main():
    task = asyncio.create_task(parse())
    try:
        await task  # the exception raised inside the task is raised again here
    except ValueError as exc:
        print(f"main: await raised {exc!r}")
        #> main: await raised ValueError('bad input')
        caught = exc
    # The task keeps the exception: exception() returns it, result() raises it.
    print(f"task.exception() is the same object: {task.exception() is caught}")
    #> task.exception() is the same object: True
    try:
        task.result()
    except ValueError as exc:
        print(f"task.result() raised it too: {exc!r}")
        #> task.result() raised it too: ValueError('bad input')
    print("main: still running, nothing crashed")
    #> main: still running, nothing crashed


asyncio.run(main())
