import asyncio

START = 0.0


def now():
    """Seconds since main() started, on the event loop's clock."""
    return f"{asyncio.get_running_loop().time() - START:.1f}s"


async def consumer(name, queue, seconds_per_item):
    while True:
        item = await queue.get()
        if item is None:
            print(f"{now()} {name}: got the sentinel, stopping")
            #> 0.8s consumer A: got the sentinel, stopping
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
    for item in range(3):
        queue.put_nowait(item)
    queue.put_nowait(None)  # one sentinel, as in the article
    a = asyncio.create_task(consumer("consumer A", queue, 0.4))
    b = asyncio.create_task(consumer("consumer B", queue, 1.0))
    # Awaiting gather(a, b) would never return. Give them 3 s instead and look.
    await asyncio.wait([a, b], timeout=3)
    print(f"{now()} main: A done()={a.done()}, B done()={b.done()}")
    #> 3.0s main: A done()=True, B done()=False
    print(f"{now()} main: {queue.qsize()} items left: B would wait forever")
    #> 3.0s main: 0 items left: B would wait forever
    b.cancel()  # end the demonstration
    await asyncio.wait([b])


asyncio.run(main())
