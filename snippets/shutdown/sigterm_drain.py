# On SIGTERM: stop taking new work, finish the work already queued (for
# at most 2 s), then cancel what is left. Needs a Unix event loop.
import asyncio
import os
import signal


async def worker(name, queue, now):
    while True:
        job, seconds = await queue.get()
        try:
            await asyncio.sleep(seconds)
            print(f"{now():.1f} s  {name} finished {job}")
            #> 0.3 s  worker-1 finished a
            #> 0.7 s  worker-2 finished b
            #> 0.9 s  worker-1 finished c
            #> 1.3 s  worker-1 finished e
            #> 1.9 s  worker-1 finished f
        except asyncio.CancelledError:
            print(f"{now():.1f} s  {name} cancelled in {job}")
            #> 3.1 s  worker-2 cancelled in d
            raise
        finally:
            queue.task_done()


async def accept_jobs(queue):  # stands for a server taking requests
    for job, seconds in [("a", 0.3), ("b", 0.5), ("c", 0.5), ("d", 2.9),
                         ("e", 0.4), ("f", 0.6), ("g", 0.5), ("h", 0.5)]:
        queue.put_nowait((job, seconds))
        await asyncio.sleep(0.2)


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()

    def now():
        return loop.time() - start

    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    # What `kill PID` or a service manager does: SIGTERM, here at 1.1 s.
    loop.call_later(1.1, os.kill, os.getpid(), signal.SIGTERM)

    queue = asyncio.Queue()
    workers = [asyncio.create_task(worker(f"worker-{n}", queue, now))
               for n in (1, 2)]
    accepting = asyncio.create_task(accept_jobs(queue))

    await stop.wait()
    accepting.cancel()
    print(f"{now():.1f} s  SIGTERM: no new jobs, {queue.qsize()} queued")
    #> 1.1 s  SIGTERM: no new jobs, 1 queued
    try:
        async with asyncio.timeout(2):
            await queue.join()
        print(f"{now():.1f} s  every job finished")
    except TimeoutError:
        print(f"{now():.1f} s  2 s are up: cancelling the workers")
        #> 3.1 s  2 s are up: cancelling the workers
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print(f"{now():.1f} s  stopped")
    #> 3.1 s  stopped


asyncio.run(main())
