import asyncio


async def save(record):
    await asyncio.sleep(0.1)
    print(f"save: stored {record}")
    #> save: stored order 17
    #> save: stored order 18


async def main():
    await save("order 17")  # await runs the coroutine to its end
    # Or hand it to a task, and await that.
    task = asyncio.create_task(save("order 18"))
    await task
    print("main: done")
    #> main: done


asyncio.run(main())
