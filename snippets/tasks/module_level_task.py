# The article's first example, as it stands: create_task() at module level.
import asyncio


async def my_coroutine():
    print("Coroutine started")
    await asyncio.sleep(2)
    print("Coroutine finished")


# No event loop is running here, so there is nothing to schedule the task on.
task = asyncio.create_task(my_coroutine())
