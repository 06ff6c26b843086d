# Python 3.15+: closing an async generator that is inside a TaskGroup
# ends the group quietly.
import asyncio


async def ticker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("ticker: cancelled")
        raise


async def numbers():
    async with asyncio.TaskGroup() as group:
        group.create_task(ticker())
        for n in range(3):
            yield n
            await asyncio.sleep(0.1)


async def main():
    async for n in numbers():
        print("got", n)
        if n == 1:
            break  # the generator is closed: GeneratorExit at its yield
    await asyncio.sleep(0.5)
    print("main: done")


asyncio.run(main())
