import asyncio
import time

LIMIT = 1.0  # seconds without a heartbeat before the monitor stops the worker
BLOCK = 1.5  # seconds job 2 keeps the whole event loop busy


async def worker(heartbeat, blocked):
    loop = asyncio.get_running_loop()
    for number in (1, 2, 3):
        heartbeat["last"] = loop.time()  # "still alive", before each job
        if number == 2:
            print(f"worker: job 2 calls time.sleep({BLOCK}), which blocks")
            #> worker: job 2 calls time.sleep(1.5), which blocks
            blocked["from"] = loop.time()
            time.sleep(BLOCK)  # no await: no other task runs meanwhile
            blocked["to"] = loop.time()
        else:
            print(f"worker: job {number} awaits asyncio.sleep(0.5)")
            #> worker: job 1 awaits asyncio.sleep(0.5)
            #> worker: job 3 awaits asyncio.sleep(0.5)
            await asyncio.sleep(0.5)
    print("worker: all jobs done")
    #> worker: all jobs done


async def monitor(task, heartbeat):
    loop = asyncio.get_running_loop()
    checks = [loop.time()]
    cancelled = False
    while not task.done():
        await asyncio.wait([task], timeout=0.2)  # look every 0.2 s
        checks.append(loop.time())
        if loop.time() - heartbeat["last"] > LIMIT:
            cancelled = task.cancel()
    return checks, cancelled


async def main():
    heartbeat, blocked = {"last": 0.0}, {}
    task = asyncio.create_task(worker(heartbeat, blocked))
    checks, cancelled = await monitor(task, heartbeat)
    during = [t for t in checks if blocked["from"] < t < blocked["to"]]
    longest = max(b - a for a, b in zip(checks, checks[1:]))
    print(f"monitor: checks made while job 2 blocked the loop: {len(during)}")
    #> monitor: checks made while job 2 blocked the loop: 0
    print(f"monitor: longest time between two checks over {LIMIT} s? "
    #> monitor: longest time between two checks over 1.0 s? True
          f"{longest > LIMIT}")
    print(f"monitor: cancelled the silent worker? {cancelled}")
    #> monitor: cancelled the silent worker? False


asyncio.run(main())
