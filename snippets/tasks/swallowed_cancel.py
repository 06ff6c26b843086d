import asyncio


async def download():
    await asyncio.sleep(10)


async def fetch_naive():
    task = asyncio.create_task(download())
    try:
        await task
    except asyncio.CancelledError:
        # Meant for "the download was cancelled", but it catches a cancellation
        # of fetch_naive itself too: asyncio passes that on to the download.
        print(f"naive: caught it; download cancelled()? {task.cancelled()}")
        #> naive: caught it; download cancelled()? True
        #> naive: caught it; download cancelled()? True
    return "returned normally"


async def fetch_fixed():
    task = asyncio.create_task(download())
    try:
        await task
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise  # someone cancelled this task: let the cancellation through
        print("fixed: only the download was cancelled; carrying on")
    return "returned normally"


async def main():
    for fetch in (fetch_naive, fetch_fixed):
        caller = asyncio.create_task(fetch())
        await asyncio.sleep(1)
        caller.cancel()  # cancel the caller, not the download
        try:
            print(f"main: {fetch.__name__} {await caller}")
            #> main: fetch_naive returned normally
        except asyncio.CancelledError:
            print(f"main: {fetch.__name__} ended cancelled, as asked")
            #> main: fetch_fixed ended cancelled, as asked
    for fetch in (fetch_naive, fetch_fixed):
        try:
            async with asyncio.timeout(1):
                await fetch()
            print(f"main: {fetch.__name__}: no TimeoutError, deadline lost")
            #> main: fetch_naive: no TimeoutError, deadline lost
        except TimeoutError:
            print(f"main: {fetch.__name__}: TimeoutError at the deadline")
            #> main: fetch_fixed: TimeoutError at the deadline


asyncio.run(main())
