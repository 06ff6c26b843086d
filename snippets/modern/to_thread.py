import asyncio
import time


def read_sensor():
    time.sleep(0.3)  # stands for a blocking call: a driver, a sync HTTP client, a big file
    return 21.5


async def other_work():
    print("other task: got its turn")
    #> other task: got its turn
    #> other task: got its turn


async def main():
    # Called directly, the blocking function freezes the event loop: nothing else runs.
    other = asyncio.create_task(other_work())
    value = read_sensor()
    print(f"main: direct call returned {value}")
    #> main: direct call returned 21.5
    await other

    # Run in a worker thread, it blocks only that thread; the loop serves other tasks.
    other = asyncio.create_task(other_work())
    value = await asyncio.to_thread(read_sensor)
    print(f"main: to_thread returned {value}")
    #> main: to_thread returned 21.5
    await other


asyncio.run(main())
