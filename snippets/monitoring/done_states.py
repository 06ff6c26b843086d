import asyncio
import inspect


def state(task):
    """done(), then how the task finished: cancelled, raised or returned."""
    if not task.done():
        # The coroutine's own state tells created, running and suspended apart.
        return f"done()=False, {inspect.getcoroutinestate(task.get_coro())}"
    if task.cancelled():  # check first: exception() raises on a cancelled task
        return "done()=True, cancelled"
    if task.exception() is not None:
        return f"done()=True, raised {task.exception()!r}"
    return f"done()=True, returned {task.result()!r}"


async def succeed():
    print(f"ok, while its own code runs:  {state(asyncio.current_task())}")
    #> ok, while its own code runs:  done()=False, CORO_RUNNING
    await asyncio.sleep(1)
    return 42


async def fail():
    await asyncio.sleep(0.8)
    raise ValueError("bad input")


async def main():
    ok = asyncio.create_task(succeed())
    failed = asyncio.create_task(fail())
    cancelled = asyncio.create_task(asyncio.sleep(10))
    print(f"ok, created, not started yet: {state(ok)}")
    #> ok, created, not started yet: done()=False, CORO_CREATED
    await asyncio.sleep(0.5)
    print(f"ok, suspended in its sleep:   {state(ok)}")
    #> ok, suspended in its sleep:   done()=False, CORO_SUSPENDED
    cancelled.cancel()
    await asyncio.wait([ok, failed, cancelled])  # wait for all; raises nothing
    finished = [("ok", ok), ("failed", failed), ("cancelled", cancelled)]
    for name, task in finished:
        print(f"{name}: {state(task)}")
        #> ok: done()=True, returned 42
        #> failed: done()=True, raised ValueError('bad input')
        #> cancelled: done()=True, cancelled


asyncio.run(main())
