import asyncio


def report(task):
    # The article's callback. On a cancelled task, exception() raises.
    if task.exception() is not None:
        print(f"callback: {task.get_name()} raised {task.exception()!r}")
    else:
        print(f"callback: {task.get_name()} completed successfully")


async def download():
    await asyncio.sleep(10)


async def main():
    task = asyncio.create_task(download(), name="download")
    task.add_done_callback(report)
    await asyncio.sleep(1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise  # main itself is being cancelled: let that through
        print("main: the task was cancelled")
        #> main: the task was cancelled
    print("main: the callback printed nothing; the loop logged its error")
    #> main: the callback printed nothing; the loop logged its error


asyncio.run(main())
