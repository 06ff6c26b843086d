# A thread talks to the event loop: run_coroutine_threadsafe() runs a
# coroutine on the loop and gives the thread a result to wait for;
# call_soon_threadsafe() runs a callback on the loop. Calling event.set()
# directly from the thread does not wake the loop.
import asyncio
import threading
import time


async def store(readings, value):  # runs on the loop, in a task
    await asyncio.sleep(0.1)
    readings.append(value)
    return len(readings)


def sensor(loop, readings, ready, done, set_at):  # runs in a thread
    time.sleep(0.2)
    future = asyncio.run_coroutine_threadsafe(store(readings, 21.5), loop)
    count = future.result(timeout=5)  # blocks this thread, not the loop
    print(f"thread: stored, {count} reading(s)")
    #> thread: stored, 1 reading(s)
    set_at["ready"] = loop.time()
    loop.call_soon_threadsafe(ready.set)  # the thread-safe way
    time.sleep(0.3)
    print("thread: done.set()")
    #> thread: done.set()
    set_at["done"] = loop.time()
    done.set()  # not thread-safe: the loop is not woken up


def when(delay):  # how long after set() the waiting task resumed
    if delay < 0.5:
        return "at once"
    return "over 1 s after set()" if delay > 1 else "after 0.5 to 1 s"


async def main():
    loop = asyncio.get_running_loop()
    readings, ready, done, set_at = [], asyncio.Event(), asyncio.Event(), {}
    thread = threading.Thread(
        target=sensor, args=(loop, readings, ready, done, set_at))
    thread.start()
    await ready.wait()
    print("main: ready,", when(loop.time() - set_at["ready"]))
    #> main: ready, at once
    timer = asyncio.create_task(asyncio.sleep(1.5))  # wakes the loop
    await done.wait()
    print("main: done,", when(loop.time() - set_at["done"]))
    #> main: done, over 1 s after set()
    await timer
    thread.join()


asyncio.run(main())
