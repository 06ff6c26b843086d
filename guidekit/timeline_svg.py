"""The SVG picture of a timeline recording (guidekit/timeline.py makes the recording).

``draw()`` makes the picture in one layout (``WIDE`` or ``NARROW``, see ``Layout``), and
``figure()`` puts both layouts in a page, where the page's CSS shows the one that fits. It
is SVG written by this module, not by a plotting library: the picture is a few dozen
rectangles, lines and texts, which a template writes in less code than a plotting
library's configuration would take; it needs no dependency (the build stays offline and
small); every number is formatted here, so the same recording gives the same bytes on any
machine (a library's output changes with its version, and carries generated ids and
inline styles); and its elements carry classes that docs/stylesheets/guide.css colours
with Material's variables, so the picture follows the light and dark palettes once
inlined in the page (colour attributes remain as a fallback for the file on its own).
Each waiting state also has its own pattern and words on the bar, so colour is never the
only difference. Each bar and mark with details is a ``<g class="tl-tip">`` whose
``<title>`` holds them: hover shows it, and docs/javascripts/timeline.js shows it on a tap,
a click or keyboard focus. A page shows the picture under the output when the run created
at least two tasks (``asyncio.run()``'s own main task counts): with one task there is no
concurrency to see.

Standard library and the recording module only, so that this module can also run elsewhere
than in the build.
"""

import math
import re
from collections import defaultdict
from xml.sax.saxutils import escape

from .timeline import ENDS, REAL_TIME_RESOLUTION

# Plain SVG elements with fixed attributes (numbers to 0.1 px), so the same recording
# always gives the same bytes. Every element has a class that docs/stylesheets/guide.css
# colours for Material's light and dark palettes, and a light-palette colour as an
# attribute for when that CSS is absent (the picture opened on its own).

LANE = 34  # the height of one lane (a wide layout's lane; a narrow one adds its label row)
BAR_Y, BAR_H = 8, 16  # the state bar inside a lane
HOLD_Y, HOLD_H = 27, 4  # the band under it while the task holds a lock or semaphore
MARK_R = 9
AXIS_H = 30
NOTE_H = 15  # a line of notes under a narrow layout's axis
LABEL_H = 16  # a narrow layout's label row, above the lane's bar
HEADER_H = 24
FONT = 12  # every text: at the narrowest width each layout is shown at, still 11 CSS px or more
CHAR = 6.9  # average width of a character at that size, for layout


class Layout:
    """How one picture is laid out: its width (the viewBox's), how many axis steps at most, where the labels go.

    A page carries every layout of a picture; its CSS shows the one that fits the width of the
    page (docs/stylesheets/guide.css). Each picture scales to that width, so a layout is shown
    only where its text stays at 11 CSS px or more: the wide one from 660 px, the narrow one below.
    """

    def __init__(self, name, width, max_steps, labels_above):
        self.name, self.width, self.max_steps, self.labels_above = name, width, max_steps, labels_above


WIDE = Layout("wide", 720, 8, labels_above=False)  # labels left of their lanes, words after each lane's end
NARROW = Layout("narrow", 340, 4, labels_above=True)  # labels, and the words of how it ended, above each lane
LAYOUTS = (WIDE, NARROW)


