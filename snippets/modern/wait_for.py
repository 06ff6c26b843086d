import asyncio


async def slow_query():
    try:
        await asyncio.sleep(5)
        return "rows"
    except asyncio.CancelledError:
        print("slow_query: cancelled by wait_for")
        #> slow_query: cancelled by wait_for
        raise


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    # wait_for() puts a time limit on one awaitable, and cancels it at the end.
    try:
        rows = await asyncio.wait_for(slow_query(), timeout=1.0)
    except TimeoutError:
        print(f"main: TimeoutError at {loop.time() - start:.1f}s")
        #> main: TimeoutError at 1.0s
    # In time, it simply returns the result.
    quick = asyncio.sleep(0.5, result="cached rows")
    rows = await asyncio.wait_for(quick, timeout=1.0)
    print(f"main: got {rows!r} at {loop.time() - start:.1f}s")
    #> main: got 'cached rows' at 1.5s


asyncio.run(main())
