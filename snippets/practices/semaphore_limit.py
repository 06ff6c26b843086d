import asyncio

# Seconds each task holds the semaphore: no two tasks finish at the same time.
DURATIONS = [0.6, 0.4, 0.8, 0.6, 0.9, 1.2, 0.3, 0.5, 0.9, 0.4]
started = 0  # how many tasks have started running
holders = 0  # how many tasks are inside `async with semaphore` right now
most = 0


def now(start):
    return f"{asyncio.get_running_loop().time() - start:.1f}s"


async def limited_task(semaphore, task_id, seconds, start):
    global started, holders, most
    started += 1
    async with semaphore:
        holders += 1
        most = max(most, holders)
        print(f"{now(start)}  task {task_id} enters  ({holders} holding)")
        #> 0.0s  task 0 enters  (1 holding)
        #> 0.0s  task 1 enters  (2 holding)
        #> 0.0s  task 2 enters  (3 holding)
        #> 0.4s  task 3 enters  (3 holding)
        #> 0.6s  task 4 enters  (3 holding)
        #> 0.8s  task 5 enters  (3 holding)
        #> 1.0s  task 6 enters  (3 holding)
        #> 1.3s  task 7 enters  (3 holding)
        #> 1.5s  task 8 enters  (3 holding)
        #> 1.8s  task 9 enters  (3 holding)
        await asyncio.sleep(seconds)
        holders -= 1
        print(f"{now(start)}  task {task_id} leaves  ({holders} holding)")
        #> 0.4s  task 1 leaves  (2 holding)
        #> 0.6s  task 0 leaves  (2 holding)
        #> 0.8s  task 2 leaves  (2 holding)
        #> 1.0s  task 3 leaves  (2 holding)
        #> 1.3s  task 6 leaves  (2 holding)
        #> 1.5s  task 4 leaves  (2 holding)
        #> 1.8s  task 7 leaves  (2 holding)
        #> 2.0s  task 5 leaves  (2 holding)
        #> 2.2s  task 9 leaves  (1 holding)
        #> 2.4s  task 8 leaves  (0 holding)


async def main():
    semaphore = asyncio.Semaphore(3)  # at most 3 tasks inside at any moment
    start = asyncio.get_running_loop().time()
    tasks = [
        asyncio.create_task(limited_task(semaphore, i, seconds, start))
        for i, seconds in enumerate(DURATIONS)
    ]
    await asyncio.sleep(0)  # one turn of the loop: each task takes a step
    waiting = started - holders
    print(f"{now(start)}  main: {started} tasks running, {waiting} waiting")
    #> 0.0s  main: 10 tasks running, 7 waiting
    await asyncio.gather(*tasks)
    print(f"most tasks holding the semaphore at the same time: {most}")
    #> most tasks holding the semaphore at the same time: 3


asyncio.run(main())
