# unittest.IsolatedAsyncioTestCase: each test method may be a coroutine,
# and each test runs on an event loop of its own.
import asyncio
import logging
import unittest

# IsolatedAsyncioTestCase runs each test's loop in debug mode, whose warnings
# about slow steps depend on how busy the machine is: not shown here.
logging.getLogger("asyncio").setLevel(logging.ERROR)


async def fetch_all(urls):  # the code under test
    async def fetch(url):
        await asyncio.sleep(0.1 * len(url))  # stands for a request
        return f"<{url}>"

    return await asyncio.gather(*(fetch(url) for url in urls))


async def ping_forever(log):
    try:
        while True:
            await asyncio.sleep(1)
            log.append("ping")
    except asyncio.CancelledError:
        print("  background task: cancelled")
        #>   background task: cancelled
        #>   background task: cancelled
        raise


class FetchTests(unittest.IsolatedAsyncioTestCase):
    loops = []  # the loop of each test, to compare them at the end

    async def asyncSetUp(self):
        print("  asyncSetUp")
        #>   asyncSetUp
        #>   asyncSetUp
        self.loops.append(asyncio.get_running_loop())
        self.log = []
        self.pinger = asyncio.create_task(ping_forever(self.log))
        self.addAsyncCleanup(self.cleanup)

    async def cleanup(self):
        print("  cleanup, pinger done:", self.pinger.done())
        #>   cleanup, pinger done: False
        #>   cleanup, pinger done: False

    async def asyncTearDown(self):
        print("  asyncTearDown")
        #>   asyncTearDown
        #>   asyncTearDown

    async def test_results_in_order(self):
        urls = ["example.org", "a.io"]
        self.assertEqual(await fetch_all(urls), ["<example.org>", "<a.io>"])

    async def test_times_out(self):
        async with asyncio.timeout(0.5):  # fails instead of hanging
            await fetch_all(["a-very-slow-host.example"])


class PrintResult(unittest.TestResult):
    """Prints how each test ended (unittest's own runner prints timings)."""

    def startTest(self, test):
        super().startTest(test)
        print(test.id().rsplit(".", 1)[-1])
        #> test_results_in_order
        #> test_times_out

    def addSuccess(self, test):
        super().addSuccess(test)
        print("  passed")
        #>   passed

    def addFailure(self, test, err):
        super().addFailure(test, err)
        print("  failed:", err[1])

    def addError(self, test, err):
        super().addError(test, err)
        print("  error:", err[0].__name__)
        #>   error: TimeoutError


def main():
    tests = unittest.defaultTestLoader.loadTestsFromTestCase(FetchTests)
    result = PrintResult()
    tests.run(result)
    print("ran", result.testsRun, "tests, errors:", len(result.errors))
    #> ran 2 tests, errors: 1
    first, second = FetchTests.loops
    print("two different loops:", first is not second)
    #> two different loops: True
    print("both closed:", first.is_closed() and second.is_closed())
    #> both closed: True


main()
