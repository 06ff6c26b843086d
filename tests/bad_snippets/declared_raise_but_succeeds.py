import asyncio


async def main():
    print("all fine")


asyncio.run(main())
