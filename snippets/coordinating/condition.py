# asyncio.Condition: tasks wait until some shared state is what they
# need. The producer changes the state and notifies the waiters; each
# waiter checks its own predicate again and goes on only when it holds.
import asyncio


async def customer(name, wanted, shelf, stock, now):
    async with stock:  # a Condition is used with its lock held
        await stock.wait_for(lambda: shelf["items"] >= wanted)
        shelf["items"] -= wanted
        print(f"{now():.1f} s  {name} took {wanted}, {shelf['items']} left")
        #> 0.8 s  wants-2 took 2, 0 left
        #> 2.0 s  wants-3 took 3, 0 left


async def restock(shelf, stock, now):
    for _ in range(5):
        await asyncio.sleep(0.4)
        async with stock:
            shelf["items"] += 1
            print(f"{now():.1f} s  restocked: {shelf['items']} on the shelf")
            #> 0.4 s  restocked: 1 on the shelf
            #> 0.8 s  restocked: 2 on the shelf
            #> 1.2 s  restocked: 1 on the shelf
            #> 1.6 s  restocked: 2 on the shelf
            #> 2.0 s  restocked: 3 on the shelf
            stock.notify_all()  # every waiter checks its predicate again


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()

    def now():
        return loop.time() - start

    shelf, stock = {"items": 0}, asyncio.Condition()
    async with asyncio.TaskGroup() as group:
        group.create_task(customer("wants-3", 3, shelf, stock, now))
        group.create_task(customer("wants-2", 2, shelf, stock, now))
        group.create_task(restock(shelf, stock, now))


asyncio.run(main())
