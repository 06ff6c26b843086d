import asyncio


async def saver():
    me = asyncio.current_task()
    for batch in (1, 2, 3):
        try:
            await asyncio.sleep(1.0)
            print(f"saver: batch {batch} saved")
            #> saver: batch 2 saved
        except asyncio.CancelledError:
            print(f"saver: cancel request in batch {batch}, cancelling() = {me.cancelling()}")
            #> saver: cancel request in batch 1, cancelling() = 1
            #> saver: cancel request in batch 3, cancelling() = 1
            if batch > 1:
                raise  # a later request: give in
            # Withdraw the request so the task is no longer considered "being cancelled".
            print(f"saver: ignoring the first one, uncancel() -> {me.uncancel()}")
            #> saver: ignoring the first one, uncancel() -> 0


async def main():
    task = asyncio.create_task(saver())
    await asyncio.sleep(0.5)
    task.cancel()
    await asyncio.sleep(1.5)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print(f"main: saver ended cancelled()? {task.cancelled()}")
        #> main: saver ended cancelled()? True


asyncio.run(main())
