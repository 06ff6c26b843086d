import asyncio

START = 0.0


def now():
    """Seconds since main() started, on the event loop's clock."""
    return f"{asyncio.get_running_loop().time() - START:.1f}s"


async def waiter(name, event):
    print(f"{now()} {name}: waiting for the event")
    #> 0.0s waiter 1: waiting for the event
    #> 0.0s waiter 2: waiting for the event
    #> 2.0s late waiter: waiting for the event
    await event.wait()  # returns immediately if the event is already set
    print(f"{now()} {name}: the event is set, carrying on")
    #> 2.0s waiter 1: the event is set, carrying on
    #> 2.0s waiter 2: the event is set, carrying on
    #> 2.0s late waiter: the event is set, carrying on


async def main():
    global START
    START = asyncio.get_running_loop().time()
    event = asyncio.Event()
    first = asyncio.create_task(waiter("waiter 1", event))
    second = asyncio.create_task(waiter("waiter 2", event))
    await asyncio.sleep(2)  # some work the waiters depend on
    print(f"{now()} main: setting the event")
    #> 2.0s main: setting the event
    event.set()  # wakes every task that is waiting, not just one
    await asyncio.gather(first, second)
    await waiter("late waiter", event)  # the event is still set: no wait


asyncio.run(main())
