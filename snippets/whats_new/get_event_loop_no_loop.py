# Python 3.14+: asyncio.get_event_loop() no longer creates a loop when none
# is set.
import asyncio

try:
    asyncio.get_event_loop()
except RuntimeError as error:
    print("RuntimeError:", error)


async def main():
    # Inside a coroutine there is a running loop: call get_running_loop().
    print("running loop found:", asyncio.get_running_loop() is not None)


asyncio.run(main())
