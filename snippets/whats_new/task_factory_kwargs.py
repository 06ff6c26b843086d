# Python 3.14+: a task factory receives create_task()'s keyword arguments.
import asyncio


def logging_factory(loop, coro, **kwargs):
    print("factory got:", sorted(kwargs))
    return asyncio.Task(coro, loop=loop, **kwargs)


def old_factory(loop, coro):  # no **kwargs: too narrow (for name= from 3.14)
    return asyncio.Task(coro, loop=loop)


async def job():
    print("job runs as", asyncio.current_task().get_name())
    await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()

    loop.set_task_factory(logging_factory)
    await asyncio.create_task(job(), name="report")

    loop.set_task_factory(old_factory)
    coro = job()
    try:
        asyncio.create_task(coro, name="backup")
    except TypeError as exc:
        coro.close()  # it never ran: close it, or Python warns about it
        print("TypeError:", exc)

    loop.set_task_factory(asyncio.eager_task_factory)
    eager = asyncio.create_task(job(), name="warm-cache")  # first step now
    print("created", eager.get_name())
    await eager


asyncio.run(main())
