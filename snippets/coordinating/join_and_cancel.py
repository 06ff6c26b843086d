import asyncio

START = 0.0


def now():
    """Seconds since main() started, on the event loop's clock."""
    return f"{asyncio.get_running_loop().time() - START:.1f}s"


async def consumer(name, queue, seconds_per_item):
    while True:  # no sentinel: the consumer runs until it is cancelled
        item = await queue.get()
        try:
            print(f"{now()} {name}: got {item}")
            #> 0.0s consumer A: got 0
            #> 0.0s consumer B: got 1
            #> 0.4s consumer A: got 2
            await asyncio.sleep(seconds_per_item)
        finally:
            queue.task_done()  # one task_done() per get(): join() counts them


async def main():
    global START
    START = asyncio.get_running_loop().time()
    queue = asyncio.Queue()
    consumers = [
        asyncio.create_task(consumer("consumer A", queue, 0.4)),
        asyncio.create_task(consumer("consumer B", queue, 1.0)),
    ]
    for item in range(3):
        await queue.put(item)
    await queue.join()  # returns once every item put has been marked done
    print(f"{now()} main: every item processed; cancelling the idle consumers")
    #> 1.0s main: every item processed; cancelling the idle consumers
    for task in consumers:
        task.cancel()
    await asyncio.wait(consumers)
    print(f"{now()} main: cancelled() = {[t.cancelled() for t in consumers]}")
    #> 1.0s main: cancelled() = [True, True]


asyncio.run(main())
