# Python 3.14+: with the eager task factory installed, eager_start=False
# keeps one task lazy.
import asyncio


async def report(name):
    print(f"{name}: first step")
    await asyncio.sleep(0)
    print(f"{name}: after its first await")


async def main():
    asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    eager = asyncio.create_task(report("eager"))
    print("eager task created")  # after the eager task's first step
    lazy = asyncio.create_task(report("lazy"), eager_start=False)
    print("lazy task created")  # before the lazy task's first step
    await asyncio.gather(eager, lazy)


asyncio.run(main())
