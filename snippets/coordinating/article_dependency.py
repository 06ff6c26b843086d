import asyncio

START = 0.0


def now():
    """Seconds since main() started, on the event loop's clock."""
    return f"{asyncio.get_running_loop().time() - START:.1f}s"


def where():
    name = asyncio.current_task().get_name()
    return f"(in task {name!r}; tasks: {len(asyncio.all_tasks())})"


async def fetch_data():
    print(f"{now()} fetch_data: fetching {where()}")
    #> 0.6s fetch_data: fetching (in task 'main'; tasks: 1)
    await asyncio.sleep(1)
    print(f"{now()} fetch_data: done")
    #> 1.6s fetch_data: done
    return {"data": 42}


async def process_data():
    print(f"{now()} process_data: preparing {where()}")
    #> 0.0s process_data: preparing (in task 'main'; tasks: 1)
    await asyncio.sleep(0.6)
    data = await fetch_data()  # like a call: fetch_data runs now, to its end
    print(f"{now()} process_data: processing {data['data']}")
    #> 1.6s process_data: processing 42
    await asyncio.sleep(0.3)


async def main():
    global START
    START = asyncio.get_running_loop().time()
    # Name the task that asyncio.run() created to run main().
    asyncio.current_task().set_name("main")
    await process_data()
    print(f"{now()} main: finished; one task did it all, step by step")
    #> 1.9s main: finished; one task did it all, step by step


asyncio.run(main())
