import asyncio


async def mirror(name, seconds):
    await asyncio.sleep(seconds)
    return f"file from {name}"


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = {
        asyncio.create_task(mirror("eu", 1.5), name="eu"),
        asyncio.create_task(mirror("us", 0.5), name="us"),
        asyncio.create_task(mirror("asia", 3.0), name="asia"),
    }
    # Return as soon as one task is done; the others keep running.
    done, pending = await asyncio.wait(
        tasks, return_when=asyncio.FIRST_COMPLETED
    )
    first = done.pop()
    print(f"{loop.time() - start:.1f}s first: {first.result()}")
    #> 0.5s first: file from us
    print(f"still pending: {sorted(t.get_name() for t in pending)}")
    #> still pending: ['asia', 'eu']

    # A timeout only stops the waiting: nothing is cancelled, nothing raised.
    done, pending = await asyncio.wait(pending, timeout=1.5)
    names = sorted(t.get_name() for t in done)
    print(f"{loop.time() - start:.1f}s done: {names}")
    #> 2.0s done: ['eu']
    print(f"still pending: {sorted(t.get_name() for t in pending)}")
    #> still pending: ['asia']
    for task in pending:
        task.cancel()  # cancelling what is left is our job
    await asyncio.wait(pending)
    names = sorted(t.get_name() for t in pending if t.cancelled())
    print(f"cancelled: {names}")
    #> cancelled: ['asia']


asyncio.run(main())
