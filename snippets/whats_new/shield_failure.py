# Python 3.14+: a shielded task that fails after its waiter has given up
# is logged as an error, even when the program handles the error later.
import asyncio


async def save(seconds):
    await asyncio.sleep(seconds)
    raise OSError("disk full")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()

    def now():
        return f"{loop.time() - start:.1f}s"

    saving = asyncio.create_task(save(1), name="save")
    try:
        async with asyncio.timeout(0.3):
            await asyncio.shield(saving)
    except TimeoutError:
        print(now(), "shield: stopped waiting")
    try:
        await saving
    except OSError as exc:
        print(now(), "shield: handled", exc)

    saving = asyncio.create_task(save(0.7), name="save-again")
    done, pending = await asyncio.wait({saving}, timeout=0.3)
    print(now(), "wait: stopped waiting,", len(pending), "pending")
    try:
        await saving
    except OSError as exc:
        print(now(), "wait: handled", exc)


asyncio.run(main())
