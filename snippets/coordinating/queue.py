import asyncio

START = 0.0


def now():
    """Seconds since main() started, on the event loop's clock."""
    return f"{asyncio.get_running_loop().time() - START:.1f}s"


async def producer(queue):
    for item in range(5):
        await queue.put(item)
        print(f"{now()} producer: put {item}")
        #> 0.0s producer: put 0
        #> 0.1s producer: put 1
        #> 0.2s producer: put 2
        #> 0.3s producer: put 3
        #> 0.4s producer: put 4
        await asyncio.sleep(0.1)  # producing is fast...


async def consumer(queue):
    while True:
        item = await queue.get()
        if item is None:  # the sentinel: nothing more will come
            print(f"{now()} consumer: got the sentinel, stopping")
            #> 3.5s consumer: got the sentinel, stopping
            break
        print(f"{now()} consumer: got {item}")
        #> 0.0s consumer: got 0
        #> 0.7s consumer: got 1
        #> 1.4s consumer: got 2
        #> 2.1s consumer: got 3
        #> 2.8s consumer: got 4
        await asyncio.sleep(0.7)  # ...consuming is slow: items pile up


async def main():
    global START
    START = asyncio.get_running_loop().time()
    queue = asyncio.Queue()
    prod = asyncio.create_task(producer(queue))
    cons = asyncio.create_task(consumer(queue))
    await prod
    queued = queue.qsize()
    print(f"{now()} main: producer done, {queued} items queued; putting None")
    #> 0.5s main: producer done, 4 items queued; putting None
    await queue.put(None)
    await cons


asyncio.run(main())
