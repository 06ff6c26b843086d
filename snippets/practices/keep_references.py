import asyncio

# The loop's list of tasks holds only weak references: this set keeps them.
background = set()


def start_in_background(coro, name):
    task = asyncio.create_task(coro, name=name)
    background.add(task)
    task.add_done_callback(background.discard)  # forget the task when done
    return task


async def job(seconds):
    await asyncio.sleep(seconds)


def held():
    return sorted(task.get_name() for task in background)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    jobs = [("email", 0.25), ("thumbnail", 0.75), ("backup", 1.25)]
    for name, seconds in jobs:
        start_in_background(job(seconds), name)  # fire and forget
    print(f"{loop.time() - start:.1f}s  main: holding {held()}")
    #> 0.0s  main: holding ['backup', 'email', 'thumbnail']
    # Wait until the set is empty: when main() returns, asyncio.run() cancels
    # every task still pending. The set empties itself as the tasks finish.
    while background:
        await asyncio.sleep(0.5)
        print(f"{loop.time() - start:.1f}s  main: holding {held()}")
        #> 0.5s  main: holding ['backup', 'thumbnail']
        #> 1.0s  main: holding ['backup']
        #> 1.5s  main: holding []


asyncio.run(main())
