import asyncio

START = 0.0


def now():
    """Seconds since main() started, on the event loop's clock."""
    return f"{asyncio.get_running_loop().time() - START:.1f}s"


async def work():
    print(f"{now()} work: started")
    #> 0.0s work: started
    await asyncio.sleep(1.2)
    print(f"{now()} work: finished")
    #> 1.2s work: finished


async def monitor(task):
    # Look at done(), sleep, look again: the task runs while the monitor waits.
    while not task.done():
        print(f"{now()} monitor: done() is False, still waiting")
        #> 0.0s monitor: done() is False, still waiting
        #> 0.5s monitor: done() is False, still waiting
        #> 1.0s monitor: done() is False, still waiting
        await asyncio.sleep(0.5)
    print(f"{now()} monitor: done() is True, the task has finished")
    #> 1.5s monitor: done() is True, the task has finished


async def main():
    global START
    START = asyncio.get_running_loop().time()
    task = asyncio.create_task(work())
    await monitor(task)


asyncio.run(main())