# What a task waits on -> (style, words on the bar, words in the description)
KINDS = {
    "sleep": ("sleep", "sleep", "sleeps"),
    "lock": ("lock", "{what}", "waits for {what}"),
    "semaphore": ("lock", "{what}", "waits for {what}"),
    "condition": ("lock", "{what}", "waits on {what}"),
    "barrier": ("lock", "{what}", "waits at {what}"),
    "event": ("event", "{what}", "waits for {what} to be set"),
    "queue.get": ("queue", "get from {what}", "waits to get an item from {what}"),
    "queue.put": ("queue", "put into {what}", "waits to put an item into {what}"),
    "queue.join": ("queue", "join {what}", "waits until every item of {what} is processed"),
    "task": ("task", "awaits {for}", "awaits {for}"),
    "gather": ("task", "gather", "waits for {for} (gather)"),
    "wait": ("task", "wait", "waits for {for} (asyncio.wait)"),
    "taskgroup": ("task", "TaskGroup", "waits for {for} (its task group)"),
    "as_completed": ("task", "as_completed", "waits for the next task to finish (as_completed)"),
    "thread": ("other", "thread", "waits for a thread"),
    "future": ("other", "future", "waits on a future"),
    "turn": ("other", "turn", "waits for its next turn"),
    "ready": ("ready", "", "waits for its first turn"),
}
STYLES = {  # style -> (legend, light fill for when the page's CSS is absent)
    "ready": ("created, not started yet", "none"),
    "sleep": ("sleeps", "#c6dafc"),
    "lock": ("waits for a lock or semaphore", "#ffd8a8"),
    "event": ("waits for an event", "#e5d0f5"),
    "queue": ("waits on a queue", "#c3ebc9"),
    "task": ("waits for other tasks", "#cfe2e6"),
    "other": ("waits on something else", "#e4e4e4"),
}
PATTERNS = {  # style -> the lines or dots over its colour: a state is never told by colour alone
    "sleep": '<path class="tl-ink" d="M0 8L8 0M-2 2L2 -2M6 10L10 6" stroke="#555" stroke-width="1.2"/>',
    "lock": '<path class="tl-ink" d="M0 8L8 0M-2 2L2 -2M6 10L10 6M0 0L8 8M-2 6L2 10M6 -2L10 2" stroke="#555" stroke-width="1"/>',
    "event": '<circle class="tl-ink-fill" cx="2" cy="2" r="1.2" fill="#555"/><circle class="tl-ink-fill" cx="6" cy="6" r="1.2" fill="#555"/>',
    "queue": '<path class="tl-ink" d="M0 2H8M0 6H8" stroke="#555" stroke-width="1.2"/>',
    "task": '<path class="tl-ink" d="M2 0V8M6 0V8" stroke="#555" stroke-width="1.2"/>',
    "other": "",
}
OUTCOMES = {  # outcome -> (words beside the lane's end, legend, description)
    "returned": ("returned", "returned", "returns at {t} s"),
    "raised": ("raised {exception}", "raised an exception", "raises {exception} at {t} s"),
    "cancelled": ("cancelled", "cancelled", "is cancelled at {t} s"),
    "pending": ("still pending", "still pending when the loop ends", "is still pending when the loop ends at {t} s"),
}


class _Lane:
    def __init__(self, name, coro=None, by=None, created=None):
        self.name, self.coro, self.by, self.created = name, coro, by, created
        self.states = []  # (start, end, kind, details)
        self.runs = []
        self.holds = []  # [start, end, what]
        self.prints = []  # (t, line, text)
        self.end = None  # (t, outcome, exception)

    @property
    def label(self):
        """The task's name, and its coroutine function's when that says more: "Task-2 · fetch()"."""
        if self.coro is None:
            return self.name
        coro = self.coro.rsplit(".", 1)[-1]
        return self.name if coro == self.name else f"{self.name} \u00b7 {coro}()"


class _Loop:
    def __init__(self, number):
        self.number = number
        self.lanes = {}
        self.end = 0.0
        self.callbacks = None  # a lane for lines printed by callbacks, outside any task

    @property
    def all_lanes(self):
        return [*self.lanes.values(), *([self.callbacks] if self.callbacks else [])]


def _parse(recording):
    """([_Loop], [lines printed outside any loop]) from a recording's events."""
    loops, outside = {}, []
    state = {}  # lane -> (since, kind, details)

    def close(lane, t):
        since, kind, details = state.pop(lane, (t, None, None))
        if kind and t > since:
            lane.states.append((since, t, kind, details))

    for event in recording["events"]:
        if event["loop"] is None:
            outside.append(event)
            continue
        loop = loops.setdefault(event["loop"], _Loop(event["loop"]))
        t, what = event["t"], event["event"]
        if what == "loop ends":
            loop.end = t
            for lane in loop.lanes.values():
                if lane.end is None:
                    close(lane, t)
                    lane.end = (t, "pending", None)
                for hold in lane.holds:
                    if hold[1] is None:
                        hold[1] = t
            continue
        if event["task"] is None:
            if loop.callbacks is None:
                loop.callbacks = _Lane("(callbacks)")
            lane = loop.callbacks
        elif what == "created":
            lane = loop.lanes[event["task"]] = _Lane(event["task"], event.get("coro"), event.get("by"), t)
            state[lane] = (t, "ready", {})
            continue
        else:
            lane = loop.lanes[event["task"]]
        if what == "prints":
            lane.prints.append((t, event["line"], event["text"]))
        elif what == "holds":
            lane.holds.append([t, None, event["what"]])
        elif what == "releases":
            # Released by the task holding it, else (a semaphore released by another task) the oldest hold.
            holds = [h for h in lane.holds if h[1] is None and h[2] == event["what"]] or sorted(
                (h for other in loop.lanes.values() for h in other.holds if h[1] is None and h[2] == event["what"]),
                key=lambda h: h[0])
            if holds:
                holds[0][1] = t
        elif what in ("runs", "waits") or what in ENDS:
            close(lane, t)
            if what == "runs":
                lane.runs.append(t)
                state[lane] = (t, "running", {})
            elif what == "waits":
                state[lane] = (t, event["on"], event)
            else:
                lane.end = (t, what, event.get("exception"))
    return [loops[k] for k in sorted(loops)], outside


