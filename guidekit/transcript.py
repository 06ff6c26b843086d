"""Make a run's output stable, and compare it with the transcript committed beside the snippet.

A transcript is everything the snippet wrote to stdout and stderr, in the order it was
written. What changes from one machine or Python version to another is removed here, in
one place: traceback frames outside the snippet (the standard library's paths and line
numbers differ between 3.11, 3.12 and 3.13), and likewise the standard library's frames in
asyncio's call graphs (3.14+), the caret lines under a frame (their
layout changed in 3.13), memory addresses, the temporary working directory, and the
place of a warning raised while the interpreter shuts down (``sys:1`` before 3.13,
``<sys>:0`` from 3.13), and the arguments in the name of a failed callback (3.11 and 3.12
print ``cb(<Task finished ...>)``, 3.13 prints ``cb()`` outside debug mode).
"""

import difflib
import re

from .snippets import REPO

# A traceback frame (File "..."), or a frame of asyncio's call graph (3.14+: File '...').
FRAME = re.compile(r"""^(?P<prefix>[ |+]*?)(?P<indent> *)File (?P<q>["'])(?P<file>.*?)(?P=q), line \d+""")
CARETS = re.compile(r"^[ |]*[\^~ ]*\^[\^~ ]*$")
ADDRESS = re.compile(r"0x[0-9a-fA-F]{6,16}")
SHUTDOWN_WARNING = re.compile(r"^<sys>:0: ", re.MULTILINE)
CALLBACK_ARGS = re.compile(r"^(Exception in callback |handle: <Handle )([\w.]+)\(.*?\)(?= at |>$|$)", re.MULTILINE)
STDLIB = re.compile(r"""(?:/[^\s"':]+)?/lib/python3(?:\.\d+|\d+\.zip)/""")  # native, or Pyodide's zip
# A time the snippet printed, in seconds ("2.0 s", "0.7s"), and how much later than on the
# fast clock a run on the real clock may print it: a busy machine makes wake-ups late, never early.
SECONDS = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?= ?s\b)")
LATE = 0.5


# What each rule changes, in the words of the note under a page's output (guidekit/page.py).
NOTES = {
    "workdir": "the temporary folder it ran in is written `<tmp>`",
    "frames": "traceback frames outside the example (the standard library's, whose paths and"
              " line numbers differ between versions) are left out",
    "carets": "the `^^^` lines under traceback lines are left out (their layout differs between versions)",
    "addresses": "memory addresses are written `0x...`",
    "shutdown": "a warning raised while Python shuts down is placed at `sys:1`"
                " (3.13 writes `<sys>:0`, and so does this guide's WebAssembly runner for 3.14 and 3.15)",
    "callback": "a failed callback is named without its arguments (3.11 and 3.12 show them)",
    "stdlib": "the standard library's folder is written `<stdlib>/`",
}


def normalise(text: str, workdir: str | None = None) -> str:
    return normalise_noting(text, workdir)[0]


def normalise_noting(text: str, workdir: str | None = None) -> tuple[str, list[str]]:
    """(the normalised text, the keys of NOTES for the rules that changed something)."""
    applied = []

    def apply(key, before, after):
        if after != before:
            applied.append(key)
        return after

    if workdir:
        text = apply("workdir", text, text.replace(workdir, "<tmp>"))
    out = []
    dropped = set()
    dropping_deeper_than = None
    for line in text.splitlines():
        if dropping_deeper_than is not None:
            # The source line (and carets) of a dropped frame is indented under it.
            if len(line) - len(line.lstrip(" |+")) > dropping_deeper_than and not FRAME.match(line):
                continue
            dropping_deeper_than = None
        if m := FRAME.match(line):
            if m["file"].startswith(("/", "<")):  # not a snippet: a local or internal path
                dropping_deeper_than = len(line) - len(line.lstrip(" |+"))
                dropped.add("frames")
                continue
        if CARETS.match(line):
            dropped.add("carets")
            continue
        out.append(line)
    applied += [key for key in ("frames", "carets") if key in dropped]
    text = "\n".join(out) + ("\n" if out else "")
    text = apply("addresses", text, ADDRESS.sub("0x...", text))
    text = apply("shutdown", text, SHUTDOWN_WARNING.sub("sys:1: ", text))
    text = apply("callback", text, CALLBACK_ARGS.sub(r"\1\2()", text))
    text = apply("stdlib", text, STDLIB.sub("<stdlib>/", text))
    return text, applied


def read(snippet) -> str | None:
    path = snippet.transcript_path
    return path.read_text(encoding="utf-8") if path.exists() else None


def write(snippet, text: str) -> bool:
    """Write the transcript; True when it changed."""
    if read(snippet) == text:
        return False
    snippet.transcript_path.write_text(text, encoding="utf-8")
    return True


def on_time(committed: str, live: str, late: float = LATE) -> bool:
    """The same lines in the same order, every printed time at or up to ``late`` seconds after
    the committed one, and everything else the same, character for character."""
    old_lines, new_lines = committed.splitlines(), live.splitlines()
    if len(old_lines) != len(new_lines):
        return False
    for old, new in zip(old_lines, new_lines):
        if SECONDS.split(old) != SECONDS.split(new):
            return False
        for then, now in zip(SECONDS.findall(old), SECONDS.findall(new)):
            if not float(then) <= float(now) <= float(then) + late + 1e-9:
                return False
    return True


def difference(snippet, live: str, real_clock: bool = False) -> str | None:
    """None when the live output equals the committed transcript (on the real clock: ``on_time``),
    else a message and diff."""
    committed = read(snippet)
    where = snippet.transcript_path.relative_to(REPO).as_posix()
    if committed is None:
        return f"{snippet.display}: no committed transcript {where}; run `make update` to create it"
    if committed == live or (real_clock and on_time(committed, live)):
        return None
    diff = difflib.unified_diff(
        committed.splitlines(), live.splitlines(), f"{where} (committed)", f"{snippet.display} (this run)", lineterm=""
    )
    rule = f" (on the real clock a printed time may be up to {LATE} s later, never earlier)" if real_clock else ""
    return f"{snippet.display}: output differs from {where}{rule}; run `make update` if the change is intended\n" + "\n".join(diff)
