# Python 3.14+: asyncio.iscoroutinefunction() is deprecated; inspect's answers
# the same question.
import asyncio
import inspect
import warnings


async def fetch():
    return 1


def plain():
    return 1


print(
    "inspect:",
    inspect.iscoroutinefunction(fetch),
    inspect.iscoroutinefunction(plain),
)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(
        "asyncio:",
        asyncio.iscoroutinefunction(fetch),
        asyncio.iscoroutinefunction(plain),
    )
print(caught[0].category.__name__ + ":", caught[0].message)