def _num(v):
    """A coordinate, as short and stable text (0.1 px)."""
    text = f"{v:.1f}"
    return "0" if text in ("0.0", "-0.0") else text.removesuffix(".0")


def _secs(v):
    """A time in seconds, as short and stable text."""
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("0", "-0") else text


def _tick_step(duration, max_steps=8):
    """1, 2, 2.5 or 5 times a power of ten: at most ``max_steps`` steps over the duration."""
    duration = duration or 1.0
    for exponent in range(-3, 6):
        for base in (1, 2, 2.5, 5):
            if duration / (base * 10.0 ** exponent) <= max_steps:
                return base * 10.0 ** exponent
    return 10.0 ** 6


def _and(items):
    items = list(items)
    return "".join(items) if len(items) <= 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _words(kind, details):
    """(words on the bar, words in the description) for what a task waits on."""
    _, short, long = KINDS.get(kind, KINDS["future"])
    names = (details or {}).get("for", [])
    values = {"for": _and(names) if names else "other tasks", "what": (details or {}).get("what", kind)}
    return short.format(**{**values, "for": names[0] if len(names) == 1 else "tasks"}), long.format(**values)


def _lines_phrase(numbers):
    numbers = [str(n) for n in numbers if n is not None]
    if not numbers:
        return "a line that is not in the output"
    return ("line " if len(numbers) == 1 else "lines ") + _and(numbers)


def _describe(lane):
    """One sentence on one lane, for the picture's description."""
    if lane.created is None:
        return f"Callbacks the loop ran outside any task printed {_lines_phrase(l for _, l, _ in lane.prints)} (last lane)."
    items = [(lane.created, 0, f"is created at {_secs(lane.created)} s" + (f" by {lane.by}" if lane.by else ""))]
    # Within one instant: what it takes, what it prints (in the step), then what it waits on after it.
    for start, end, kind, details in lane.states:
        if kind != "running":
            items.append((start, 3, f"{_words(kind, details)[1]} from {_secs(start)} to {_secs(end)} s"))
    for start, end, what in lane.holds:
        if end > start:
            items.append((start, 1, f"holds {what} from {_secs(start)} to {_secs(end)} s"))
    printed = defaultdict(list)
    for t, line, _ in lane.prints:
        printed[t].append(line)
    items += [(t, 2, f"prints {_lines_phrase(lines)} at {_secs(t)} s") for t, lines in printed.items()]
    if lane.end is not None:
        t, outcome, exception = lane.end
        items.append((t, 4, OUTCOMES[outcome][2].format(t=_secs(t), exception=exception)))
    parts = [text for *_, text in sorted(items, key=lambda item: item[:2])]
    coro = lane.coro.rsplit(".", 1)[-1]
    return f"{lane.name}{'' if coro == lane.name else f' ({coro})'} {_and(parts)}."


