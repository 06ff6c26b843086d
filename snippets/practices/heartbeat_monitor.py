import asyncio

LIMIT = 1.0  # seconds without a heartbeat before the monitor stops the worker


async def worker(jobs, heartbeat, since):
    try:
        for number, seconds in enumerate(jobs, 1):
            heartbeat["last"] = since()  # "still alive", before each job
            print(f"{since():.1f}s  worker: heartbeat, starting job {number}")
            #> 0.0s  worker: heartbeat, starting job 1
            #> 0.5s  worker: heartbeat, starting job 2
            #> 1.0s  worker: heartbeat, starting job 3
            #> 0.0s  worker: heartbeat, starting job 1
            #> 0.5s  worker: heartbeat, starting job 2
            #> 1.0s  worker: heartbeat, starting job 3
            await asyncio.sleep(seconds)
        print(f"{since():.1f}s  worker: all jobs done")
        #> 1.2s  worker: all jobs done
    except asyncio.CancelledError:
        print(f"{since():.1f}s  worker: cancelled during job {number}")
        #> 2.1s  worker: cancelled during job 3
        raise


async def monitor(task, heartbeat, since):
    while True:
        # Look every 0.7 s, or when the worker ends; wait() raises nothing.
        done, _ = await asyncio.wait([task], timeout=0.7)
        if done:
            break
        last = heartbeat["last"]
        silence = since() - last
        # Times since the start, not the silence itself: on a busy machine
        # both can come late, so a difference of two may print either way.
        print(f"{since():.1f}s  monitor: last heartbeat at {last:.1f}s")
        #> 0.7s  monitor: last heartbeat at 0.5s
        #> 0.7s  monitor: last heartbeat at 0.5s
        #> 1.4s  monitor: last heartbeat at 1.0s
        #> 2.1s  monitor: last heartbeat at 1.0s
        if silence > LIMIT:
            print(f"{since():.1f}s  monitor: silent over {LIMIT}s, cancelling")
            #> 2.1s  monitor: silent over 1.0s, cancelling
            task.cancel()
    cancelled = task.cancelled()
    print(f"{since():.1f}s  monitor: worker ended, cancelled()? {cancelled}")
    #> 1.2s  monitor: worker ended, cancelled()? False
    #> 2.1s  monitor: worker ended, cancelled()? True


async def main():
    loop = asyncio.get_running_loop()
    # The second worker hangs in job 3.
    for jobs in ([0.5, 0.5, 0.2], [0.5, 0.5, 10.0]):
        print(f"--- worker with jobs of {jobs} seconds")
        #> --- worker with jobs of [0.5, 0.5, 0.2] seconds
        #> --- worker with jobs of [0.5, 0.5, 10.0] seconds
        start = loop.time()
        since = lambda: loop.time() - start  # seconds since this round started
        heartbeat = {"last": 0.0}
        task = asyncio.create_task(worker(jobs, heartbeat, since))
        await monitor(task, heartbeat, since)


asyncio.run(main())
