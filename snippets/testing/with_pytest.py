# pytest runs coroutine tests through a plugin, here pytest-asyncio
# (pip install pytest pytest-asyncio). This program runs pytest on its
# own file and prints how each test ended.
import asyncio
import os

import pytest


async def fetch_all(urls):  # the code under test
    async def fetch(url):
        await asyncio.sleep(0.1 * len(url))  # stands for a request
        return f"<{url}>"

    return await asyncio.gather(*(fetch(url) for url in urls))


@pytest.mark.asyncio
async def test_results_in_order():
    urls = ["example.org", "a.io"]
    assert await fetch_all(urls) == ["<example.org>", "<a.io>"]


@pytest.mark.asyncio
async def test_times_out():
    async with asyncio.timeout(0.5):  # fails instead of hanging
        await fetch_all(["a-very-slow-host.example"])


async def test_without_the_mark():  # the plugin leaves it alone
    assert await fetch_all([]) == []


class PrintOutcomes:
    """A pytest plugin: prints each test's outcome (pytest's own report
    prints timings)."""

    def pytest_runtest_logreport(self, report):
        if report.when == "call":
            print(report.head_line, report.outcome)
            #> test_results_in_order passed
            #> test_times_out failed
            #> test_without_the_mark failed
            if report.failed:
                print("  ", report.longrepr.reprcrash.message.splitlines()[0])
                #>    TimeoutError
                #>    Failed: async def functions are not natively supported.


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
    #> pytest exit code: 1
