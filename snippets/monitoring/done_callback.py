import asyncio


def report(task):
    # Called by the event loop, with the finished task as its only argument.
    # This is the article's check; the next examples show where it breaks.
    if task.exception() is not None:
        print(f"callback: {task.get_name()} raised {task.exception()!r}")
    else:
        print(f"callback: {task.get_name()} returned {task.result()!r}")
        #> callback: tea returned 'tea'
        #> callback: coffee returned 'coffee'


async def brew(drink, seconds):
    await asyncio.sleep(seconds)
    print(f"{drink}: ready")
    #> tea: ready
    #> coffee: ready
    return drink


async def main():
    tea = asyncio.create_task(brew("tea", 1), name="tea")
    tea.add_done_callback(report)
    coffee = asyncio.create_task(brew("coffee", 1.5), name="coffee")
    coffee.add_done_callback(report)
    print("main: callbacks registered, waiting for coffee only")
    #> main: callbacks registered, waiting for coffee only
    await coffee
    print("main: await coffee returned")
    #> main: await coffee returned


asyncio.run(main())
