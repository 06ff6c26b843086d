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
    #> 0.0s fetch_data: fetching (in task 'fetch'; tasks: 3)
    await asyncio.sleep(1)
    print(f"{now()} fetch_data: done")
    #> 1.0s fetch_data: done
    return {"data": 42}


async def process_data(fetch_task):
    print(f"{now()} process_data: preparing {where()}")
    #> 0.0s process_data: preparing (in task 'process'; tasks: 3)
    await asyncio.sleep(0.6)
    print(f"{now()} process_data: ready, waiting for fetch's result")
    #> 0.6s process_data: ready, waiting for fetch's result
    data = await fetch_task  # wait for the other task and take its result
    print(f"{now()} process_data: processing {data['data']}")
    #> 1.0s process_data: processing 42
    await asyncio.sleep(0.3)


async def main():
    global START
    START = asyncio.get_running_loop().time()
    asyncio.current_task().set_name("main")
    fetch = asyncio.create_task(fetch_data(), name="fetch")
    process = asyncio.create_task(process_data(fetch), name="process")
    await process
    print(f"{now()} main: finished; preparing and fetching overlapped")
    #> 1.3s main: finished; preparing and fetching overlapped


asyncio.run(main())
