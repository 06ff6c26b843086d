import asyncio


async def main():
    await asyncio.Event().wait()  # nothing ever sets it


asyncio.run(main())
