import asyncio


async def main():
    await asyncio.sleep(1)
    raise ValueError("not part of the plan")


asyncio.run(main())
