import asyncio

START = 0.0


def now():
    """Seconds since main() started, on the event loop's clock."""
    return f"{asyncio.get_running_loop().time() - START:.1f}s"


async def consumer(name, queue, seconds_per_item):
    while True:
        item = await queue.get()
        if item is None:
            print(f"{now()} {name}: got a sentinel, stopping")
            #> 0.8s consumer A: got a sentinel, stopping
            #> 1.0s consumer B: got a sentinel, stopping
            return
        print(f"{now()} {name}: got {item}")
        #> 0.0s consumer A: got 0
        #> 0.0s consumer B: got 1
        #> 0.4s consumer A: got 2
        await asyncio.sleep(seconds_per_item)


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
    for _ in consumers:
        await queue.put(None)  # one sentinel for each consumer
    await asyncio.gather(*consumers)
    print(f"{now()} main: both consumers stopped, nothing hangs")
    #> 1.0s main: both consumers stopped, nothing hangs


asyncio.run(main())
