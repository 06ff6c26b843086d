"""The build benchmark behind ``make bench``: medians of 5 interleaved runs, as ratios to the floor.

    python -m guidekit.bench [--runs 5]     # everything below, in a private copy of the repository

It copies the repository's files (``git ls-files``) to a temporary folder, so that its
cache, its site and its one-snippet edit never touch the working tree, and times there:

- floor: a strict build of the same pages with execution turned off (the plugin converts
  each page's cells without running them: ``python -m guidekit.bench floor``);
- cold: a strict build with no cache (``.cache/execute`` deleted before each run), with
  the default parallelism and with GUIDE_JOBS=1 (one page at a time);
- warm: the same build again, nothing changed;
- edit: after appending a comment to one snippet (on the page that shows the most);
- the snippet checks on the fast-forward clock (one after another, and in parallel), and
  the same snippets one after another on the real clock (``python -m guidekit.checks``);
- memory: the peak of one cold build, sampled every 20 ms over the whole process tree
  (mkdocs, its kernels and the snippets they start);
- serve: under ``mkdocs serve``, with the edited page open in chromium (its live-reload
  page), the time from saving the snippet with one more printed line to that line being
  on the page (shown under the notice that it is not the committed output), once per round.

Each round runs every figure once, and the rounds repeat: on a shared machine whose
load changes by the minute, every figure then sees the same mix of quiet and busy
moments, and the ratios to the floor stay honest. Wall time is what is compared; CPU
time (user + system of the command and every process it waited for) is shown beside it.
"""

import argparse
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .checks import cores as available_cores
from .pythons import WASM
from .snippets import REPO, SNIPPETS, Snippet

TARGETS = {"warm": 1.2, "edit": 1.6, "cold": 3.0}  # at most this many times the floor
SERVE_LIMIT = 2.0  # seconds under `mkdocs serve` from saving a snippet to its new output in the browser (median)
CHECK_SPEEDUP = 20  # fast-forward checks at least this many times faster than real time
WASM_CHECKS_LIMIT = 20  # seconds: every snippet on 3.14 and on 3.15 (WebAssembly), fast clock
MEMORY_LIMIT = 1 << 30


def floor(argv):
    """A normal `mkdocs build` in which the guide-execute plugin runs no cell (this process only)."""
    from mkdocs.__main__ import cli

    from .plugin import GuideExecutePlugin

    GuideExecutePlugin.execute = False
    cli(["build", *argv], prog_name="mkdocs")


def edit(path):
    """Append a comment: a change to the snippet's text that changes nothing it prints."""
    with open(path, "a", encoding="utf-8") as f:
        f.write(f"# benchmark edit {time.time_ns()}\n")


def copy_repository(target: Path) -> None:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=REPO, capture_output=True)
    names = [n for n in listed.stdout.decode().split("\0") if n] if listed.returncode == 0 else None
    if names is None:  # not a git checkout: everything but what git would ignore
        skip = shutil.ignore_patterns(".git", ".venv", "site", ".cache", "test-artifacts", "__pycache__", ".pytest_cache")
        shutil.copytree(REPO, target, ignore=skip, dirs_exist_ok=True)
    for name in names or []:
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    (target / ".venv").symlink_to(REPO / ".venv")  # the runner finds snippet-libs under it
    if (REPO / "node_modules").is_dir():  # Python 3.14 and 3.15 (guidekit/wasm.py)
        (target / "node_modules").symlink_to(REPO / "node_modules")


