import asyncio


async def lookup(key, events):
    events.append(f"{key} starts")
    await asyncio.sleep(0.1 if key == "a" else 0.3)
    events.append(f"{key} ends")


async def main(factory_name):
    if factory_name == "eager":
        asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    events = []
    tasks = [asyncio.create_task(lookup(key, events)) for key in ("a", "b")]
    events.append("main created both")
    await asyncio.gather(*tasks)
    print(f"{factory_name:>7}: {', '.join(events)}")
    #> default: main created both, a starts, b starts, a ends, b ends
    #>   eager: a starts, b starts, main created both, a ends, b ends


# The same program twice; only the task factory differs.
asyncio.run(main("default"))
asyncio.run(main("eager"))
