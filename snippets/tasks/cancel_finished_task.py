import asyncio


async def quick():
    return "done"


async def main():
    task = asyncio.create_task(quick())
    await task
    # Cancelling a finished task is harmless: nothing happens and cancel() says so.
    print(f"cancel() returned {task.cancel()}")
    print(f"cancelled()? {task.cancelled()}")
    print(f"result() is still {task.result()!r}")


asyncio.run(main())
