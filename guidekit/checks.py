"""Check every snippet against its committed transcript, several at a time.

    python -m guidekit.checks                       # fast-forward clock, two snippets per core
    python -m guidekit.checks --real-time --jobs 4  # real clock: what `make test-realtime` runs

Each snippet runs as its own process (guidekit/runner.py) and ``runner.check`` compares
what it did and printed with what it declares and with its committed transcript. The
real-time run is the proof that the fast-forward clock does not change what a snippet
prints. Snippets that need a newer Python than the one used, or cannot run on WebAssembly
when that is where 3.14 and 3.15 run, are skipped (and counted).
Prints one line per snippet in catalogue order, every mismatch in full, and a summary;
exits 1 when any snippet failed.
"""

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from . import pythons, runner
from .snippets import SnippetError, catalogue


def cores() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m guidekit.checks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--real-time", action="store_true", help="run on the real clock")
    # Twice the cores: a snippet also waits for its process to start and end (on 2 cores: 6.9 s with 2, 5.1 s with 4).
    parser.add_argument("--jobs", type=int, default=2 * cores(), help="snippets at once (default: 2 x cores)")
    parser.add_argument("--python", help="interpreter version (3.12) or path (default: this one)")
    args = parser.parse_args(argv)
    python = args.python
    if python and os.sep not in python:
        python = pythons.find(python) or sys.exit(f"Python {args.python} is not installed")
    version = pythons.version_of(python)
    try:
        snippets = catalogue()
    except SnippetError as exc:
        sys.exit(str(exc))
    runnable = [s for s in snippets if s.checked_on(version) is None]

    def one(snippet):
        result = runner.run(snippet, python=python, real_time=args.real_time)
        return result, runner.check(result)

    start, failed = time.monotonic(), []
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        for snippet, (result, error) in zip(runnable, pool.map(one, runnable)):
            print(f"{'FAIL' if error else 'ok  '} {snippet.display} ({result.seconds:.2f} s)" + (f"\n{error}" if error else ""))
            if error:
                failed.append(snippet.display)
    clock = "real clock" if args.real_time else "fast-forward clock"
    skipped = len(snippets) - len(runnable)
    print(f"{len(runnable) - len(failed)} of {len(runnable)} snippet(s) match their transcripts on the {clock}"
          f" (Python {version}, {args.jobs} at a time, {time.monotonic() - start:.1f} s)"
          + (f"; {skipped} skipped: they need a newer Python or cannot run there" if skipped else "")
          + (f"; {len(failed)} MISMATCH(ES): " + ", ".join(failed) if failed else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
