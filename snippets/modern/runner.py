import asyncio


async def heartbeat():
    beats = 0
    while True:
        await asyncio.sleep(0.4)
        beats += 1
        print(f"  heartbeat {beats}")
        #>   heartbeat 1
        #>   heartbeat 2
        #>   heartbeat 3


async def start_heartbeat():
    return asyncio.create_task(heartbeat(), name="heartbeat")


async def job(name, seconds):
    await asyncio.sleep(seconds)
    print(f"  {name} done after {seconds} s")
    #>   first job done after 0.7 s
    #>   second job done after 0.7 s


with asyncio.Runner() as runner:
    # Every run() uses the same event loop: tasks and loop-bound objects carry
    # over.
    beat = runner.run(start_heartbeat())
    print("run 1:")
    #> run 1:
    runner.run(job("first job", 0.7))
    print("between runs: plain synchronous code, the loop is paused")
    #> between runs: plain synchronous code, the loop is paused
    print("run 2:")
    #> run 2:
    runner.run(job("second job", 0.7))
# Closing the runner cancels the tasks still pending and closes the loop.
print(f"after the with block: heartbeat cancelled()? {beat.cancelled()}")
#> after the with block: heartbeat cancelled()? True
