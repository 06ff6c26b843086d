import asyncio


async def job(name, seconds, fail=False):
    try:
        await asyncio.sleep(seconds)
        if fail:
            raise ValueError(f"{name} failed")
        print(f"{name}: finished")
        #> quick: finished
    except asyncio.CancelledError:
        print(f"{name}: cancelled by the task group")
        #> slow: cancelled by the task group
        raise


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("quick", 0.5))
            tg.create_task(job("broken", 1.0, fail=True))
            tg.create_task(job("slow", 3.0))
        print("not reached: the block raises")
    except* ValueError as group:
        # The group holds every error the children raised; here there is one.
        count = len(group.exceptions)
        print(f"caught {type(group).__name__} with {count} error(s):")
        #> caught ExceptionGroup with 1 error(s):
        for error in group.exceptions:
            print(f"  {type(error).__name__}: {error}")
            #>   ValueError: broken failed
    print(f"all children are done at {loop.time() - start:.1f}s")
    #> all children are done at 1.0s


asyncio.run(main())
