# Python 3.14+: create_task(..., eager_start=True) starts one task at once,
# inside the call.
import asyncio


async def report(name):
    print(f"{name}: first step")
    await asyncio.sleep(0)
    print(f"{name}: after its first await")


async def main():
    lazy = asyncio.create_task(report("lazy"))
    print("lazy task created")
    eager = asyncio.create_task(report("eager"), eager_start=True)
    print("eager task created")  # printed after the eager task's first step
    await asyncio.gather(lazy, eager)


asyncio.run(main())
