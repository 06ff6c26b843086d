import asyncio


async def risky_task():
    await asyncio.sleep(0.5)
    raise RuntimeError("something went wrong")


async def main():
    task = asyncio.create_task(risky_task())
    try:
        await task  # the task's exception is raised again here, in the awaiter
    except RuntimeError as exc:
        print(f"main: caught RuntimeError: {exc}")
        #> main: caught RuntimeError: something went wrong
        caught = exc
    # The program goes on, and the task keeps the error it ended with.
    print(f"main: task.done()? {task.done()}")
    #> main: task.done()? True
    same = task.exception() is caught
    print(f"main: task.exception() is the error caught above? {same}")
    #> main: task.exception() is the error caught above? True
    print("main: still running, free to log the error or retry in a new task")
    #> main: still running, free to log the error or retry in a new task


asyncio.run(main())
