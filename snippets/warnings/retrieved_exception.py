import asyncio


async def send_report():
    await asyncio.sleep(0.5)
    raise ConnectionError("mail server unreachable")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    # Keep the task...
    report = asyncio.create_task(send_report(), name="send_report")
    for step in range(1, 4):
        await asyncio.sleep(0.3)
        print(f"{loop.time() - start:.1f}s  main: step {step}")
        #> 0.3s  main: step 1
        #> 0.6s  main: step 2
        #> 0.9s  main: step 3
    try:
        await report  # ...and collect its outcome: the exception comes here
    except ConnectionError as exc:
        print(f"{loop.time() - start:.1f}s  main: send_report failed: {exc}")
        #> 0.9s  main: send_report failed: mail server unreachable


asyncio.run(main())
