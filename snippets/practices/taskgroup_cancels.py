import asyncio


async def job(name, seconds, since, fail=False):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{since():.1f}s  {name}: cancelled by the task group")
        #> 0.3s  slow: cancelled by the task group
        raise
    if fail:
        raise ValueError(f"{name}: bad input")
    print(f"{since():.1f}s  {name}: finished")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    since = lambda: loop.time() - start
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(job("broken", 0.3, since, fail=True))
            slow = group.create_task(job("slow", 1.0, since))
    except* ValueError as group_error:
        errors = [str(error) for error in group_error.exceptions]
        kind = type(group_error).__name__
        print(f"{since():.1f}s  main: caught {kind} with {errors}")
        #> 0.3s  main: caught ExceptionGroup with ['broken: bad input']
    # The group cancelled the other task and waited for it before raising.
    state = f"done? {slow.done()}, cancelled? {slow.cancelled()}"
    print(f"{since():.1f}s  main: slow is {state}")
    #> 0.3s  main: slow is done? True, cancelled? True


asyncio.run(main())
