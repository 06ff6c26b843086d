# 12 jobs, at most 3 handled at a time: a Semaphore with one task per
# job, then a bounded Queue with a fixed pool of 3 workers.
import asyncio

JOBS, LIMIT = 12, 3


async def handle(job):
    await asyncio.sleep(0.3 + 0.01 * job)  # stands for a request


async def with_semaphore(now):
    semaphore = asyncio.Semaphore(LIMIT)

    async def one(job):
        async with semaphore:
            await handle(job)

    tasks = [asyncio.create_task(one(job)) for job in range(JOBS)]
    await asyncio.sleep(0)  # every task starts; 3 get in
    print(f"semaphore: {now():.1f} s, all {JOBS} jobs taken,",
          "tasks alive:", len(asyncio.all_tasks()))
    await asyncio.gather(*tasks)
    #> semaphore: 0.0 s, all 12 jobs taken, tasks alive: 13
    print(f"semaphore: {now():.1f} s, done")
    #> semaphore: 1.5 s, done


async def with_queue(now):
    queue = asyncio.Queue(maxsize=LIMIT)

    async def worker():
        while True:
            job = await queue.get()
            await handle(job)
            queue.task_done()

    workers = [asyncio.create_task(worker()) for _ in range(LIMIT)]
    for job in range(JOBS):
        await queue.put(job)  # waits while the queue is full
        if job == JOBS // 2:
            print(f"queue: {now():.1f} s, job {job} taken,",
                  "tasks alive:", len(asyncio.all_tasks()))
    await queue.join()
            #> queue: 0.3 s, job 6 taken, tasks alive: 4
    print(f"queue: {now():.1f} s, done")
    #> queue: 1.5 s, done
    for task in workers:
        task.cancel()


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await with_semaphore(lambda: loop.time() - start)
    start = loop.time()
    await with_queue(lambda: loop.time() - start)


asyncio.run(main())
