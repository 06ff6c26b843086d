import asyncio


async def brew(drink, seconds):
    print(f"{drink}: started")
    await asyncio.sleep(seconds)
    print(f"{drink}: ready")
    return drink


async def main():
    # create_task() needs a running loop: call it inside a coroutine run by asyncio.run().
    task = asyncio.create_task(brew("tea", 2))
    print("main: task created")
    drink = await task  # main waits here until the task has finished
    print(f"main: got {drink}")


asyncio.run(main())
