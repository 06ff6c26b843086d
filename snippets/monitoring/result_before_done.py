import asyncio


async def compute():
    await asyncio.sleep(1)
    return 42


async def main():
    task = asyncio.create_task(compute())
    # result is a method: without the call, you get the method, not a value.
    print(f"task.result is callable: {callable(task.result)}")
    #> task.result is callable: True
    for method in (task.result, task.exception):
        try:
            method()
        except asyncio.InvalidStateError as exc:
            name = method.__name__
            print(f"task.{name}() too early: InvalidStateError: {exc}")
            #> task.result() too early: InvalidStateError: Result is not set.
            #> task.exception() too early: InvalidStateError: Exception is not set.
    print(f"await task gives {await task}")
    #> await task gives 42
    print(f"task.result() once it is done: {task.result()}")
    #> task.result() once it is done: 42


asyncio.run(main())
