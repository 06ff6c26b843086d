"""Snippets run in the reader's page: the Run button (docs/javascripts/runner.js), the module Web
Worker (guidekit/browser_worker.mjs) and Python 3.14 as WebAssembly served by the site itself
(guidekit/browser_runtime.py), in Debian's chromium against the built site served on 127.0.0.1.

Misbehaving programs are the deliberately bad snippets of tests/bad_snippets/, served in place of a
page's snippet, or a reader's edit typed into the editor (Edit: CodeMirror, guidekit/browser_editor.mjs,
bundled into runner/editor.mjs): the page and its buttons are the real ones.
"""

import re

import pytest
from playwright.sync_api import expect

from guidekit import browser_runtime, runner, transcript
from guidekit.snippets import REPO, get

from .browser import watch
from .conftest import missing
from .test_a11y import AXE

pytestmark = pytest.mark.browser

SNIPPET = "tasks/gather_order.py"  # on /tasks/: prints at 1 s and 2 s of the real clock
PAGE = "/tasks/"
LOAD = 120_000  # ms a run may take to load Python and finish, on a busy 2-core machine
ENDED = re.compile(r"^(Finished|Stopped|snippets/|The runner)")
BAD = REPO / "tests" / "bad_snippets"


def box(page, name=SNIPPET):
    return page.locator(f'div.guide-run[data-snippet="{name}"]')


def serve_instead(page, name, bad: str):
    """The site serves tests/bad_snippets/<bad> as the source of snippet ``name``."""
    page.route(f"**/runner/snippets/{name}", lambda route: route.fulfill(
        body=(BAD / bad).read_text(encoding="utf-8"), content_type="text/x-python"))


def run(page, name=SNIPPET, timeout=LOAD) -> str:
    """Press Run under ``name``, wait until the run ends, return the status line."""
    runner = box(page, name)
    runner.locator("button.guide-run__start").click()
    status = runner.locator(".guide-run__status")
    expect(status).to_have_text(ENDED, timeout=timeout)
    return status.text_content()


def output(page, name=SNIPPET) -> str:
    return box(page, name).locator("pre.guide-run__output").text_content()


def edit(page, name=SNIPPET):
    """Press Edit under ``name``; returns the editor's text area once it has the focus."""
    runner = box(page, name)
    runner.locator("button.guide-run__edit").click()
    content = runner.locator(".cm-content")
    expect(content).to_be_focused(timeout=LOAD)
    return content


def editor_text(page, name=SNIPPET) -> str:
    """The editor's program, line by line as drawn (these snippets are short enough to be drawn whole)."""
    return box(page, name).locator(".cm-line").evaluate_all("lines => lines.map(l => l.textContent).join('\\n')")


def run_edit(page, program: str, name=SNIPPET) -> str:
    """Replace the program in the editor by ``program``, run it with Ctrl+Enter, return the status line."""
    edit(page, name)
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(program)
    page.keyboard.press("Control+Enter")
    status = box(page, name).locator(".guide-run__status")
    expect(status).to_have_text(ENDED, timeout=LOAD)
    return status.text_content()


def test_a_run_loads_only_from_the_site_after_the_press_prints_the_transcript_and_draws_its_timeline(page, site_url):
    requested = []
    page.context.on("request", lambda request: requested.append(request.url))
    errors, foreign = watch(page, site_url)
    page.goto(PAGE, wait_until="networkidle")
    runtime = site_url + "/" + browser_runtime.FOLDER + "/"
    assert not [url for url in requested if url.startswith(runtime)], "runtime requested before any press of Run"
    committed = transcript.read(get(SNIPPET))
    first, second = committed.splitlines()[:2]  # printed 1 s apart
    box(page).locator("button.guide-run__start").click()
    page.wait_for_function("([name, line]) => document.querySelector(`div.guide-run[data-snippet='${name}'] pre`)"
                           ".textContent.includes(line)", arg=[SNIPPET, first], timeout=LOAD, polling="raf")
    assert second not in output(page), "the output came all at once, not line by line"
    status = box(page).locator(".guide-run__status")
    expect(status).to_have_text(ENDED, timeout=LOAD)
    status = status.text_content()
    assert status == "Finished with exit code 0.", status
    assert transcript.on_time(committed, output(page)), output(page)  # the real clock's rule
    loaded = [url.removeprefix(runtime) for url in requested if url.startswith(runtime)]
    pyodide = [url.removeprefix("pyodide/") for url in loaded if url.startswith("pyodide/")]
    assert sorted(pyodide) == sorted(browser_runtime.PYODIDE_FILES), "what loadPyodide() requests changed"
    assert f"snippets/{SNIPPET}" in loaded
    assert "editor.mjs" not in loaded, "Run alone loaded the editor"
    # This run's timeline, drawn by the build's code, set up by timeline.js, with ids of its own.
    drawn = box(page).locator("figure.tl-figure svg.tl")
    expect(drawn.first).to_have_attribute("data-tl-details", "on")
    assert drawn.first.locator(".tl-tip").count() >= 2
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert not foreign, foreign
    assert not errors, errors


