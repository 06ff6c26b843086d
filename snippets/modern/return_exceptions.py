import asyncio


async def fetch(name, seconds, fail=False):
    await asyncio.sleep(seconds)
    if fail:
        raise ConnectionError(f"{name}: connection reset")
    return f"{name}: 200 OK"


async def main():
    # Every awaitable runs to the end; errors come back in the result list,
    # in place.
    results = await asyncio.gather(
        fetch("/home", 0.3),
        fetch("/login", 0.5, fail=True),
        fetch("/about", 0.7),
        return_exceptions=True,
    )
    for result in results:
        if isinstance(result, Exception):
            print(f"failed: {type(result).__name__}: {result}")
            #> failed: ConnectionError: /login: connection reset
        else:
            print(f"ok:     {result}")
            #> ok:     /home: 200 OK
            #> ok:     /about: 200 OK


asyncio.run(main())
