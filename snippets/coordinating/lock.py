import asyncio

START = 0.0


def now():
    """Seconds since main() started, on the event loop's clock."""
    return f"{asyncio.get_running_loop().time() - START:.1f}s"


async def critical_section(lock, worker):
    await asyncio.sleep(0.2 * worker)  # the workers arrive 0.2 s apart
    print(f"{now()} worker {worker}: wants the lock (locked: {lock.locked()})")
    #> 0.0s worker 0: wants the lock (locked: False)
    #> 0.2s worker 1: wants the lock (locked: True)
    #> 0.4s worker 2: wants the lock (locked: True)
    async with lock:  # only one task at a time gets past this line
        print(f"{now()} worker {worker}: entered the critical section")
        #> 0.0s worker 0: entered the critical section
        #> 1.0s worker 1: entered the critical section
        #> 2.0s worker 2: entered the critical section
        await asyncio.sleep(1)
        print(f"{now()} worker {worker}: leaving the critical section")
        #> 1.0s worker 0: leaving the critical section
        #> 2.0s worker 1: leaving the critical section
        #> 3.0s worker 2: leaving the critical section


async def main():
    global START
    START = asyncio.get_running_loop().time()
    lock = asyncio.Lock()
    tasks = [asyncio.create_task(critical_section(lock, i)) for i in range(3)]
    await asyncio.gather(*tasks)
    print(f"{now()} main: all three done; 1 s of work each, one after another")
    #> 3.0s main: all three done; 1 s of work each, one after another


asyncio.run(main())
