import asyncio
import logging
import re
import textwrap
import time


async def resize():
    time.sleep(0.3)  # blocking by mistake: the loop can do nothing meanwhile
    print("resize: done")
    #> resize: done


async def main():
    await asyncio.create_task(resize(), name="resize")
    print("main: done")
    #> main: done


class SlowCallbackReport(logging.Handler):
    """Prints debug mode's warning about the slow step of task 'resize'."""

    def emit(self, record):
        message = record.getMessage()
        # Only the task's own step counts: a slow step of main() names
        # 'resize' too, later on, and a busy machine can make one.
        if re.match(r"Executing <Task \w+ name='resize'", message):
            # Write "..." for what varies between runs, machines and versions:
            # where the file is, where asyncio created the task, and how long
            # the step took.
            message = re.sub(r" at \S+>", " at ...>", message)
            message = re.sub(r"took [\d.]+ s", "took ... s", message)
            print("asyncio logged:")
            #> asyncio logged:
            for line in textwrap.wrap(message, 64):
                print(f"  {line}")
                #>   Executing <Task finished name='resize' coro=<resize() done,
                #>   defined at ...> result=None created at ...> took ... seconds
            limit = asyncio.get_running_loop().slow_callback_duration
            print(f"that is, a step took longer than {limit} s")
            #> that is, a step took longer than 0.1 s


logging.getLogger("asyncio").addHandler(SlowCallbackReport())
asyncio.run(main(), debug=True)
