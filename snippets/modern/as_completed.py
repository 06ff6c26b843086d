import asyncio


async def resize(image, seconds):
    await asyncio.sleep(seconds)
    return f"{image} resized"


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    jobs = [resize("a.png", 1.2), resize("b.png", 0.4), resize("c.png", 0.8)]
    # Each item is an awaitable for the next result to arrive, fastest first.
    for next_result in asyncio.as_completed(jobs):
        result = await next_result
        print(f"{loop.time() - start:.1f}s {result}")
        #> 0.4s b.png resized
        #> 0.8s c.png resized
        #> 1.2s a.png resized


asyncio.run(main())
