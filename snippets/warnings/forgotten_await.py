import asyncio


async def save(record):
    await asyncio.sleep(0.1)
    print(f"save: stored {record}")


async def main():
    save("order 17")  # missing await: creates a coroutine object, drops it
    print("main: done, and nothing was saved")
    #> main: done, and nothing was saved


asyncio.run(main())