def draw(recording, ident: str, display: str, fast_clock: bool = True, layout: Layout = WIDE) -> str:
    """The SVG picture of a recording in one layout: one lane per task, a time axis, a legend, a title and a description.

    ``ident`` makes the element ids unique in a page (several pictures share one HTML page; a
    layout other than the wide one adds its name to them). When no loop time passes at all,
    everything is drawn at 0 s, side by side in print order.
    """
    loops, outside = _parse(recording)
    ident = "tl-" + re.sub(r"[^a-z0-9]+", "-", ident.lower()).strip("-") + ("" if layout is WIDE else f"-{layout.name}")
    width = layout.width
    duration = max((loop.end for loop in loops), default=0.0)
    step = _tick_step(duration, layout.max_steps)
    axis_end = max(step, math.ceil(round(duration / step, 6)) * step) if duration else 0.0
    lanes = [lane for loop in loops for lane in loop.all_lanes]
    if layout.labels_above:
        x0, right = 16, 22  # room for the words of the first and the last tick, centred on them
    else:
        x0 = 14 + min(230, max(80, 12 + CHAR * max((len(lane.label) for lane in lanes), default=8)))
        right = 30
    for _ in range(3):  # widen the right margin until what comes after the last lane's end fits
        body, used, widest = _body(loops, ident, x0, width - right, step, axis_end, layout)
        if widest <= width - 4:
            break
        right += widest - (width - 4)
    legend, height = _legend(ident, used, body.height + 4, width)
    defs = "".join(
        f'<pattern id="{ident}-{style}" patternUnits="userSpaceOnUse" width="8" height="8">'
        f'<rect class="tl-bg-{style}" width="8" height="8" fill="{STYLES[style][1]}"/>{PATTERNS[style]}</pattern>'
        for style in PATTERNS if style in used
    )
    n_tasks = sum(len(loop.lanes) for loop in loops)
    clock = ("the event loop's fast-forward clock, on which a sleep takes no real time" if fast_clock
             else f"the event loop's clock, in real time rounded to {_secs(REAL_TIME_RESOLUTION)} s")
    title = f"Timeline of {display}: {n_tasks} task{'' if n_tasks == 1 else 's'} over {_secs(duration)} s of loop time"
    desc = [f"One lane per task, on {clock}. A numbered mark is the line of the output with that number."]
    for loop in loops:
        if len(loops) > 1:
            desc.append(f"Event loop {loop.number}, from 0 to {_secs(loop.end)} s:")
        desc += [_describe(lane) for lane in loop.all_lanes]
    if outside:
        were = "was" if len(outside) == 1 else "were"
        desc.append(f"{_lines_phrase(e['line'] for e in outside).capitalize()} {were} printed while no event loop was running: no mark.")
    return "".join([
        (f'<svg xmlns="http://www.w3.org/2000/svg" class="tl tl-{layout.name}" id="{ident}" viewBox="0 0 {width} {_num(height)}"'
         f' width="{width}" height="{_num(height)}" role="img" aria-labelledby="{ident}-title {ident}-desc"'
         f' font-family="sans-serif" font-size="{FONT}">\n'),
        f'<title id="{ident}-title">{escape(title)}</title>\n',
        f'<desc id="{ident}-desc">{escape(" ".join(desc))}</desc>\n',
        f"<defs>{defs}</defs>\n" if defs else "",
        "\n".join(body), "\n",
        "\n".join(legend), "\n",
        "</svg>\n",
    ])


class _Body(list):
    height = 0.0


def _body(loops, ident, x0, x1, step, axis_end, layout):
    """The lanes and axes; the styles, outcomes and marks used; the rightmost x drawn."""

    def x(t):
        return x0 + (x1 - x0) * (t / axis_end) if axis_end else x0

    body, used, widest = _Body(), set(), 0.0
    ticks = [round(k * step, 9) for k in range(round(axis_end / step) + 1)] if axis_end else [0.0]
    y = 4
    for loop in loops:
        if len(loops) > 1:
            body.append(f'<text class="tl-header" x="4" y="{_num(y + 15)}" font-weight="bold">Event loop {loop.number}</text>')
            y += HEADER_H
        top, lanes = y, []
        for lane in loop.all_lanes:
            elements, right_end, height = _lane(lane, y, x, loop.end, ident, used, layout)
            lanes += elements
            widest = max(widest, right_end)
            y += height
        for tick in ticks:  # grid lines behind the lanes
            body.append(f'<line class="tl-grid" x1="{_num(x(tick))}" y1="{_num(top)}" x2="{_num(x(tick))}" y2="{_num(y)}" stroke="#ddd"/>')
        body += lanes
        axis = y + 2
        body.append(f'<line class="tl-axis" x1="{_num(x0)}" y1="{_num(axis)}" x2="{_num(x1)}" y2="{_num(axis)}" stroke="#666"/>')
        for tick in ticks:
            body.append(f'<line class="tl-axis" x1="{_num(x(tick))}" y1="{_num(axis)}" x2="{_num(x(tick))}" y2="{_num(axis + 4)}" stroke="#666"/>')
            body.append(f'<text class="tl-tick" x="{_num(x(tick))}" y="{_num(axis + 16)}" text-anchor="middle">{_secs(tick)} s</text>')
        if layout.labels_above:  # the notes on lines of their own, under the axis
            notes = ["loop time"] if axis_end else ["no loop time passes in this run:", "the numbers give the order"]
            for k, note in enumerate(notes):
                body.append(f'<text class="tl-note" x="4" y="{_num(axis + 16 + NOTE_H * (k + 1))}" font-style="italic">{note}</text>')
            y += NOTE_H * len(notes)
        else:
            body.append(f'<text class="tl-note" x="{_num(x0 - 14)}" y="{_num(axis + 16)}" text-anchor="end" font-style="italic">loop time</text>')
            if not axis_end:
                body.append(f'<text class="tl-note" x="{_num(x0 + 30)}" y="{_num(axis + 16)}" font-style="italic">'
                            "no loop time passes in this run: the numbers give the order</text>")
        y += AXIS_H
    body.height = y
    return body, used, widest


