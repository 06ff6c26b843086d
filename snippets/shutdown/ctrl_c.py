# Ctrl-C inside asyncio.run() (3.11+): the main task is cancelled, its
# cleanup runs, then the other tasks are cancelled, and then
# asyncio.run() raises KeyboardInterrupt.
import asyncio
import signal


async def serve(now):
    try:
        await asyncio.sleep(3600)  # stands for a long-running server
    finally:
        print(f"{now():.1f} s  background: cleaned up")
        #> 1.5 s  background: cleaned up


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()

    def now():
        return loop.time() - start

    # What pressing Ctrl-C does: the process receives SIGINT, here at 1 s.
    loop.call_later(1, signal.raise_signal, signal.SIGINT)
    background = asyncio.create_task(serve(now))
    try:
        await asyncio.sleep(3600)  # stands for the program's main work
    except asyncio.CancelledError:
        print(f"{now():.1f} s  main: cancelled")
        #> 1.0 s  main: cancelled
        await asyncio.sleep(0.5)  # cleanup that takes a while
        print(f"{now():.1f} s  main: cleaned up;",
              "background running:", not background.done())
        raise
        #> 1.5 s  main: cleaned up; background running: True


try:
    asyncio.run(main())
except KeyboardInterrupt:
    print("asyncio.run() raised KeyboardInterrupt")
    #> asyncio.run() raised KeyboardInterrupt