def test_a_snippet_that_raises_shows_its_own_frames_only(page):
    name = "tasks/module_level_task.py"  # ends with RuntimeError on purpose
    page.goto(PAGE)
    status = run(page, name)
    assert status == "Finished with exit code 1.", status
    assert output(page, name) == transcript.read(get(name))  # no runtime frame: File "/guide/...", <frozen runpy>


def test_edit_opens_the_shown_program_in_an_editor_whose_run_names_the_snippets_lines_and_reset_restores_it(
        page, site_url):
    requested = []
    page.context.on("request", lambda request: requested.append(request.url))
    errors, foreign = watch(page, site_url)
    page.goto(PAGE, wait_until="networkidle")
    bundle = f"{site_url}/{browser_runtime.FOLDER}/editor.mjs"
    assert bundle not in requested, "the editor loaded before any press of Edit"
    content = edit(page)
    assert bundle in requested
    shown = get(SNIPPET).shown_source
    assert editor_text(page) == shown
    # Python highlighting, in the colours of the page's own code blocks.
    keyword = box(page).locator(".cm-line span", has_text=re.compile("^def$")).first
    colour = box(page).evaluate("""box => { const probe = box.appendChild(document.createElement("span"));
        probe.style.color = "var(--md-code-hl-keyword-color)"; const c = getComputedStyle(probe).color;
        probe.remove(); return c; }""")
    assert keyword.evaluate("e => getComputedStyle(e).color") == colour
    # Tab indents; Escape and then Tab leaves the editor, to the Run button.
    page.keyboard.press("Control+Home")
    page.keyboard.press("Tab")
    expect(content).to_be_focused()
    assert editor_text(page).startswith("    " + shown.splitlines()[0])
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    expect(box(page).locator("button.guide-run__start")).to_be_focused()
    # An edit runs under the snippet's own path: its traceback names the snippet and the edited line.
    program = 'import asyncio\n\n\nasync def main():\n    print("edited")\n    raise ValueError("from the edit")\n\n\nasyncio.run(main())\n'
    content.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(program)
    page.keyboard.press("Control+Enter")
    status = box(page).locator(".guide-run__status")
    expect(status).to_have_text(ENDED, timeout=LOAD)
    assert status.text_content() == "Finished with exit code 1.", status.text_content()
    shown_output = output(page)
    assert shown_output.startswith("edited\nTraceback (most recent call last):\n"), shown_output
    assert f'File "snippets/{SNIPPET}", line 6, in main' in shown_output, shown_output
    assert shown_output.endswith('ValueError: from the edit\n'), shown_output
    expect(content).to_be_focused()  # Ctrl+Enter left the focus in the editor
    box(page).locator("button.guide-run__reset").click()
    assert editor_text(page) == shown
    assert not foreign, foreign
    assert not errors, errors


def test_a_syntax_error_in_an_edit_names_its_line(page):
    page.goto(PAGE)
    status = run_edit(page, 'import asyncio\n\nasync def main():\n    print("a"\n\nasyncio.run(main())\n')
    assert status == "Finished with exit code 1.", status
    lines = output(page).splitlines()
    assert f'  File "snippets/{SNIPPET}", line 4' in lines, lines
    assert lines[-1].startswith("SyntaxError: "), lines


def test_input_in_an_edit_reads_end_of_file_and_says_why(page):
    page.goto(PAGE)
    status = run_edit(page, 'name = input("Your name? ")\nprint(name)\n')
    assert status == "Finished with exit code 1.", status
    lines = output(page).splitlines()
    assert f'  File "snippets/{SNIPPET}", line 1, in <module>' in lines, lines
    assert lines[-2:] == ["EOFError: EOF when reading a line",
                          "(input() read end of file: a run in this page has no keyboard input.)"], lines


