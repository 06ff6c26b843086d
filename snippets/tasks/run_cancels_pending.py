import asyncio


async def job(name, seconds):
    try:
        await asyncio.sleep(seconds)
        print(f"{name}: finished")
        #> email: finished
    except asyncio.CancelledError:
        print(f"{name}: cancelled, cleaning up")
        #> backup: cancelled, cleaning up
        await asyncio.sleep(0.2)  # cleanup that awaits: asyncio.run() waits
        print(f"{name}: cleaned up")
        #> backup: cleaned up
        raise


started = []


async def main():
    for name, seconds in [("email", 0.5), ("backup", 3.0)]:
        started.append(asyncio.create_task(job(name, seconds), name=name))
    await asyncio.sleep(1)
    print("main: returning, with backup still running")
    #> main: returning, with backup still running


asyncio.run(main())
for task in started:
    cancelled = task.cancelled()
    print(f"after asyncio.run(): {task.get_name()} cancelled? {cancelled}")
    #> after asyncio.run(): email cancelled? False
    #> after asyncio.run(): backup cancelled? True
