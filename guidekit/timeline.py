"""The timeline of a snippet's run: the committed recording and its check.

recorder.py (inside the snippet's process) notes raw facts: loop times, tasks by number,
every step, wait, end and printed line. ``build()`` turns them into the *recording*, a
list of events that is committed beside the transcript as ``snippets/<folder>/<name>.timeline.json``
(one event per line, fixed key order) and compared like the transcript, on the fast
clock only (real-time runs give other times):

    {"loop": 1, "t": 0.0, "task": "Task-2", "event": "created", "coro": "fetch", "by": "Task-1"}
    {"loop": 1, "t": 0.0, "task": "Task-2", "event": "waits", "on": "sleep"}
    {"loop": 1, "t": 1.0, "task": "Task-2", "event": "prints", "line": 1, "text": "..."}
    {"loop": 1, "t": 1.0, "task": "Task-2", "event": "returned"}

Times are seconds on the loop's clock since the loop was made, rounded to 1 ms (0.1 s for
a real-clock run, whose times jitter; those recordings are committed but not compared).
What happens within one instant is reduced to what a picture can show and every Python
version agrees on: per task and instant, "created", one "runs", its printed lines, what
it took or let go ("holds"/"releases"), then the state it is left in ("waits" on
something, or "returned"/"raised"/"cancelled"); events of one instant are listed task by
task (``line`` gives the order of the printed lines). Steps that leave nothing behind (a
``sleep(0)``, a wake-up that waits again at once) vanish. Tasks asyncio makes for itself
are left out: the two it runs when a loop shuts down, and the task ``wait_for()`` wraps
a coroutine in on 3.11 only (drawn as part of the task that awaits ``wait_for()``, as
3.12+ run it). Default names ("Task-7") are numbered as on 3.12+: without that 3.11 task,
and without the number 3.11's ``create_task(name=...)`` takes before it names the task.
``as_completed()`` makes its tasks from a set, in no set order: those are named and
ordered by what they did, so the recording does not depend on the order. ``line`` is the
line of the committed transcript (1-based) each printed line became. A run that creates
no task has no recording (and no file).

guidekit/timeline_svg.py draws the picture of a recording.
"""

import json
from collections import defaultdict

from . import transcript as transcript_module
from .snippets import REPO

FORMAT = 1
ENDS = ("returned", "raised", "cancelled")
MIN_TASKS = 2  # a page shows the picture when the run created at least this many tasks
REAL_TIME_RESOLUTION = 0.1  # seconds: real-clock runs jitter by milliseconds


class RecorderError(Exception):
    """The recorder failed inside the snippet's process."""


def path_for(snippet):
    return snippet.path.with_suffix(".timeline.json")


def seconds(t):
    return None if t is None else round(t, 3) + 0.0  # + 0.0: never -0.0


# --- from the raw data to the recording -----------------------------------------------