def _state_rect(ident, style, x, y, w):
    if style == "ready":
        return (f'<rect class="tl-ready" x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{BAR_H}"'
                f' fill="none" stroke="#777" stroke-dasharray="2 2"/>')
    return (f'<rect class="tl-state" x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{BAR_H}"'
            f' fill="url(#{ident}-{style})" stroke="#777" stroke-width="0.6"/>')


def _run_tick(x, y):
    return f'<rect class="tl-run" x="{_num(x - 1)}" y="{_num(y + BAR_Y - 2)}" width="2" height="{BAR_H + 4}" fill="#333"/>'


def _hit(x, y, w, h):
    """An invisible rectangle that widens what a tap or a click on a detail reaches."""
    return f'<rect class="tl-hit" x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" opacity="0"/>'


def _mark_half(number):
    """Half the width of a numbered mark: a circle, or a rounded box for a number of 3 digits or more."""
    return MARK_R if len(number) < 3 else (CHAR * len(number) + 6) / 2


def _mark(cx, cy, number, tip=None):
    """A numbered mark; with ``tip``, the details that hover, a tap or keyboard focus show."""
    half = _mark_half(number)
    if half == MARK_R:
        shape = f'<circle cx="{_num(cx)}" cy="{_num(cy)}" r="{MARK_R}" fill="#fff" stroke="#222"/>'
    else:
        shape = (f'<rect x="{_num(cx - half)}" y="{_num(cy - MARK_R)}" width="{_num(2 * half)}" height="{2 * MARK_R}"'
                 f' rx="{MARK_R}" fill="#fff" stroke="#222"/>')
    text = f'<text x="{_num(cx)}" y="{_num(cy + 4.2)}" text-anchor="middle">{number}</text>'
    if not tip:
        return f'<g class="tl-mark">{shape}{text}</g>'
    hit = _hit(cx - half - 3, cy - MARK_R - 3, 2 * half + 6, 2 * MARK_R + 6)
    return f'<g class="tl-mark tl-tip"><title>{escape(tip)}</title>{hit}{shape}{text}</g>'


def _fit(text: str, room: float) -> str:
    """``text``, cut with an ellipsis to fit ``room`` units (the full text stays in the picture's description)."""
    most = max(4, int(room / CHAR))
    return text if len(text) <= most else text[: most - 1] + "\u2026"


