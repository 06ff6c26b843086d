import asyncio


async def resize(image, seconds):
    await asyncio.sleep(seconds)
    return f"{image} resized"


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = [
        asyncio.create_task(resize(image, seconds), name=image)
        for image, seconds in [("a.png", 1.2), ("b.png", 0.4), ("c.png", 0.8)]
    ]
    # From 3.13, `async for` yields the original tasks, done, fastest first.
    async for task in asyncio.as_completed(tasks):
        at = loop.time() - start
        print(f"{at:.1f}s task {task.get_name()}: {task.result()}")
        #> 0.4s task b.png: b.png resized
        #> 0.8s task c.png: c.png resized
        #> 1.2s task a.png: a.png resized


asyncio.run(main())
