import asyncio


def report(task):
    if not task.cancelled() and task.exception() is not None:
        print(f"callback: {task.get_name()} raised {task.exception()!r}")
        #> callback: parse raised ValueError('bad input')


async def parse():
    await asyncio.sleep(1)
    raise ValueError("bad input")


async def main():
    task = asyncio.create_task(parse(), name="parse")
    task.add_done_callback(report)
    try:
        await task
        print("main: await returned normally")
    except ValueError as exc:
        # The callback saw the error; the task still raises it to each awaiter.
        print(f"main: await still raised {exc!r}")
        #> main: await still raised ValueError('bad input')


asyncio.run(main())
