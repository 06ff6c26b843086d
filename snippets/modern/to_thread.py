import asyncio
import time


def read_sensor():
    # Stands for a blocking call: a driver, a sync HTTP client, a big file.
    time.sleep(0.5)
    return 21.5


async def ticker(ticks):
    while True:  # another task that wants a turn every 0.1 s
        await asyncio.sleep(0.1)
        ticks.append("tick")


async def while_running(label, blocking_call):
    ticks = []
    other = asyncio.create_task(ticker(ticks))
    await asyncio.sleep(0)  # let the ticker start and reach its first sleep
    value = await blocking_call()
    other.cancel()
    got_turns = "got turns" if ticks else "never got a turn"
    print(f"{label}: returned {value}; meanwhile the other task {got_turns}")
    #> direct call: returned 21.5; meanwhile the other task never got a turn
    #> to_thread: returned 21.5; meanwhile the other task got turns


async def direct():
    return read_sensor()  # blocks the event loop itself


async def in_thread():
    return await asyncio.to_thread(read_sensor)  # blocks only a worker thread


async def main():
    await while_running("direct call", direct)
    await while_running("to_thread", in_thread)


asyncio.run(main())
