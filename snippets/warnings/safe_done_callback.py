import asyncio

outcomes = {}


def record(task):
    # Ask cancelled() first, then exception(): only then is result() safe.
    if task.cancelled():
        outcomes[task.get_name()] = "cancelled"
    elif task.exception() is not None:
        outcomes[task.get_name()] = f"failed: {task.exception()}"
    else:
        outcomes[task.get_name()] = task.result()


async def fetch(seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise ConnectionError("service unreachable")
    return f"data after {seconds}s"


async def main():
    tasks = [
        asyncio.create_task(fetch(0.2), name="prices"),
        asyncio.create_task(fetch(0.4, fail=True), name="stock"),
        asyncio.create_task(fetch(10), name="news"),
    ]
    for task in tasks:
        task.add_done_callback(record)
    await asyncio.sleep(0.6)
    tasks[2].cancel()  # news takes too long
    await asyncio.wait(tasks)
    for name, outcome in outcomes.items():
        print(f"main: {name}: {outcome}")
        #> main: prices: data after 0.2s
        #> main: stock: failed: service unreachable
        #> main: news: cancelled


asyncio.run(main())
