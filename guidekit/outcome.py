"""What a finished snippet run left, read the same way wherever it ran: by the build's runner
(guidekit/runner.py) and by a run in a reader's page (guidekit/browser_python.py).

A run leaves its output (stdout and stderr in order, as one pipe gives them) and, unless it was
killed first, the result file guidekit/child.py writes (the exception, the writes into the
working directory, the recorder's events). From them: the normalised transcript
(guidekit/transcript.py) and the timeline recorded against it (guidekit/timeline.py).
"""

import dataclasses
import json
import os

from . import timeline, transcript


@dataclasses.dataclass
class Outcome:
    transcript: str
    normalised: list  # what transcript.normalise changed (NOTES keys)
    child: dict | None = None  # the result file's contents; None if the run left none
    timeline: dict | None = None
    timeline_error: str | None = None  # why the recorder's events make no timeline


def read(output: str, result_file: str, workdir: str, real_time: bool) -> Outcome:
    text, normalised = transcript.normalise_noting(output, workdir=workdir)
    found = Outcome(text, normalised)
    if os.path.exists(result_file):
        with open(result_file, encoding="utf-8") as f:
            found.child = json.load(f)
        try:
            found.timeline = timeline.build(found.child.get("timeline"), text, workdir=workdir,
                                            resolution=timeline.REAL_TIME_RESOLUTION if real_time else 0.001)
        except timeline.RecorderError as exc:
            found.timeline_error = str(exc)
    return found
