# Python 3.11+: stop a TaskGroup early by raising your own exception inside it.
import asyncio


class Found(Exception):
    """Raised to stop the group: the search is over."""


async def search(name, delay, found):
    await asyncio.sleep(delay)
    print(f"{name} finished after {delay} s")
    #> disk finished after 1 s
    #> cache finished after 2 s
    if found:
        raise Found(name)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(search("disk", 1, found=False))
            group.create_task(search("cache", 2, found=True))
            # Cancelled at 2 s:
            group.create_task(search("network", 5, found=False))
    except* Found as stop:
        print("stopped early:", stop.exceptions[0])
        #> stopped early: cache
    print("left the group at", round(loop.time() - start, 1), "s")
    #> left the group at 2.0 s


asyncio.run(main())
