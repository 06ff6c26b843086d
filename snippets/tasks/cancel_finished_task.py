import asyncio


async def quick():
    return "done"


async def main():
    task = asyncio.create_task(quick())
    await task
    # Cancelling a finished task is harmless: nothing happens, says cancel().
    print(f"cancel() returned {task.cancel()}")
    #> cancel() returned False
    print(f"cancelled()? {task.cancelled()}")
    #> cancelled()? False
    print(f"result() is still {task.result()!r}")
    #> result() is still 'done'


asyncio.run(main())
