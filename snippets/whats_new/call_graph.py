# Python 3.14+: format_call_graph() says where a task waits, and who awaits it.
import asyncio


async def fetch(name, ready):
    ready.set()
    await asyncio.sleep(1)  # suspended here when main() looks
    return name


async def fetch_both(ready):
    async with asyncio.TaskGroup() as group:
        group.create_task(fetch("a", ready), name="fetch-a")
    return "done"


async def main():
    ready = asyncio.Event()
    outer = asyncio.create_task(fetch_both(ready), name="fetch-both")
    await ready.wait()
    inner = next(t for t in asyncio.all_tasks() if t.get_name() == "fetch-a")
    # One line per await, innermost first: the task's own stack, then every
    # task awaiting it.
    print(asyncio.format_call_graph(inner))
    await outer


asyncio.run(main())
