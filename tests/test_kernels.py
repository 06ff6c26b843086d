"""Kernels started ahead of need (guidekit/kernels.py, used by guidekit/plugin.py's PageExecutor): early in a build, kept ready under serve."""

import os
import time

import nbformat
import pytest

from guidekit import kernels
from guidekit.plugin import PageExecutor


def kernel_ready_in(tmp_path) -> str:
    """Start kernels kept ready in ``tmp_path`` and wait until one is running; returns the folder."""
    folder = str(tmp_path)
    kernels.keep_ready(folder, "python3")
    deadline = time.monotonic() + 120
    while not any(m.has_kernel for m in kernels._ready[f"{folder}\0python3"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    return folder


def test_a_serve_rebuild_executes_its_page_in_a_kernel_started_before_it(tmp_path, monkeypatch):
    folder = kernel_ready_in(tmp_path)
    taken = []
    take = kernels.take
    monkeypatch.setattr(kernels, "take", lambda *args, **kwargs: taken.append(take(*args, **kwargs)) or taken[-1])

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os; print(os.getpid(), os.getcwd())")])
    PageExecutor(ready_kernels=True, shutdown_kernel="immediate", timeout=120).preprocess(nb, {"metadata": {"path": folder}})

    assert taken and taken[0] is not None, "no kernel was ready"
    pid, cwd = nb.cells[0].outputs[0]["text"].split()
    assert int(pid) == taken[0].provisioner.process.pid and cwd == folder
    assert len(kernels._ready[f"{folder}\0python3"]) == kernels.READY  # another one is starting for the next rebuild
    deadline = time.monotonic() + 30
    while taken[0].is_alive() and time.monotonic() < deadline:  # shut down after its page, in the background
        time.sleep(0.05)
    assert not taken[0].is_alive()


def test_a_ready_kernel_comes_with_its_client_connected_and_the_page_connects_no_other(tmp_path, monkeypatch):
    """Connecting costs at least 0.2 s (jupyter_client's wait_for_ready): done while the kernel starts."""
    folder = kernel_ready_in(tmp_path)
    ready = kernels._ready[f"{folder}\0python3"][0]
    kernels._starting[id(ready)].join(120)
    connected = kernels._clients[id(ready)]
    # On this kernel only: the one that starts for the next rebuild connects its own client, as it should.
    monkeypatch.setattr(ready, "client", lambda **kw: pytest.fail("the page connected a client of its own"))

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('ran')")])
    executor = PageExecutor(ready_kernels=True, shutdown_kernel="immediate", timeout=120)
    executor.preprocess(nb, {"metadata": {"path": folder}})
    assert nb.cells[0].outputs[0]["text"] == "ran\n"
    assert executor.km is ready and executor.kc is connected


def test_a_ready_kernel_that_never_answers_is_dropped_and_stopped(tmp_path, monkeypatch):
    from jupyter_client.blocking.client import BlockingKernelClient

    def no_answer(self, timeout=None):
        raise RuntimeError("Kernel didn't respond in 60 seconds")

    monkeypatch.setattr(BlockingKernelClient, "wait_for_ready", no_answer)
    folder = str(tmp_path)
    kernels.keep_ready(folder, "python3", count=1)
    manager = kernels._ready[f"{folder}\0python3"][0]
    kernels._starting[id(manager)].join(120)
    assert manager not in kernels._ready[f"{folder}\0python3"] and kernels.client_of(manager) is None
    assert not manager.has_kernel  # its process was stopped, not left running


def test_a_build_starts_its_own_kernels(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('ran')")])
    PageExecutor(shutdown_kernel="immediate", timeout=120).preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    assert nb.cells[0].outputs[0]["text"] == "ran\n"
    assert str(tmp_path) + "\0python3" not in kernels._ready


def test_a_ready_kernel_has_imported_guidekit_and_one_older_than_guidekit_is_not_taken(tmp_path, monkeypatch):
    folder = kernel_ready_in(tmp_path)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print('guidekit.page' in sys.modules)")])
    PageExecutor(ready_kernels=True, shutdown_kernel="immediate", timeout=120).preprocess(nb, {"metadata": {"path": folder}})
    assert nb.cells[0].outputs[0]["text"] == "True\n"  # imported before the page's first cell

    started = list(kernels._ready[f"{folder}\0python3"])
    monkeypatch.setattr(kernels, "guidekit", lambda: "guidekit/ changed since")
    taken = kernels.take(folder, "python3")
    assert taken is None, "a kernel that imported an older guidekit/ was taken"
    assert not set(started) & set(kernels._ready[f"{folder}\0python3"])  # and shut down; new ones start


def test_a_kernel_starts_early_only_when_a_file_pages_are_made_of_is_newer_than_the_last_build(tmp_path, monkeypatch):
    monkeypatch.setattr(kernels, "REPO", tmp_path)
    monkeypatch.setattr(kernels, "STAMP", tmp_path / ".cache" / "execute" / "built")
    (tmp_path / "snippets" / "tasks").mkdir(parents=True)
    snippet = tmp_path / "snippets" / "tasks" / "x.py"
    snippet.write_text("print(1)\n")
    assert kernels.changed_since_last_build()  # never built here
    kernels.mark_built(time.time() + 5)  # a build that started after the save
    assert not kernels.changed_since_last_build()
    (tmp_path / "snippets" / "__pycache__").mkdir()
    (tmp_path / "snippets" / "__pycache__" / "x.pyc").write_bytes(b"")
    os.utime(tmp_path / "snippets" / "__pycache__" / "x.pyc", (time.time() + 10, time.time() + 10))
    assert not kernels.changed_since_last_build()  # what Python writes is not what pages are made of
    os.utime(snippet, (time.time() + 10, time.time() + 10))
    assert kernels.changed_since_last_build()


def test_the_first_cell_of_a_page_sets_the_plugins_settings_in_a_kernel_started_before_them(monkeypatch):
    """A kernel started early or kept ready did not inherit what the plugin set later."""
    from guidekit import cache, page

    monkeypatch.setenv(page.PREVIEW, "1")  # left from an earlier serve, say
    monkeypatch.delenv(cache.RUNS, raising=False)
    page.start([], {cache.RUNS: "/somewhere/runs", page.PREVIEW: None})
    assert os.environ[cache.RUNS] == "/somewhere/runs"
    assert page.PREVIEW not in os.environ
