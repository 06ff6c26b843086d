import asyncio


async def brew(drink, seconds):
    print(f"{drink}: started")
    #> tea: started
    await asyncio.sleep(seconds)
    print(f"{drink}: ready")
    #> tea: ready
    return drink


async def main():
    # create_task() needs a running loop: call it in a coroutine that
    # asyncio.run() runs.
    task = asyncio.create_task(brew("tea", 2))
    print("main: task created")
    #> main: task created
    drink = await task  # main waits here until the task has finished
    print(f"main: got {drink}")
    #> main: got tea


asyncio.run(main())
