import asyncio


async def main():
    while True:  # never awaits: the event loop never runs again
        pass


asyncio.run(main())
