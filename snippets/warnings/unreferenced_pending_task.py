import asyncio
import gc


async def wait_for_reply(reply):
    print("waiter: waiting for a reply")
    #> waiter: waiting for a reply
    try:
        await reply
        print("waiter: got the reply")  # never reached
    except asyncio.CancelledError:
        print("waiter: cancelled")  # never reached either
    except BaseException as exc:
        print(f"waiter: {type(exc).__name__} raised at `await reply`")
        #> waiter: GeneratorExit raised at `await reply`
        raise
    finally:
        print("waiter: finally block runs")
        #> waiter: finally block runs


async def main():
    # Only the task refers to this future, and nothing but the loop's weak
    # reference refers to the task: together they are garbage.
    reply = asyncio.get_running_loop().create_future()
    asyncio.create_task(wait_for_reply(reply), name="waiter")
    del reply
    await asyncio.sleep(0.1)  # the task starts and suspends on the future
    print("main: collecting garbage")
    #> main: collecting garbage
    gc.collect()  # runs now; in a real program it runs whenever Python decides
    print("main: done")
    #> main: done


asyncio.run(main())
