# A ContextVar holds a value per task: each task starts with a copy of
# the context of the code that created it. create_task(context=...)
# (3.11+) runs the task in a context you give it instead.
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="none")
user = contextvars.ContextVar("user", default="nobody")


def log(message):
    print(f"[{request_id.get()}] {message}")
    #> [req-1] handling
    #> [req-2] handling
    #> [req-2] audit written
    #> [req-1] audit written
    #> [req-2] done
    #> [req-1] done
    #> [none] main: the handlers' ids did not leak into main
    #> [batch-7] signed in ada


async def audit(seconds):  # a task started by a handler: it inherits the id
    await asyncio.sleep(seconds)
    log("audit written")


async def handle(rid, seconds):
    request_id.set(rid)  # only in this task's copy of the context
    log("handling")
    await asyncio.create_task(audit(seconds / 2))
    await asyncio.sleep(seconds)
    log("done")


async def sign_in(name):
    user.set(name)
    log(f"signed in {name}")


async def main():
    await asyncio.gather(handle("req-1", 0.3), handle("req-2", 0.2))
    log("main: the handlers' ids did not leak into main")

    context = contextvars.copy_context()
    context.run(request_id.set, "batch-7")
    await asyncio.create_task(sign_in("ada"), context=context)
    print("in main, user:", user.get())
    #> in main, user: nobody
    print("in the given context, user:", context[user])
    #> in the given context, user: ada


asyncio.run(main())
