# looptime (pip install looptime) gives a test a fast-forward event-loop
# clock: a sleep returns at once, and loop.time() jumps by the time slept.
# It works with pytest-asyncio. This program runs pytest on its own file.
import asyncio
import os
import time

import pytest


async def retry(operation, attempts, delay):  # the code under test
    for attempt in range(1, attempts + 1):
        try:
            return await operation()
        except ConnectionError:
            if attempt == attempts:
                raise
            await asyncio.sleep(delay)


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_retry_waits_a_minute_between_attempts():
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    calls = []

    async def flaky():
        calls.append(loop.time())
        if len(calls) < 3:
            raise ConnectionError
        return "ok"

    assert await retry(flaky, attempts=3, delay=60) == "ok"
    print("called at loop times", calls)
    #> called at loop times [0.0, 60.0, 120.0]
    print("real seconds under 1:", time.perf_counter() - started < 1)
    #> real seconds under 1: True
    assert calls == [0, 60, 120]


@pytest.mark.asyncio
@pytest.mark.looptime
async def test_gives_up_after_the_last_attempt():
    loop = asyncio.get_running_loop()

    async def down():
        raise ConnectionError

    with pytest.raises(ConnectionError):
        await retry(down, attempts=4, delay=30)
    print("gave up at loop time", loop.time())
    #> gave up at loop time 90.0
    assert loop.time() == 90


class PrintOutcomes:
    """A pytest plugin: prints each test's outcome (pytest's own report
    prints timings)."""

    def pytest_runtest_logreport(self, report):
        if report.when == "call":
            print(report.head_line, report.outcome)
            #> test_retry_waits_a_minute_between_attempts passed
            #> test_gives_up_after_the_last_attempt passed


if __name__ == "__main__":
    exit_code = pytest.main(
        [
            __file__,
            "-c", os.devnull,  # no configuration file: the defaults
            "-o", "asyncio_default_fixture_loop_scope=function",
            "-p", "no:terminal",  # PrintOutcomes reports instead
            "-p", "no:cacheprovider",  # writes no .pytest_cache
            "-s", "--assert=plain",  # no output capture, no rewriting
        ],
        plugins=[PrintOutcomes()],
    )
    print("pytest exit code:", int(exit_code))
    #> pytest exit code: 0