def test_an_edit_that_imports_a_module_the_runtime_lacks_says_which(page):
    page.goto(PAGE)
    status = run_edit(page, "import asyncio\nimport numpy\n")
    assert status == "Finished with exit code 1.", status
    lines = output(page).splitlines()
    assert f'  File "snippets/{SNIPPET}", line 2, in <module>' in lines, lines
    assert lines[-1] == "ModuleNotFoundError: No module named 'numpy'", lines


def test_ten_megabytes_of_output_from_an_edit_are_cut_at_the_cap_and_the_page_stays_usable(page):
    page.goto(PAGE)
    status = run_edit(page, 'import sys\nfor _ in range(10_000):\n    sys.stdout.write("x" * 999 + "\\n")\n')
    message = f"Stopped: more than {runner.MAX_OUTPUT / 1000:g} kB of output."
    assert status == message, status
    shown = output(page)
    assert shown.endswith(f"\n({message})\n"), shown[-200:]
    assert len(shown) <= runner.MAX_OUTPUT + len(message) + 4, len(shown)
    expect(box(page).locator("button.guide-run__start")).to_be_enabled()
    box(page).locator(".cm-content").click()
    page.keyboard.insert_text("# still editable\n")
    assert "# still editable" in editor_text(page)


def test_stop_ends_a_program_that_never_awaits_and_the_page_stays_usable(page):
    serve_instead(page, SNIPPET, "spin.py")
    page.goto(PAGE)
    runner = box(page)
    runner.locator("button.guide-run__start").click()
    expect(runner.locator(".guide-run__status")).to_have_text(re.compile("^Running"), timeout=LOAD)
    page.wait_for_timeout(500)  # the loop is spinning now
    runner.locator("button.guide-run__stop").click()
    expect(runner.locator(".guide-run__status")).to_have_text("Stopped.", timeout=2_000)
    expect(runner.locator("button.guide-run__start")).to_be_enabled()
    expect(runner.locator("button.guide-run__start")).to_be_focused()  # Stop had focus, and is gone
    assert page.evaluate("1 + 1") == 2


def test_a_program_that_never_awaits_is_ended_at_its_timeout(page):
    serve_instead(page, SNIPPET, "spin.py")
    page.goto(PAGE)
    box(page).evaluate("element => { element.dataset.timeout = '2'; }")
    status = run(page)
    assert status == f"snippets/{SNIPPET}: timed out after 2 s and was stopped.", status


def test_a_hung_await_is_interrupted_at_its_timeout_and_shows_where_it_waited(page):
    serve_instead(page, SNIPPET, "hang.py")
    page.goto(PAGE)
    box(page).evaluate("element => { element.dataset.timeout = '2'; }")
    status = run(page)
    assert status == f"snippets/{SNIPPET}: timed out after 2 s and was stopped.", status
    shown = output(page)
    assert f'File "snippets/{SNIPPET}", line 5, in main' in shown, shown  # hang.py's await
    assert shown.rstrip().endswith("KeyboardInterrupt"), shown
    assert "/guide/" not in shown and "<frozen" not in shown, shown


def test_without_stack_switching_the_wait_is_a_busy_loop_with_the_same_output(page, built_site):
    """Browsers without JavaScript Promise Integration: the worker as served, told it has none."""
    worker = (built_site / browser_runtime.FOLDER / "worker.mjs").read_text(encoding="utf-8")
    check = 'typeof WebAssembly.Suspending === "function"'
    assert check in worker
    page.route("**/runner/worker.mjs", lambda route: route.fulfill(
        body=worker.replace(check, "false"), content_type="text/javascript"))
    page.goto(PAGE)
    status = run(page)
    assert status == "Finished with exit code 0.", status
    assert transcript.on_time(transcript.read(get(SNIPPET)), output(page)), output(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_runner_after_a_run_has_no_accessibility_violations(chromium, site_url, scheme):
    """axe-core on the Run box with its output open (the rest of each page: tests/test_a11y.py)."""
    if not AXE.is_file():
        missing("accessibility test", f"no axe-core at {AXE}: run `make node`")
    page = chromium.new_context(base_url=site_url, color_scheme=scheme).new_page()
    page.goto(PAGE, wait_until="networkidle")
    assert run(page) == "Finished with exit code 0."
    page.add_script_tag(path=AXE)
    found = page.evaluate(f"axe.run(document.querySelector('div.guide-run[data-snippet=\"{SNIPPET}\"]'),"
                          " {resultTypes: ['violations']})")["violations"]
    page.context.close()
    assert not [(rule["id"], [node["target"] for node in rule["nodes"]]) for rule in found], found
