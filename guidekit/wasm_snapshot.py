"""Run in a fresh CPython-on-WebAssembly interpreter just before its memory snapshot is made.

Every later interpreter starts from that snapshot instead of starting Python again: under
Node (guidekit/wasm_host.mjs, which has imported looptime first) and in a reader's page
(guidekit/browser_worker.mjs, the Run button's later runs). The standard modules that
wasm_python.py, child.py and recorder.py import are loaded here: every native run imports
them before the snippet starts, so the state a snippet finds is the same.
"""

import asyncio  # noqa: F401
import atexit  # noqa: F401
import functools  # noqa: F401
import gc
import importlib.util  # noqa: F401
import inspect  # noqa: F401
import json  # noqa: F401
import linecache  # noqa: F401
import re  # noqa: F401
import runpy  # noqa: F401
import traceback  # noqa: F401
import warnings  # noqa: F401
import weakref  # noqa: F401

# What is alive now lives as long as the interpreter: frozen, the collector never scans it again
# (a full collection at the end of each job took 0.16 s here instead of 0.1 ms).
gc.collect()
gc.freeze()