def _lane(lane, y, x, loop_end, ident, used, layout):
    """The elements of one lane, the rightmost x they reach, and the lane's height."""
    out = ['<g class="tl-lane">']
    label_class = "tl-label tl-callbacks" if lane.created is None else "tl-label"
    words = None
    if lane.end is not None and lane.created is not None:
        words = OUTCOMES[lane.end[1]][0].format(exception=lane.end[2] or "")
    top = y
    if layout.labels_above:  # the label on a row of its own; how the lane ended, at the right of that row
        label = _fit(lane.label, layout.width - 8)
        out.append(f'<text class="{label_class} tl-halo" x="4" y="{_num(y + 12)}" stroke="#fff" stroke-width="3"'
                   f' paint-order="stroke">{escape(label)}</text>')
        if words and 4 + CHAR * (len(label) + 2 + len(words)) > layout.width - 4:
            y += LABEL_H  # no room beside the label: a row of its own
        if words:
            out.append(f'<text class="tl-outcome tl-halo" x="{layout.width - 4}" y="{_num(y + 12)}" text-anchor="end"'
                       f' stroke="#fff" stroke-width="3" paint-order="stroke">{escape(words)}</text>')
        y += LABEL_H
    mid = y + BAR_Y + BAR_H / 2
    if not layout.labels_above:
        label = _fit(lane.label, x(0) - 14 - 4)
        out.append(f'<text class="{label_class}" x="{_num(x(0) - 14)}" y="{_num(mid + 4.2)}" text-anchor="end">{escape(label)}</text>')
    if lane.created is not None:
        end = lane.end[0] if lane.end else loop_end
        out.append(f'<line class="tl-life" x1="{_num(x(lane.created))}" y1="{_num(mid)}" x2="{_num(x(end))}" y2="{_num(mid)}" stroke="#999"/>')
    for start, end, kind, details in lane.states:
        w = x(end) - x(start)
        if kind == "running":  # only on the real clock does a step take visible time
            if w >= 1:
                used.add("runs")
                out.append(f'<rect class="tl-run" x="{_num(x(start))}" y="{_num(y + BAR_Y - 2)}" width="{_num(w)}" height="{BAR_H + 4}" fill="#333"/>')
            continue
        if w < 0.5:
            continue
        style = KINDS.get(kind, KINDS["future"])[0]
        used.add(style)
        short, long = _words(kind, details)
        out.append(f"<g class=\"tl-tip\"><title>{escape(f'{lane.name} {long} from {_secs(start)} to {_secs(end)} s')}</title>")
        out.append(_hit(x(start), y, w, HOLD_Y - 1))
        out.append(_state_rect(ident, style, x(start), y + BAR_Y, w))
        if short and w >= len(short) * CHAR + 10:
            out.append(f'<text class="tl-in-bar" x="{_num(x(start) + w / 2)}" y="{_num(mid + 4.2)}" text-anchor="middle"'
                       f' stroke="#fff" stroke-width="3" paint-order="stroke">{escape(short)}</text>')
        out.append("</g>")
    last = None
    for t in lane.runs:
        if last is None or x(t) - last >= 1.5:
            used.add("runs")
            out.append(_run_tick(x(t), y))
            last = x(t)
    for start, end, what in lane.holds:
        if x(end) - x(start) >= 0.5:
            used.add("holds")
            out.append(f"<g class=\"tl-tip\"><title>{escape(f'{lane.name} holds {what} from {_secs(start)} to {_secs(end)} s')}</title>"
                       f"{_hit(x(start), y + HOLD_Y - 4, x(end) - x(start), HOLD_H + 7)}"
                       f'<rect class="tl-hold" x="{_num(x(start))}" y="{_num(y + HOLD_Y)}" width="{_num(x(end) - x(start))}" height="{HOLD_H}" fill="#c2410c"/></g>')
    # Printed lines: numbered marks at their moment; marks closer than their size sit side by side, in order.
    previous = None  # the right edge of the last mark
    for t, line, text in lane.prints:
        used.add("marks")
        number = "" if line is None else str(line)
        half = _mark_half(number)
        cx = x(t) if previous is None else max(x(t), previous + half + 1)
        previous = cx + half
        where = f"Line {number} of the output" if line else "A line"
        out.append(_mark(cx, mid, number, f"{where}, printed at {_secs(t)} s: {text}"))
    right_end = x(0) if previous is None else previous
    if words is not None:
        t, outcome, _ = lane.end
        used.add(outcome)
        ex = x(t) if previous is None or previous + 6 <= x(t) else previous + 7
        out.append(_outcome_glyph(outcome, ex, mid))
        right_end = ex + 6
        if not layout.labels_above:
            out.append(f'<text class="tl-outcome" x="{_num(ex + 8)}" y="{_num(mid + 4.2)}">{escape(words)}</text>')
            right_end = ex + 8 + CHAR * len(words)
    out.append("</g>")
    return out, right_end, y + LANE - top


