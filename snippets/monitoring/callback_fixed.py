import asyncio


def report(task):
    # cancelled() first: on a cancelled task, exception() and result() raise.
    if task.cancelled():
        print(f"callback: {task.get_name()} was cancelled")
        #> callback: upload was cancelled
    elif task.exception() is not None:
        print(f"callback: {task.get_name()} raised {task.exception()!r}")
        #> callback: parse raised ValueError('bad input')
    else:
        print(f"callback: {task.get_name()} returned {task.result()!r}")
        #> callback: fetch returned 42


async def job(seconds, fails=False):
    await asyncio.sleep(seconds)
    if fails:
        raise ValueError("bad input")
    return 42


async def main():
    tasks = [
        asyncio.create_task(job(1), name="fetch"),
        asyncio.create_task(job(1.5, fails=True), name="parse"),
        asyncio.create_task(job(10), name="upload"),
    ]
    for task in tasks:
        task.add_done_callback(report)
    await asyncio.sleep(0.5)
    tasks[2].cancel()
    await asyncio.wait(tasks)  # waits for all three, raises nothing
    print("main: every callback ran, none of them raised")
    #> main: every callback ran, none of them raised


asyncio.run(main())