def timed(command, *, copy, env, log):
    """(wall seconds, CPU seconds) of one run, or None if it failed; its output goes to log."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(log, "w") as out:
        code = subprocess.run(command, cwd=copy, env=env, stdout=out, stderr=subprocess.STDOUT).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return (wall, cpu) if code == 0 else None


def peak_memory(command, *, copy, env):
    """(peak of the summed RSS of the process tree, largest single process) in bytes, sampled every 20 ms."""
    import psutil

    proc = subprocess.Popen(command, cwd=copy, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root, tree_peak, single_peak = psutil.Process(proc.pid), 0, 0
    while proc.poll() is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                rss = p.memory_info().rss
                total, single_peak = total + rss, max(single_peak, rss)
        except psutil.Error:
            pass  # a snippet ended while being measured
        tree_peak = max(tree_peak, total)
        time.sleep(0.02)
    return (tree_peak, single_peak) if proc.returncode == 0 else None


def serve_latency(copy: Path, env: dict, snippet: Path, page: str, rounds: int, log: Path) -> list[float]:
    """Seconds from saving ``snippet`` with a new printed line to the line in the browser, per round."""
    from playwright.sync_api import sync_playwright

    from .preview import mkdocs_serve

    sys.path.insert(0, str(REPO))
    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    original = snippet.read_text(encoding="utf-8")
    with open(log, "w") as out:
        server, base = mkdocs_serve(copy, f"/{page}/", env=env, stdout=out, deadline=600)
    url = f"{base}/{page}/"
    try:
        seconds = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            tab = browser.new_page()
            tab.goto(url)
            time.sleep(2)  # the server settles (ready kernels start after the first build)
            for round_ in range(1, rounds + 1):
                line = f"benchmark line {round_} {time.time_ns()}"
                start = time.perf_counter()
                snippet.write_text(original + f"print({line!r})\n", encoding="utf-8")
                tab.wait_for_function("line => document.body && document.body.innerText.includes(line)", arg=line,
                                      timeout=120_000, polling=20)
                seconds.append(time.perf_counter() - start)
                time.sleep(1)
            browser.close()
        return seconds
    finally:
        snippet.write_text(original, encoding="utf-8")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m guidekit.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds (default 5, the minimum for the record)")
    args = parser.parse_args(argv)
    py, cores = sys.executable, available_cores()
    with tempfile.TemporaryDirectory(prefix="guide-bench-") as tmp:
        copy = Path(tmp) / "repo"
        copy.mkdir()
        copy_repository(copy)
        logs = Path(tmp) / "logs"
        logs.mkdir()
        # PYTHONPATH: the kernels (started in docs/) import the copy's guidekit, not the checkout's.
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(copy)}
        env.pop("GUIDE_JOBS", None)
        from .cache import SHOW_LINE

        pages = {p: [m["name"] for m in SHOW_LINE.finditer(p.read_text(encoding="utf-8"))]
                 for p in sorted((copy / "docs").glob("*.md"))}
        page, shown = max(pages.items(), key=lambda item: len(item[1]))
        edited = copy / "snippets" / shown[0]
        # Serve's edit prints one more line at the end: on the first snippet that does not end in an exception.
        served = next(n for n in shown if not Snippet(SNIPPETS, n).settings["raises"])  # the copy's settings are the same
        load = os.getloadavg()
        print(f"# Benchmark of {REPO}: {cores} cores, load average {load[0]:.2f}, Python {sys.version.split()[0]}")
        print(f"# {sum(map(len, pages.values()))} snippet(s) shown on {sum(1 for s in pages.values() if s)} page(s);"
              f" the edit appends a comment to snippets/{shown[0]}, one of {len(shown)} on {page.name}")

        site = str(Path(tmp) / "site")
        build = [py, "-m", "mkdocs", "build", "--strict", "-d", site]
        cache = copy / ".cache" / "execute"
        clear = lambda: shutil.rmtree(cache, ignore_errors=True)
        checks = [py, "-m", "guidekit.checks"]
        figures = {  # name: (command, extra environment, what to do before each run); run in this order
            "floor": ([py, "-m", "guidekit.bench", "floor", "--strict", "-d", site], {}, None),
            "cold, GUIDE_JOBS=1": (build, {"GUIDE_JOBS": "1"}, clear),
            "cold": (build, {}, clear),
            "warm": (build, {}, None),
            "edit": (build, {}, lambda: edit(edited)),
            "checks, fast clock, 1 at a time": ([*checks, "--jobs", "1"], {}, None),
            f"checks, fast clock, {2 * cores} at a time": ([*checks, "--jobs", str(2 * cores)], {}, None),
            "checks, real clock, 1 at a time": ([*checks, "--real-time", "--jobs", "1"], {}, None),
            **{f"checks, {v} (WebAssembly), fast clock, {2 * cores} at a time":
               ([*checks, "--python", v, "--jobs", str(2 * cores)], {}, None) for v in WASM},
        }
        for name, (command, extra, _) in figures.items():
            print(f"# {name}: {' '.join(f'{k}={v}' for k, v in extra.items())} {' '.join(command)}".replace(py, "python"))
        timed(figures["floor"][0], copy=copy, env=env, log=logs / "warm-up")  # fills the OS file cache
        runs = {name: {} for name in figures}  # name: {round: (wall, cpu)} of the runs that succeeded
        failed = {name: [] for name in figures}  # name: [rounds in which it failed]
        for round_ in range(1, args.runs + 1):
            line = []
            for name, (command, extra, prepare) in figures.items():
                if prepare:
                    prepare()
                log = logs / f"{name.replace(' ', '_')}.{round_}.log"
                result = timed(command, copy=copy, env={**env, **extra}, log=log)
                if result is None:
                    failed[name].append(round_)
                    what = [x for x in log.read_text().splitlines(True) if not x.startswith(("ok  ", "INFO"))]
                    print(f"\n{name} FAILED in round {round_}; its output, but for ok/INFO lines:\n" + "".join(what[-40:]))
                    line.append("FAILED")
                    continue
                runs[name][round_] = result
                line.append(f"{result[0]:.1f}")
            print(f"round {round_} of {args.runs}, wall seconds in the order above: " + " ".join(line), flush=True)
        clear()
        memory = peak_memory(build, copy=copy, env=env)
        try:
            serve = serve_latency(copy, env, copy / "snippets" / served, page.stem, args.runs, logs / "serve.log")
        except Exception as exc:  # noqa: BLE001 - reported as a failed figure, with why
            serve = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        print(f"# serve: {page.name} open in chromium, a line printed by snippets/{served} appended; seconds: {serve}")
        load_after = os.getloadavg()

    report(runs, failed, memory, serve, cores, load, load_after, args.runs)


def report(runs, failed, memory, serve, cores, load, load_after, rounds):
    print(f"\n# Results: median wall time of {rounds} runs [min-max], median CPU time;"
          f" load average before {load[0]:.2f}, after {load_after[0]:.2f}")
    median = {name: statistics.median(w for w, _ in r.values()) for name, r in runs.items() if r}
    floor_runs = runs["floor"]
    missed = [name for name in failed if failed[name]]
    for name, r in runs.items():
        if failed[name]:
            print(f"{name:34} FAILED in round(s) {', '.join(map(str, failed[name]))} (see above); the rest:")
        if not r:
            continue
        walls = [w for w, _ in r.values()]
        line = f"{name:34} {median[name]:6.2f} s [{min(walls):6.2f}-{max(walls):6.2f}]  cpu {statistics.median(c for _, c in r.values()):6.2f} s"
        if floor_runs and (name == "floor" or name.startswith(("cold", "warm", "edit"))):
            per_round = [w / floor_runs[i][0] for i, (w, _) in r.items() if i in floor_runs]
            line += f"  {median[name] / median['floor']:5.2f}x floor (rounds {min(per_round):.2f}-{max(per_round):.2f})"
            if name in TARGETS:
                ok = median[name] / median["floor"] <= TARGETS[name]
                line += f"  target <= {TARGETS[name]}x: {'met' if ok else 'NOT MET'}"
                missed += [] if ok else [name]
        print(line)
    real = median.get("checks, real clock, 1 at a time")
    for name in ("checks, fast clock, 1 at a time", f"checks, fast clock, {2 * cores} at a time"):
        if real and name in median:
            speedup = real / median[name]
            ok = speedup >= CHECK_SPEEDUP
            print(f"{'real clock, 1 at a time, vs ' + name.removeprefix('checks, '):54} {speedup:5.1f}x faster"
                  f"  target >= {CHECK_SPEEDUP}x: {'met' if ok else 'NOT MET'}")
            missed += [] if ok else [name]
    wasm_checks = [name for name in median if "(WebAssembly)" in name]
    if len(wasm_checks) == len(WASM):
        total = sum(median[name] for name in wasm_checks)
        ok = total <= WASM_CHECKS_LIMIT
        print(f"{'checks on ' + ' + '.join(WASM) + ' (WebAssembly), fast clock':54} {total:5.1f} s in all"
              f"  target <= {WASM_CHECKS_LIMIT} s: {'met' if ok else 'NOT MET'}")
        missed += [] if ok else ["WebAssembly checks"]
    if memory:
        tree, single = memory
        ok = tree < MEMORY_LIMIT
        print(f"{'peak memory of one cold build':34} {tree / 2**20:6.0f} MiB summed RSS of the process tree"
              f" (largest process {single / 2**20:.0f} MiB)  target < 1024 MiB: {'met' if ok else 'NOT MET'}")
        missed += [] if ok else ["memory"]
    else:
        print("peak memory: the build FAILED")
        missed.append("memory")
    if isinstance(serve, list) and serve:
        ok = statistics.median(serve) <= SERVE_LIMIT
        print(f"{'mkdocs serve, save to new output':34} {statistics.median(serve):6.2f} s [{min(serve):6.2f}-{max(serve):6.2f}]"
              f"  median of {len(serve)} in chromium  target <= {SERVE_LIMIT} s: {'met' if ok else 'NOT MET'}")
        missed += [] if ok else ["serve"]
    else:
        print(f"mkdocs serve, save to new output: FAILED ({serve})")
        missed.append("serve")
    print("targets not met or failed: " + (", ".join(dict.fromkeys(missed)) if missed else "none"))


if __name__ == "__main__":
    if sys.argv[1:2] == ["floor"]:
        floor(sys.argv[2:])
    elif sys.argv[1:2] == ["edit"]:
        edit(sys.argv[2])
    else:
        main()
