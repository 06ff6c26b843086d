import asyncio


async def download():
    print("download: started")
    #> download: started
    try:
        await asyncio.sleep(10)
        print("download: finished")  # never reached: cancelled first
    except asyncio.CancelledError:
        print("download: cancelled while sleeping, cleaning up")
        #> download: cancelled while sleeping, cleaning up
        raise  # let the cancellation through: the caller must see it
    finally:
        print("download: finally block ran")
        #> download: finally block ran


async def main():
    task = asyncio.create_task(download())
    await asyncio.sleep(1)  # let the task start and reach its first await
    print(f"main: cancel() returned {task.cancel()}")
    #> main: cancel() returned True
    try:
        await task
    except asyncio.CancelledError:
        if asyncio.current_task().cancelling():
            raise  # main itself is being cancelled: let that through
        print("main: awaiting the task raised CancelledError")
        #> main: awaiting the task raised CancelledError
    print(f"main: cancelled()? {task.cancelled()}")
    #> main: cancelled()? True


asyncio.run(main())
