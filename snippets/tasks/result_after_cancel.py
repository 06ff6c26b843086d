import asyncio


async def compute():
    await asyncio.sleep(10)
    return 42


async def main():
    task = asyncio.create_task(compute())
    await asyncio.sleep(1)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise  # main itself is being cancelled: let that through
    # A cancelled task has no result to retrieve: both accessors raise.
    for method in (task.result, task.exception):
        try:
            method()
        except asyncio.CancelledError:
            print(f"task.{method.__name__}() raised CancelledError")
            #> task.result() raised CancelledError
            #> task.exception() raised CancelledError


asyncio.run(main())
