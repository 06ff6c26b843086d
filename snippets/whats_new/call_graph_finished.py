# Python 3.14+: format_call_graph() is for unfinished tasks only.
import asyncio


async def quick():
    await asyncio.sleep(0.1)


async def main():
    task = asyncio.create_task(quick(), name="quick")
    await task
    print(task.get_name(), "done:", task.done())
    try:
        asyncio.format_call_graph(task)
    except AttributeError as exc:
        print("AttributeError:", exc)
    for entry in asyncio.capture_call_graph(task).call_stack:
        print("call stack entry, frame:", entry.frame)


asyncio.run(main())
