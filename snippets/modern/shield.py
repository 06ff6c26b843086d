import asyncio


async def save(document):
    await asyncio.sleep(1.0)
    print(f"save: {document} written")
    #> save: report.txt written
    return "saved"


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    # Keep a reference to the inner task: shield() protects it, not the await.
    saving = asyncio.create_task(save("report.txt"))
    try:
        async with asyncio.timeout(0.3):
            await asyncio.shield(saving)
    except TimeoutError:
        print(f"{loop.time() - start:.1f}s main: gave up waiting")
        #> 0.3s main: gave up waiting
        print(f"main: saving cancelled()? {saving.cancelled()}")
        #> main: saving cancelled()? False
    # The inner task was not cancelled: it finishes, and its result is there.
    print(f"main: result {await saving!r} at {loop.time() - start:.1f}s")
    #> main: result 'saved' at 1.0s


asyncio.run(main())
