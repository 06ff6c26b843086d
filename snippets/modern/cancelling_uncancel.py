import asyncio


async def saver():
    me = asyncio.current_task()
    for batch in (1, 2, 3):
        try:
            await asyncio.sleep(1.0)
            print(f"saver: batch {batch} saved")
            #> saver: batch 2 saved
        except asyncio.CancelledError:
            count = me.cancelling()
            where = f"cancel request in batch {batch}"
            print(f"saver: {where}, cancelling() = {count}")
            #> saver: cancel request in batch 1, cancelling() = 1
            #> saver: cancel request in batch 3, cancelling() = 1
            if batch > 1:
                raise  # a later request: give in
            # Withdraw the request: the task no longer counts as cancelled.
            left = me.uncancel()
            print(f"saver: ignoring the first one, uncancel() -> {left}")
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
        if asyncio.current_task().cancelling():
            raise  # main itself is being cancelled: let that through
        print(f"main: saver ended cancelled()? {task.cancelled()}")
        #> main: saver ended cancelled()? True


asyncio.run(main())
