import asyncio
import time


async def main():
    time.sleep(3600)  # blocks the whole thread, event loop included


asyncio.run(main())
