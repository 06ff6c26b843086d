import asyncio


async def fail():
    await asyncio.sleep(0.1)
    raise ValueError("bad input")


async def download():
    await asyncio.sleep(10)


async def job(downloads):
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fail())
    except* ValueError:
        # To stop the body, the group asked to cancel this task: 3.11 and
        # 3.12 leave that request counted in cancelling(), 3.13 withdraws it.
        print("job: handled the group's ValueError")
        #> job: handled the group's ValueError
        #> job: handled the group's ValueError
    before = me.cancelling()  # whatever is left over, count from here
    task = asyncio.create_task(download())
    downloads.append(task)
    try:
        await task
    except asyncio.CancelledError:
        rose = me.cancelling() - before
        print(f"job: cancelling() rose by {rose} while it waited")
        #> job: cancelling() rose by 0 while it waited
        #> job: cancelling() rose by 1 while it waited
        if rose:
            raise  # a new request to cancel this task: let it through
    return "returned normally"


async def main():
    for target in ("the download", "job"):
        downloads = []
        job_task = asyncio.create_task(job(downloads))
        await asyncio.sleep(1)
        (downloads[0] if target == "the download" else job_task).cancel()
        try:
            result = await job_task
            print(f"main: cancelled {target}; job {result}")
            #> main: cancelled the download; job returned normally
        except asyncio.CancelledError:
            print(f"main: cancelled {target}; job ended cancelled")
            #> main: cancelled job; job ended cancelled


asyncio.run(main())
