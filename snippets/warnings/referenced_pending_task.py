import asyncio
import gc


async def wait_for_reply(reply):
    print("waiter: waiting for a reply")
    #> waiter: waiting for a reply
    try:
        await reply
    except asyncio.CancelledError:
        print("waiter: cancelled")
        #> waiter: cancelled
        raise


async def main():
    reply = asyncio.get_running_loop().create_future()
    waiter = asyncio.create_task(wait_for_reply(reply), name="waiter")  # a strong reference
    del reply
    await asyncio.sleep(0.1)
    print("main: collecting garbage")
    #> main: collecting garbage
    gc.collect()  # the task is reachable through `waiter`: nothing is collected
    print(f"main: waiter still pending? {not waiter.done()}")
    #> main: waiter still pending? True
    waiter.cancel()  # no reply will ever come: end the task on purpose, and wait for it
    try:
        await waiter
    except asyncio.CancelledError:
        print(f"main: waiter cancelled? {waiter.cancelled()}")
        #> main: waiter cancelled? True


asyncio.run(main())
