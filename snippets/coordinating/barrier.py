# asyncio.Barrier (3.11+): each task waits at the barrier until all
# three have arrived, then all go on together. The barrier then resets,
# ready for the next round.
import asyncio


async def player(name, load_times, barrier, now):
    for round_number, seconds in enumerate(load_times, 1):
        await asyncio.sleep(seconds)  # stands for loading the round
        print(f"{now():.1f} s  {name} ready for round {round_number}")
        #> 0.3 s  ann ready for round 1
        #> 0.5 s  cy ready for round 1
        #> 0.9 s  bob ready for round 1
        #> 1.1 s  bob ready for round 2
        #> 1.3 s  cy ready for round 2
        #> 1.7 s  ann ready for round 2
        await barrier.wait()
        print(f"{now():.1f} s  {name} starts round {round_number}")
        #> 0.9 s  bob starts round 1
        #> 0.9 s  ann starts round 1
        #> 0.9 s  cy starts round 1
        #> 1.7 s  ann starts round 2
        #> 1.7 s  bob starts round 2
        #> 1.7 s  cy starts round 2


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()

    def now():
        return loop.time() - start

    barrier = asyncio.Barrier(3)
    async with asyncio.TaskGroup() as group:
        group.create_task(player("ann", [0.3, 0.8], barrier, now))
        group.create_task(player("bob", [0.9, 0.2], barrier, now))
        group.create_task(player("cy", [0.5, 0.4], barrier, now))
    print("waiting at the barrier now:", barrier.n_waiting)
    #> waiting at the barrier now: 0


asyncio.run(main())
