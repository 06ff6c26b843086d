import asyncio
import os
import tempfile

import aiofiles  # third-party: pip install aiofiles


async def write_report(path, lines, halfway):
    # `async with` closes the file however the block is left: normally, by an error,
    # or by a cancellation.
    async with aiofiles.open(path, "w") as f:
        for number, line in enumerate(lines, 1):
            await f.write(line + "\n")
            if number == 2:
                halfway.set_result(f)  # hand the open file to main, to look at later
                await asyncio.sleep(10)  # waiting for more data, which never comes


async def main():
    with tempfile.TemporaryDirectory() as folder:  # nothing lands in the current directory
        path = os.path.join(folder, "report.txt")
        halfway = asyncio.get_running_loop().create_future()
        task = asyncio.create_task(write_report(path, ["alpha", "beta", "gamma"], halfway))
        f = await halfway
        print(f"main: the writer is halfway, file closed? {f.closed}")
        #> main: the writer is halfway, file closed? False
        task.cancel()
        await asyncio.wait([task])
        print(f"main: writer cancelled()? {task.cancelled()}, file closed? {f.closed}")
        #> main: writer cancelled()? True, file closed? True
        async with aiofiles.open(path) as reader:
            print(f"main: the file holds {await reader.read()!r}")
            #> main: the file holds 'alpha\nbeta\n'


asyncio.run(main())