def build(raw, transcript: str, workdir: str | None = None, resolution: float = 0.001) -> dict | None:
    """The recording of one run, from recorder.py's raw data and the run's normalised transcript.

    Times are rounded to ``resolution`` seconds before anything else: 1 ms on the fast clock,
    where loop times are exact; the runner asks for 0.1 s on the real clock, where they jitter.
    """
    if not raw:
        return None
    if raw.get("errors"):
        raise RecorderError(raw["errors"][0].strip().splitlines()[-1])
    tasks = raw["tasks"]

    def rounded(t, loop):
        return None if t is None else seconds(round((t - raw["loops"][loop]["t0"]) / resolution) * resolution)

    loops = [{"t0": 0.0, "end": rounded(loop["end"], n)} for n, loop in enumerate(raw["loops"])]
    raw_events = [[loop, rounded(t, loop) if loop is not None else None, n, what, details] for loop, t, n, what, details in raw["events"]]

    def lane_of(n):
        seen = set()
        while n is not None and tasks[n].get("inline") and tasks[n]["by"] is not None and n not in seen:
            seen.add(n)
            n = tasks[n]["by"]
        return n

    hidden = {n for n, task in enumerate(tasks) if task.get("housekeeping")}
    line_numbers, line_texts = _print_lines(raw_events, transcript, workdir)

    # Per (loop, lane): the events of the lane's task and of the inline tasks drawn in it.
    streams = defaultdict(list)
    outside = []  # lines printed while no loop of the snippet was running
    own_state = {}  # host task -> its own last "waits" (hidden while an inline task runs for it)
    inline_state = {}  # inline task -> its last "waits"
    live_inline = defaultdict(set)
    for index, (loop, t, n, what, details) in enumerate(raw_events):
        if what == "prints":
            details = {"line": line_numbers[index], "text": line_texts[index]}
            if loop is None:
                outside.append(details)
            else:
                streams[loop, lane_of(n) if n is not None else None].append((t, what, details))
            continue
        if n is None or n in hidden:
            continue
        lane = lane_of(n)
        if lane != n:  # an inline task: its life is its host's
            if what == "created":
                live_inline[lane].add(n)
            elif what in ENDS:
                live_inline[lane].discard(n)
                if not live_inline[lane] and lane in own_state:
                    streams[loop, lane].append((t, "waits", own_state[lane]))
            else:
                if what == "waits":
                    inline_state[n] = details
                streams[loop, lane].append((t, what, details))
            continue
        if what == "waits":
            own_state[n] = details
            if live_inline[n]:
                child = max(live_inline[n])
                if child in inline_state:
                    streams[loop, lane].append((t, "waits", inline_state[child]))
                continue
        streams[loop, lane].append((t, what, details))

    # Lanes: the snippet's tasks, in the order they were first seen.
    lanes = [n for n, task in enumerate(tasks) if n not in hidden and lane_of(n) == n and (task["loop"], n) in streams]
    _canonical_order(lanes, tasks, streams)
    names = _lane_names(lanes, tasks)

    def name(n):
        return names.get(lane_of(n)) if n is not None else None

    ordered = []
    for loop_number, loop in enumerate(loops):
        t0 = loop["t0"]
        loop_lanes = [n for n in lanes if tasks[n]["loop"] == loop_number]
        if (loop_number, None) in streams:
            loop_lanes.append(None)  # lines printed by callbacks, outside any task
        if not loop_lanes:
            continue
        events = []  # (t, lane order, sequence, event)
        for order, lane in enumerate(loop_lanes):
            for t, what, details in _collapse(streams[loop_number, lane]):
                event = {"loop": loop_number + 1, "t": seconds(t - t0), "task": name(lane), "event": what}
                if what == "created":
                    event["coro"] = tasks[lane]["coro"]
                    if (by := name(tasks[lane]["by"])) is not None and by != name(lane):
                        event["by"] = by
                elif what == "waits":
                    event["on"] = details["on"]
                    if "what" in details:
                        event["what"] = details["what"]
                    if "for" in details:
                        event["for"] = _names_in_order([lane_of(f) for f in details["for"] if f not in hidden], lanes, names, lane)
                else:
                    event.update(details)
                events.append((event["t"], order, len(events), event))
        # Within an instant, lane by lane: the order of tasks within one instant is not drawn.
        ordered += [event for *_, event in sorted(events, key=lambda item: item[:3])]
        end = seconds((loop["end"] if loop["end"] is not None else t0) - t0)
        end = max([end] + [e[0] for e in events])
        ordered.append({"loop": loop_number + 1, "t": end, "task": None, "event": "loop ends"})
    ordered += [{"loop": None, "t": None, "task": None, "event": "prints", **details} for details in outside]
    if not any(event["event"] == "created" for event in ordered):
        return None  # no task, nothing to draw: no file either
    return {"timeline": FORMAT, "events": ordered}


DROPPED_LINE = "(a line left out of the transcript: a frame outside the snippet)"


def _print_lines(raw_events, transcript, workdir):
    """({event index: transcript line number or None}, {event index: the line as normalised})."""
    numbers, texts = {}, {}
    lines = transcript.splitlines()
    position = 0
    for index, (_, _, _, what, details) in enumerate(raw_events):
        if what != "prints":
            continue
        normalised = transcript_module.normalise(details["text"] + "\n", workdir=workdir)
        numbers[index] = None
        # A line the normaliser drops (a frame outside the snippet) differs between versions:
        # its text is not kept either.
        texts[index] = normalised[:-1] if normalised else DROPPED_LINE
        if not normalised:
            continue
        for number in range(position, len(lines)):
            if lines[number] == texts[index]:
                numbers[index] = number + 1
                position = number + 1
                break
    return numbers, texts


