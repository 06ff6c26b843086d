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
    # `waiter` is a strong reference to the task.
    waiter = asyncio.create_task(wait_for_reply(reply), name="waiter")
    del reply
    await asyncio.sleep(0.1)
    print("main: collecting garbage")
    #> main: collecting garbage
    gc.collect()  # the task is reachable through `waiter`: nothing collected
    print(f"main: waiter still pending? {not waiter.done()}")
    #> main: waiter still pending? True
    # No reply will ever come: end the task on purpose, and wait for it.
    waiter.cancel()
    try:
        await waiter
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise  # main itself is being cancelled: let that through
        print(f"main: waiter cancelled? {waiter.cancelled()}")
        #> main: waiter cancelled? True


asyncio.run(main())
