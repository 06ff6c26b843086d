# Python 3.15+: TaskGroup.cancel() stops every task of the group and leaves
# the block quietly.
import asyncio


async def search(name, delay, group):
    await asyncio.sleep(delay)
    print(f"{name} finished after {delay} s")
    if name == "cache":
        group.cancel()  # found it: stop the others


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    async with asyncio.TaskGroup() as group:
        group.create_task(search("disk", 1, group))
        group.create_task(search("cache", 2, group))
        group.create_task(search("network", 5, group))  # cancelled at 2 s
    took = round(loop.time() - start, 1)
    print("left the group without an exception at", took, "s")


asyncio.run(main())