def _collapse(stream):
    """One lane's events, reduced per instant to: created, runs, prints/holds/releases, the state it is left in."""
    out = []
    state = ("ready",)
    i = 0
    while i < len(stream):
        t = stream[i][0]
        group = []
        while i < len(stream) and stream[i][0] == t:
            group.append(stream[i])
            i += 1
        created = any(what == "created" for _, what, _ in group)
        ran = any(what == "runs" for _, what, _ in group)
        middle = []
        for _, what, details in group:
            if what == "prints":
                middle.append((what, details))
            elif what in ("holds", "releases"):
                opposite = "releases" if what == "holds" else "holds"
                for k in range(len(middle) - 1, -1, -1):
                    if middle[k] == (opposite, details):
                        del middle[k]  # taken and let go within the instant: nothing to draw
                        break
                else:
                    middle.append((what, details))
        finals = [(what, details) for _, what, details in group if what == "waits" or what in ENDS]
        if created:
            out.append((t, "created", {}))
        if ran:
            out.append((t, "runs", {}))
        out += [(t, what, details) for what, details in middle]
        if finals:
            final = finals[-1]
            key = (final[0], json.dumps(final[1], sort_keys=True))
            if ran or final[0] in ENDS or key != state:
                out.append((t, *final))
                state = key
        elif ran:
            state = ("running",)
    return out


def _canonical_order(lanes, tasks, streams):
    """Order (and rename) the tasks one as_completed() call made from a set, by what they did."""
    i = 0
    while i < len(lanes):
        first = tasks[lanes[i]]
        group = [lanes[i]]
        while first.get("unordered") and i + len(group) < len(lanes):
            other = tasks[lanes[i + len(group)]]
            if not (other.get("unordered") and other["by"] == first["by"] and other["loop"] == first["loop"]):
                break
            group.append(lanes[i + len(group)])
        if len(group) > 1:

            def behaviour(m):
                return [(round(t, 6), what, json.dumps(details, sort_keys=True))
                        for t, what, details in _collapse(streams[tasks[m]["loop"], m]) if what != "created"]

            ordered = sorted(group, key=behaviour)
            given = [tasks[m]["name"] for m in group]
            if all(tasks[m].get("default_name") for m in group):
                given.sort(key=lambda name: int(name.split("-")[1]))
            for m, new_name in zip(ordered, given):
                tasks[m] = {**tasks[m], "name": new_name}
            lanes[i:i + len(group)] = ordered
        i += len(group)


def _lane_names(lanes, tasks):
    """{lane: name}, default names renumbered without inline tasks, unique within a loop."""
    inline_before = 0
    names, used = {}, defaultdict(int)
    for n, task in enumerate(tasks):
        if (task.get("inline") and task.get("default_name")) or task.get("named_later"):
            inline_before += 1
        if n not in lanes:
            continue
        name = task["name"]
        if task.get("default_name") and inline_before:
            name = f"Task-{int(name.split('-')[1]) - inline_before}"
        used[task["loop"], name] += 1
        names[n] = name if used[task["loop"], name] == 1 else f"{name} ({used[task['loop'], name]})"
    return names


def _names_in_order(numbers, lanes, names, own):
    order = {n: i for i, n in enumerate(lanes)}
    unique = sorted({n for n in numbers if n is not None and n != own and n in order}, key=order.get)
    return [names[n] for n in unique]


# --- the committed file ---------------------------------------------------------------


def dumps(recording) -> str:
    events = [json.dumps(event, ensure_ascii=False) for event in recording["events"]]
    body = ",\n".join(f"  {event}" for event in events)
    return f'{{\n "timeline": {recording["timeline"]},\n "events": [\n{body}\n ]\n}}\n'


def read(snippet) -> dict | None:
    path = path_for(snippet)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def write(snippet, recording) -> bool:
    """Write (or, for a run with no task, delete) the committed recording; True when it changed."""
    path = path_for(snippet)
    if recording is None:
        if path.exists():
            path.unlink()
            return True
        return False
    text = dumps(recording)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def difference(snippet, live) -> str | None:
    """None when the live recording equals the committed one, else a message naming the snippet."""
    import difflib

    path = path_for(snippet)
    where = path.relative_to(REPO).as_posix()
    committed = path.read_text(encoding="utf-8") if path.exists() else None
    text = dumps(live) if live is not None else None
    update = update_command(snippet)
    if committed == text:
        return None
    if committed is None:
        return f"{snippet.display}: no committed timeline {where}; run {update} to create it"
    if text is None:
        return f"{snippet.display}: the run created no task, but {where} exists; run {update} if that is intended"
    diff = difflib.unified_diff(committed.splitlines(), text.splitlines(), f"{where} (committed)", f"{snippet.display} (this run)", lineterm="")
    return f"{snippet.display}: the timeline differs from {where}; run {update} if the change is intended\n" + "\n".join(diff)


def update_command(snippet) -> str:
    """How to rewrite one snippet's transcript and timeline (`make update` rewrites them all)."""
    return f"`python -m guidekit.runner --update {snippet.display}` (or `make update`)"


def task_count(recording) -> int:
    return sum(event["event"] == "created" for event in recording["events"]) if recording else 0