def _outcome_glyph(outcome, x, y):
    if outcome == "returned":  # a filled square
        return f'<rect class="tl-end" x="{_num(x - 3.5)}" y="{_num(y - 3.5)}" width="7" height="7" fill="#222"/>'
    if outcome == "raised":  # a cross
        return (f'<path class="tl-raised" d="M{_num(x - 4)} {_num(y - 4)}L{_num(x + 4)} {_num(y + 4)}M{_num(x - 4)} {_num(y + 4)}L{_num(x + 4)} {_num(y - 4)}"'
                f' stroke="#b91c1c" stroke-width="2.2"/>')
    if outcome == "cancelled":  # a circle struck through
        return (f'<g class="tl-cancelled" fill="none" stroke="#222" stroke-width="1.6"><circle cx="{_num(x)}" cy="{_num(y)}" r="4"/>'
                f'<path d="M{_num(x - 3)} {_num(y + 3)}L{_num(x + 3)} {_num(y - 3)}"/></g>')
    return (f'<path class="tl-pending" d="M{_num(x)} {_num(y - 4)}L{_num(x + 6)} {_num(y)}L{_num(x)} {_num(y + 4)}"'
            f' fill="none" stroke="#222" stroke-width="1.4"/>')  # an open arrowhead: it goes on


def _legend(ident, used, y, width):
    """The legend of what this picture uses, in rows as wide as the picture; returns (elements, total height)."""
    items = []  # (draw the swatch at (sx, sy), words)
    if "runs" in used:
        items.append((lambda sx, sy: _run_tick(sx + 11, sy - BAR_Y), "runs a step (no loop time passes)"))
    for style, (words, _) in STYLES.items():
        if style in used:
            items.append((lambda sx, sy, s=style: _state_rect(ident, s, sx, sy, 22), words))
    if "holds" in used:
        items.append((lambda sx, sy: f'<rect class="tl-hold" x="{_num(sx)}" y="{_num(sy + 6)}" width="22" height="{HOLD_H}" fill="#c2410c"/>',
                      "holds a lock or semaphore"))
    if "marks" in used:
        items.append((lambda sx, sy: _mark(sx + 11, sy + BAR_H / 2, "n"), "prints line n of the output"))
    for outcome, (_, words, _) in OUTCOMES.items():
        if outcome in used:
            items.append((lambda sx, sy, o=outcome: _outcome_glyph(o, sx + 11, sy + BAR_H / 2), words))
    out = ['<g class="tl-legend">']
    sx = 4
    for swatch, words in items:
        item_w = 36 + CHAR * len(words)
        if sx + item_w > width and sx > 4:
            sx, y = 4, y + 24
        out.append(swatch(sx, y))
        out.append(f'<text x="{_num(sx + 28)}" y="{_num(y + BAR_H / 2 + 4.2)}">{escape(words)}</text>')
        sx += item_w
    out.append("</g>")
    return out, y + 24


def figure(snippet, recording, fast_clock: bool = True) -> str:
    """The picture in every layout, in an HTML <figure> with a caption, for a page (raw HTML inside Markdown).

    The page's CSS shows the layout that fits the page's width; docs/javascripts/timeline.js shows
    the details of a bar or a mark when it is tapped, clicked or reached with the keyboard.
    """
    svgs = "".join(draw(recording, snippet.name, snippet.display, fast_clock, layout) for layout in LAYOUTS)
    clock = "the event loop's fast-forward clock" if fast_clock else "the event loop's clock (real time)"
    caption = (f"What each task of this run did, on {clock}: one lane per task. "
               "A numbered mark is the output line with that number. "
               "Tap, click or hover over a bar or a mark for its details; "
               "with the keyboard, Tab to the timeline and step through them with the arrow keys.")
    # Out of the search index: the picture's words repeat the output and would crowd the results.
    return f'{FIGURE_START}\n{svgs}<figcaption>{escape(caption)}</figcaption>\n{FIGURE_END}\n'


FIGURE_START, FIGURE_END = '<figure class="tl-figure" data-search-exclude>', "</figure>"
# Every figure of a page, as figure() writes it (no figure inside): the plugin sets them aside
# while the page's Markdown is converted and indexed for search, and puts them back after.
FIGURE = re.compile(re.escape(FIGURE_START) + ".*?" + re.escape(FIGURE_END), re.DOTALL)
