import asyncio


async def parse_port(text):
    return int(text)


async def look_up(table, key):
    return table[key]


async def main():
    hosts = {"db": "10.0.0.5"}
    try:
        # Neither child awaits anything, so both fail in the same turn of the
        # loop, before the group can cancel the other one: the group collects
        # both errors.
        async with asyncio.TaskGroup() as tg:
            port = tg.create_task(parse_port("eighty"))
            host = tg.create_task(look_up(hosts, "cache"))
    except* ValueError as group:
        print(f"except* ValueError: {[str(e) for e in group.exceptions]}")
        #> except* ValueError: ["invalid literal for int() with base 10: 'eighty'"]
    except* KeyError as group:
        print(f"except* KeyError: {[str(e) for e in group.exceptions]}")
        #> except* KeyError: ["'cache'"]
    for name, task in (("port", port), ("host", host)):
        error = type(task.exception()).__name__
        cancelled = task.cancelled()
        print(f"{name} task: cancelled()? {cancelled}, exception: {error}")
        #> port task: cancelled()? False, exception: ValueError
        #> host task: cancelled()? False, exception: KeyError


asyncio.run(main())
