import asyncio


async def step(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name}: done")
    #> connect: done
    #> retry 1: done
    #> retry 2: done


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()

    # timeout(): a time limit relative to now, for everything inside the block.
    try:
        async with asyncio.timeout(1.0):
            await step("connect", 0.4)
            await step("download", 2.0)  # cancelled at 1.0 s
    except TimeoutError:
        print(f"timeout(1.0) expired at {loop.time() - start:.1f}s")
        #> timeout(1.0) expired at 1.0s

    # timeout_at(): a deadline on the loop's clock, shared by several steps.
    deadline = loop.time() + 1.5
    for name in ("retry 1", "retry 2", "retry 3"):
        try:
            async with asyncio.timeout_at(deadline):
                await step(name, 0.6)
        except TimeoutError:
            print(f"{name}: deadline passed at {loop.time() - start:.1f}s")
            #> retry 3: deadline passed at 2.5s
            break


asyncio.run(main())
