import asyncio

# The event loop keeps only weak references to tasks: this set keeps them alive.
background = set()


def start_in_background(coro, name):
    task = asyncio.create_task(coro, name=name)
    background.add(task)
    task.add_done_callback(background.discard)  # forget the task once it is done
    return task


async def job(seconds):
    await asyncio.sleep(seconds)


def held():
    return sorted(task.get_name() for task in background)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    for name, seconds in [("email", 0.25), ("thumbnail", 0.75), ("backup", 1.25)]:
        start_in_background(job(seconds), name)  # fire and forget, but not lost
    print(f"{loop.time() - start:.1f}s  main: holding {held()}")
    #> 0.0s  main: holding ['backup', 'email', 'thumbnail']
    while background:  # the set empties itself as the tasks finish
        await asyncio.sleep(0.5)
        print(f"{loop.time() - start:.1f}s  main: holding {held()}")
        #> 0.5s  main: holding ['backup', 'thumbnail']
        #> 1.0s  main: holding ['backup']
        #> 1.5s  main: holding []


asyncio.run(main())
