import asyncio


async def worker(seconds):
    me = asyncio.current_task()  # the task running this coroutine
    print(f"{me.get_name()}: started")
    #> fetch-users: started
    #> fetch-orders: started
    await asyncio.sleep(seconds)
    me.set_name(f"{me.get_name()} (finishing)")
    await asyncio.sleep(0.5)


async def main():
    asyncio.current_task().set_name("main")
    workers = [
        asyncio.create_task(worker(0.3), name="fetch-users"),
        asyncio.create_task(worker(1.0), name="fetch-orders"),
    ]
    await asyncio.sleep(0.6)
    # all_tasks(): every task of this loop that is not done yet, main included.
    for task in sorted(asyncio.all_tasks(), key=lambda t: t.get_name()):
        print(f"alive at 0.6s: {task.get_name()}")
        #> alive at 0.6s: fetch-orders
        #> alive at 0.6s: fetch-users (finishing)
        #> alive at 0.6s: main
    await asyncio.gather(*workers)
    print(f"after gather: {[t.get_name() for t in asyncio.all_tasks()]}")
    #> after gather: ['main']


asyncio.run(main())
