# Python 3.14+: asyncio.run() and Runner.run() take any awaitable.
import asyncio


async def main():
    print("main runs in a task:", asyncio.current_task() is not None)
    return 42


class Job:
    """Not a coroutine: an object whose __await__ runs main()."""

    def __await__(self):
        return main().__await__()


print("run:", asyncio.run(Job()))
with asyncio.Runner() as runner:
    print("Runner.run:", runner.run(Job()))
try:
    asyncio.run(main)  # the function itself: the parentheses are missing
except TypeError as exc:
    print("TypeError:", exc)
