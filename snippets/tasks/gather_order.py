import asyncio


async def fetch(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name} finished after {seconds} s")
    #> fast finished after 1 s
    #> slow finished after 2 s
    return f"result of {name}"


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    slow = asyncio.create_task(fetch("slow", 2))
    fast = asyncio.create_task(fetch("fast", 1))
    # Results come in the order of the arguments, not the order tasks finish.
    results = await asyncio.gather(slow, fast)
    print(results)
    #> ['result of slow', 'result of fast']
    took = loop.time() - start
    print(f"both done after {took:.1f} s, not 3 s: they ran concurrently")
    #> both done after 2.0 s, not 3 s: they ran concurrently


asyncio.run(main())
