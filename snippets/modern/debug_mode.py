import asyncio
import logging
import re
import time


class SlowCallbackReport(logging.Handler):
    """A stable summary of the slow-callback warning (its time varies)."""

    def emit(self, record):
        # The message reads
        # "Executing <Task finished name='resize' ...> took 0.301 seconds".
        # Only the task's own name counts: a slow step of main() names 'resize'
        # too, later on.
        message = record.getMessage()
        if re.match(r"Executing <Task \w+ name='resize'", message):
            limit = asyncio.get_running_loop().slow_callback_duration
            print(
                "asyncio debug: a step of task 'resize' took longer than",
                f"{limit} s",
            )
            #> asyncio debug: a step of task 'resize' took longer than 0.1 s


async def resize():
    time.sleep(0.3)  # blocking by mistake: the loop can do nothing meanwhile
    print("resize: done")
    #> resize: done


async def main():
    await asyncio.create_task(resize(), name="resize")
    print("main: done")
    #> main: done


logging.getLogger("asyncio").addHandler(SlowCallbackReport())
asyncio.run(main(), debug=True)
