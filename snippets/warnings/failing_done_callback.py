import asyncio

results = {}


def record(task):
    # Bug: on a failed task, result() raises the task's exception, here.
    results[task.get_name()] = task.result()


async def fetch(seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise ConnectionError("service unreachable")
    return f"data after {seconds}s"


async def main():
    tasks = [
        asyncio.create_task(fetch(0.2), name="prices"),
        asyncio.create_task(fetch(0.4, fail=True), name="stock"),
    ]
    for task in tasks:
        task.add_done_callback(record)
    await asyncio.wait(tasks)  # waits for both tasks and raises nothing
    print(f"main: results {results}")
    #> main: results {'prices': 'data after 0.2s'}
    print("main: no entry for stock, and the program goes on")
    #> main: no entry for stock, and the program goes on


asyncio.run(main())
