import asyncio
import os
import tempfile

import aiofiles  # third-party: pip install aiofiles


async def write_report(path, lines, halfway):
    # `async with` closes the file however the block is left: normally, by an
    # error,
    # or by a cancellation.
    async with aiofiles.open(path, "w") as f:
        for number, line in enumerate(lines, 1):
            await f.write(line + "\n")
            if number == 2:
                halfway.set_result(f)  # hand the open file to main, to look at
                await asyncio.sleep(10)  # waits for data that never comes


async def main():
    # Nothing lands in the current directory.
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "report.txt")
        halfway = asyncio.get_running_loop().create_future()
        lines = ["alpha", "beta", "gamma"]
        task = asyncio.create_task(write_report(path, lines, halfway))
        f = await halfway
        print(f"main: the writer is halfway, file closed? {f.closed}")
        #> main: the writer is halfway, file closed? False
        task.cancel()
        await asyncio.wait([task])
        cancelled = task.cancelled()
        closed = f.closed
        print(f"main: writer cancelled()? {cancelled}, file closed? {closed}")
        #> main: writer cancelled()? True, file closed? True
        async with aiofiles.open(path) as reader:
            print(f"main: the file holds {await reader.read()!r}")
            #> main: the file holds 'alpha\nbeta\n'


asyncio.run(main())
