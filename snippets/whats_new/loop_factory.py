# Python 3.14+: event-loop policies are deprecated; give asyncio.run() or
# Runner a loop factory.
import asyncio
import warnings


# asyncio.EventLoop (3.13+): the platform's default loop class.
class NamedLoop(asyncio.EventLoop):
    made = 0

    def __init__(self):
        super().__init__()
        NamedLoop.made += 1


async def main():
    print("running on:", type(asyncio.get_running_loop()).__name__)


asyncio.run(main(), loop_factory=NamedLoop)

with asyncio.Runner(loop_factory=NamedLoop) as runner:
    runner.run(main())
    runner.run(main())  # one Runner, one loop, several coroutines
print("loops made:", NamedLoop.made)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    asyncio.set_event_loop_policy(None)  # the old way works, with a warning
print(caught[0].category.__name__ + ":", caught[0].message)
