"""Where a snippet runs, for 3.11-3.13: its own native CPython process.

``start()`` returns a running process with the small interface the runner drives every
place a snippet runs through (guidekit/wasm.py has the other): ``wait(seconds) -> bool``
(ended?), ``send(signal)``, then ``exit_code``, ``output`` (stdout and stderr in the order
written, at most ``cap`` + 1 bytes) and ``too_much_output``.
"""

import os
import signal
import subprocess
import threading
import time


class NativeProcess:
    def __init__(self, command, *, cwd, env, cap):
        self.proc = subprocess.Popen(
            command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.cap, self.size, self.chunks = cap, 0, []
        self.too_much_output = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while chunk := self.proc.stdout.read1(65536):
            if self.size <= self.cap:
                self.chunks.append(chunk)
            self.size += len(chunk)
            if self.size > self.cap and not self.too_much_output:
                self.too_much_output = True
                self.send(signal.SIGKILL)

    def wait(self, seconds) -> bool:
        start = time.monotonic()
        self.reader.join(seconds)  # returns when the output ends: proc.wait(timeout) polls every 50 ms
        try:
            self.proc.wait(max(0.0, seconds - (time.monotonic() - start)) if seconds is not None else None)
        except subprocess.TimeoutExpired:
            return False
        self.reader.join()
        return True

    def send(self, sig):
        try:
            os.killpg(self.proc.pid, sig)  # the snippet's children too
        except ProcessLookupError:
            pass

    @property
    def exit_code(self):
        return self.proc.returncode

    @property
    def output(self) -> bytes:
        return b"".join(self.chunks)[: self.cap + 1]


def start(python, child_args, *, cwd, env, cap) -> NativeProcess:
    return NativeProcess([python, "-s", *child_args], cwd=cwd, env=env, cap=cap)
