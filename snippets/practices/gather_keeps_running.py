import asyncio


async def job(name, seconds, since, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise ValueError(f"{name}: bad input")
    print(f"{since():.1f}s  {name}: finished")
    #> 1.0s  slow: finished


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    since = lambda: loop.time() - start
    broken = asyncio.create_task(job("broken", 0.3, since, fail=True))
    slow = asyncio.create_task(job("slow", 1.0, since))
    try:
        await asyncio.gather(broken, slow)
    except ValueError as exc:
        print(f"{since():.1f}s  main: caught ValueError: {exc}")
        #> 0.3s  main: caught ValueError: broken: bad input
    # gather() has handed over the first exception, but cancelled nothing:
    state = f"done? {slow.done()}, cancelled? {slow.cancelled()}"
    print(f"{since():.1f}s  main: slow is {state}")
    #> 0.3s  main: slow is done? False, cancelled? False
    await asyncio.sleep(1.0)  # main does something else; slow is still at work
    state = f"done? {slow.done()}, cancelled? {slow.cancelled()}"
    print(f"{since():.1f}s  main: slow is {state}")
    #> 1.3s  main: slow is done? True, cancelled? False


asyncio.run(main())
