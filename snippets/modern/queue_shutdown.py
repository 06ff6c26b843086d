import asyncio


async def producer(queue):
    for item in range(1, 6):
        await queue.put(item)
    queue.shutdown()  # no more puts; consumers still get what is queued
    print("producer: queue shut down")
    #> producer: queue shut down


async def consumer(name, queue, seconds):
    while True:
        try:
            item = await queue.get()
        except asyncio.QueueShutDown:  # the queue is shut down and empty
            print(f"{name}: queue is shut down and empty, stopping")
            #> consumer B: queue is shut down and empty, stopping
            #> consumer A: queue is shut down and empty, stopping
            return
        print(f"{name}: handling item {item}")
        #> consumer A: handling item 1
        #> consumer B: handling item 2
        #> consumer A: handling item 3
        #> consumer B: handling item 4
        #> consumer A: handling item 5
        await asyncio.sleep(seconds)


async def main():
    queue = asyncio.Queue()
    async with asyncio.TaskGroup() as tg:
        tg.create_task(consumer("consumer A", queue, 0.5))
        tg.create_task(consumer("consumer B", queue, 0.7))
        tg.create_task(producer(queue))
    print("main: every task ended on its own")
    #> main: every task ended on its own


asyncio.run(main())
