# After main() returns, asyncio.run() cancels the tasks still pending and
# runs the loop until they have finished: their cleanup runs, awaits
# included. An error in that cleanup goes to the loop's exception handler.
import asyncio


async def flush_on_cancel(start):
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        await asyncio.sleep(0.5)  # cleanup that awaits still gets its time
        loop = asyncio.get_running_loop()
        print(f"flusher: flushed at {loop.time() - start:.1f} s")
        #> flusher: flushed at 0.6 s
        raise


async def broken_cleanup():
    try:
        await asyncio.sleep(3600)
    finally:
        raise OSError("disk gone")  # an error during the cancellation


def report(loop, context):  # instead of the default handler's log record
    print("exception handler:", context["message"])
    #> exception handler: unhandled exception during asyncio.run() shutdown
    print("  task:", context["task"].get_name(),
          "error:", repr(context["exception"]))

    #>   task: broken error: OSError('disk gone')

async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(report)
    start = loop.time()
    asyncio.create_task(flush_on_cancel(start), name="flusher")
    asyncio.create_task(broken_cleanup(), name="broken")
    await asyncio.sleep(0.1)
    print("main: returns, two tasks still pending")
    #> main: returns, two tasks still pending


asyncio.run(main())
print("asyncio.run() returned")
#> asyncio.run() returned
