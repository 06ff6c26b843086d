import asyncio


async def send_report():
    await asyncio.sleep(0.5)
    raise ConnectionError("mail server unreachable")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    # Fire and forget: nobody awaits the task.
    asyncio.create_task(send_report(), name="send_report")
    for step in range(1, 4):
        await asyncio.sleep(0.3)
        print(f"{loop.time() - start:.1f}s  main: step {step}")
        #> 0.3s  main: step 1
        #> 0.6s  main: step 2
        #> 0.9s  main: step 3
    print("main: finished, and never saw the error")
    #> main: finished, and never saw the error


asyncio.run(main())
