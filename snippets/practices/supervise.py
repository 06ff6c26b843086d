# Long-lived background tasks in a TaskGroup, each behind a supervisor
# that restarts it after a crash, at most twice. The third crash ends
# the group: the other task is cancelled and the error reaches main().
import asyncio


async def poll_feed(now):  # a service that keeps failing
    await asyncio.sleep(0.7)
    raise ConnectionError("feed closed")


async def collect_metrics(now):  # a service that would run forever
    try:
        while True:
            await asyncio.sleep(0.45)
    except asyncio.CancelledError:
        print(f"{now():.1f} s  metrics: cancelled")
        #> 2.3 s  metrics: cancelled
        raise


async def supervise(name, service, now, restarts=2):
    for attempt in range(restarts + 1):
        try:
            return await service(now)
        except Exception as exc:
            crash = f"{now():.1f} s  {name} crashed: {type(exc).__name__}"
            if attempt == restarts:
                print(f"{crash}; giving up")
                #> 2.3 s  poller crashed: ConnectionError; giving up
                raise
            print(f"{crash}; restart {attempt + 1} of {restarts}")
            #> 0.7 s  poller crashed: ConnectionError; restart 1 of 2
            #> 1.5 s  poller crashed: ConnectionError; restart 2 of 2
            await asyncio.sleep(0.1)  # a pause before the restart


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()

    def now():
        return loop.time() - start

    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(supervise("poller", poll_feed, now))
            group.create_task(supervise("metrics", collect_metrics, now))
    except* ConnectionError as failed:
        print(f"{now():.1f} s  main: the group failed with",
              repr(failed.exceptions[0]))

        #> 2.3 s  main: the group failed with ConnectionError('feed closed')

asyncio.run(main())
