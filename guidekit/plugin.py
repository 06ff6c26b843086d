"""The mkdocs plugin ``guide-execute``: mkdocs-execute-plugin, with a cache, parallel pages and one-line errors.

The execute plugin turns a page's Python cells into a notebook, runs it in a Jupyter
kernel and renders the result. This subclass changes nine things:

- Cache (guidekit/cache.py): a page whose ingredients (its text, the snippets it shows,
  guidekit, Python, the installed versions) are unchanged since it last executed without
  error is taken from ``.cache/execute/``; no kernel starts. The log says, for every
  page, "from cache" or why it executes. In a page that executes, show() takes each
  unchanged snippet's verified run from ``.cache/execute/runs/`` (``GUIDE_RUN_CACHE``).
- Parallel: the pages that must execute all start in on_files, each in its own kernel,
  ``GUIDE_JOBS`` at a time (default: twice the cores this process may use), and within a
  page its snippets run at once: ``PageExecutor`` puts a first cell in the page that
  starts them all (guidekit/page.py, ``start()``).
- Kernels: every cell has a timeout (the runner's timeout of each snippet it shows, plus
  a minute), and kernels are shut down immediately instead of gracefully. Under
  ``mkdocs serve``, a rebuild takes a kernel started before it (guidekit/kernels.py).
- Timelines: a page's SVG timelines are set aside while mkdocs converts the page and the
  search plugin indexes it, and put back when the page is written (``on_post_page``).
- Every page ends with one line saying how its examples were checked (the Pythons of
  guidekit/pythons.py, each with how it runs) and the versions of what built it
  (``how_checked()``, shown by overrides/main.html). No date: the build stays byte-identical.
- Under ``mkdocs serve`` only, a snippet whose output differs from its committed transcript
  is shown with a notice, the diff and the command that accepts it (guidekit/page.py,
  ``PREVIEW``), instead of stopping the server; such a page is never cached.
- Under ``mkdocs serve --dirty`` (make serve), a rebuild renders again only the pages whose
  result may differ from the last build of this server: every page that executes, every
  page whose Markdown from the cache differs from what was rendered, a page whose source is
  newer than its HTML (mkdocs's own rule); and every page when anything else a page is made
  of changed (``site_key()``: mkdocs.yml, docs/, overrides/, guidekit/). Saving a snippet
  then re-renders its page only, not the whole site; the search index keeps the other
  pages' entries (``complete_search_index``); and the watcher sees a save within 0.1 s,
  not 0.5 s (``on_serve``).
- After the build, the runtime a reader's Run button loads (Python 3.14 as WebAssembly, the
  worker, the run's Python and the snippets) is copied into the site (guidekit/browser_runtime.py).
- Errors: when a cell fails, nbclient's CellExecutionError carries the whole kernel
  traceback; a snippet's own problem already comes as one SnippetError line, so that
  line is what the build reports, with the page's line.
"""

import copy
import logging
import os
import platform
import re
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from . import kernels

# Before the imports below (0.4 s) and mkdocs's reading of its configuration: a kernel for an
# edited page starts now, when the build may execute one (guidekit/kernels.py).
kernels.start_early()

import jupytext
import nbconvert
import nbformat
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_execute_plugin.plugin import ExecutableFile, ExecutePlugin
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbclient.util import run_hook, run_sync
from nbconvert.preprocessors import ExecutePreprocessor
from traitlets import Bool, List, Unicode

from . import browser_runtime, cache, pythons, runner, site_url, timeline_svg, wasm
from .checks import cores
from .page import PREVIEW, UNACCEPTED, listing
from .snippets import DEFAULTS, REPO, SNIPPETS, Snippet, SnippetError

CACHE_DIR = Path(".cache") / "execute"
FIGURE_MARK = "guide-timeline"  # <!-- guide-timeline 3 -->: a page's fourth timeline, set aside
FIGURE_COMMENT = re.compile(rf"<!-- {FIGURE_MARK} (\d+) -->")  # under the folder of mkdocs.yml
log = logging.getLogger("mkdocs.plugins.guide_execute")
BUILD_TOOLS = ("mkdocs", "mkdocs-material", "mkdocs-execute-plugin")  # named, with versions, on every page
# mkdocs warns at every --dirty build that navigation may be stale, which --strict makes an error;
# under serve the plugin itself chooses which pages are rendered again (on_files), so it drops that warning.
DIRTY_WARNING = "A 'dirty' build is being performed"
WATCH_POLL = 0.1  # seconds between two looks at the watched files under serve (mkdocs: 0.5, a quarter of a save's wait)


def cell_timeout(cell) -> int:
    """Seconds a cell may run: what the runner allows each snippet it shows, plus a minute."""
    shown = [(m["name"], m["root"]) for m in cache.SHOW_LINE.finditer(cell.source)]
    seconds = 60.0 + (cell.source.count("show(") - len(shown)) * (DEFAULTS["timeout"] + runner.GRACE)
    for name, root in shown:
        try:
            seconds += Snippet(REPO / root if root else SNIPPETS, name).settings["timeout"] + runner.GRACE
        except (SnippetError, OSError):
            seconds += DEFAULTS["timeout"] + runner.GRACE
    return int(seconds)


def how_checked() -> str:
    """The line at the end of every page: the Pythons its examples are checked on and how
    (pythons.how()), the Python of this build's run, and the versions of what built it."""
    groups = {}
    for version in pythons.SUPPORTED:
        missing = version in pythons.WASM and wasm.unavailable(version)  # no node_modules: cannot say which build
        how = "WebAssembly (not installed where this site was built)" if missing else pythons.how(version)
        groups.setdefault(how, []).append(version)
    checked = listing([f"{listing(versions)} as {how}" for how, versions in groups.items()])
    tools = listing([f"{name} {metadata.version(name)}" for name in BUILD_TOOLS])
    return (f"Examples checked on Python {checked}; outputs from Python {platform.python_version()}; "
            f"built with {tools}. A note under an example says where it differs.")


def site_key(config) -> str:
    """What every page's HTML is made of, apart from its own Markdown: mkdocs.yml, every file of
    docs/ (the other pages' titles and headings are in each page's navigation and links), the
    theme's overrides and guidekit/ (the plugin, the page's last line)."""
    # Resolved (files_under): mkdocs gives the first build of `serve -f x.yml` relative paths, later ones absolute.
    files = cache.files_under(config.config_file_path, config.docs_dir, cache.GUIDEKIT, *filter(None, [config.theme.custom_dir]))
    return cache.digest(*(part for f in files for part in (f, Path(f).read_bytes())))  # kept in memory only


def render_again(file) -> None:
    """Under serve --dirty: mkdocs renders this file again, whatever the times of its source and HTML."""
    file.is_modified = lambda: True


class DirtyWarning(logging.Filter):
    def filter(self, record) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def jobs() -> int:
    """How many pages execute at once: GUIDE_JOBS, else twice the cores this process may use.

    Twice, because a page also waits (for its kernel, for each snippet's process to start
    and end): on 2 cores a cold build took 11.8 s with 2 at a time, 9.7-10 s with 4, 11.0 s with 6."""
    if value := os.environ.get("GUIDE_JOBS"):
        return max(1, int(value))
    return 2 * cores()


class PageExecutor(ExecutePreprocessor):
    """The execute plugin's ExecutePreprocessor, with one cell more at the start of each page:
    ``start([...])`` (guidekit/page.py) with the page's show() calls, so that its snippets
    run at once while the cells display them one by one. The cell carries the plugin's
    hide-cell tag: it executes, then leaves no trace in the page. Under ``mkdocs serve``
    (``ready_kernels``) the page runs in a kernel started ahead of the rebuild (guidekit/kernels.py)."""

    start_cell_tags = List(Unicode()).tag(config=True)
    ready_kernels = Bool(False).tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        shows = [(m["name"], m["root"]) for cell in nb.cells if cell.cell_type == "code"
                 for m in cache.SHOW_LINE.finditer(cell.source)]
        if shows:
            # The plugin's settings for show(), as they are now: a kernel started early or kept
            # ready (guidekit/kernels.py) may have started before the plugin set them.
            settings = {name: os.environ.get(name) for name in (cache.RUNS, PREVIEW)}
            source = f"from guidekit.page import start\nstart({shows!r}, {settings!r})"
            nb.cells.insert(0, nbformat.v4.new_code_cell(source, metadata={"tags": list(self.start_cell_tags)}))
        folder = str((resources or {}).get("metadata", {}).get("path") or "")
        ready = km is None and folder and kernels.take(folder, self.kernel_name or "python3", replace=self.ready_kernels)
        if not ready:
            return super().preprocess(nb, resources, km)
        try:
            return super().preprocess(nb, resources, ready)
        finally:
            # nbclient stops neither the client nor the kernel of a manager it did not create. An
            # unstopped client's sockets can block the interpreter for good when the garbage collector
            # ends their zmq context first (a worker of make test hung so, in KernelManager()).
            if self.kc is not None:
                self.kc.stop_channels()
            kernels.shut_down(ready)

    async def async_start_new_kernel_client(self):
        """A ready kernel's client was connected while it started (guidekit/kernels.py): taken as it is."""
        client = kernels.client_of(self.km)
        if not client:
            return await super().async_start_new_kernel_client()
        self.kc = client
        self.kc.allow_stdin = False
        await run_hook(self.on_notebook_start, notebook=self.nb)
        return self.kc

    start_new_kernel_client = run_sync(async_start_new_kernel_client)  # what setup_kernel() calls, as in nbclient


class GuideExecutePlugin(ExecutePlugin):
    # False only inside `python -m guidekit.bench floor` (the benchmark's floor: the same
    # pages converted without running a cell). No setting, option or variable reaches it.
    execute = True

    def on_config(self, config):
        self.started = time.time()
        super().on_config(config)
        settings = copy.deepcopy(self.exporter.config)
        steps = settings.TemplateExporter.preprocessors
        if self.execute:
            settings.ExecutePreprocessor.shutdown_kernel = "immediate"
            settings.ExecutePreprocessor.timeout_func = cell_timeout
            settings.PageExecutor.start_cell_tags = [self.config.tags.hide_cell]  # executed, then removed
            settings.PageExecutor.ready_kernels = getattr(self, "serving", False)
            settings.TemplateExporter.preprocessors = [PageExecutor if p is ExecutePreprocessor else p for p in steps]
            # The verified snippet runs, for show() in the kernels (guidekit/page.py), which inherit this.
            os.environ[cache.RUNS] = str(Path(config.config_file_path).resolve().parent / CACHE_DIR / "runs")  # absolute: the kernels run in docs/
        else:
            settings.TemplateExporter.preprocessors = [p for p in steps if p is not ExecutePreprocessor]
        self.exporter_settings = settings
        self.local = threading.local()
        self.cache = cache.Cache(Path(config.config_file_path).parent / CACHE_DIR)
        self.figures = {}  # src_path -> the page's timelines, set aside while it is converted
        self.rendered_urls = set()  # the pages this build renders (all but under serve --dirty)
        self.results = {}  # abs_src_path -> (markdown, outputs), the exception it raised, or a Future of either
        self.pool = None
        self.how_checked = how_checked()
        if site_url.NAME in os.environ:  # mkdocs.yml: site_url: !ENV [SITE_URL, ...]
            try:
                site_url.check(os.environ[site_url.NAME])
            except ValueError as exc:
                raise PluginError(str(exc)) from None
        if not config.repo_url:  # REPO_URL unset: no source links, so no edit_uri to resolve against it
            config.edit_uri = None
        return config

    def on_startup(self, command, dirty):
        # Under `mkdocs serve`, a snippet whose output changed is shown with a notice (guidekit/page.py)
        # instead of stopping the server; every other command stays strict. Kernels inherit this.
        if command == "serve":
            os.environ[PREVIEW] = "1"
        else:
            os.environ.pop(PREVIEW, None)
        self.serving = command == "serve"  # on_startup runs once per `mkdocs serve`, before every on_config
        self.dirty = self.serving and dirty
        self.rendered, self.site = {}, None  # under serve --dirty: each page's Markdown last rendered, site_key()
        if self.dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(DirtyWarning())

    def on_serve(self, server, config, builder):
        """Under serve, a saved file is seen within WATCH_POLL s: mkdocs's watcher (watchdog's
        PollingObserver) looks every 0.5 s. Its emitters read their interval at every look."""
        observer = server.observer
        observer._timeout = WATCH_POLL  # the watches added after this event: snippets/, guidekit/
        for emitter in observer.emitters:  # those added before it: docs/, mkdocs.yml, the theme
            emitter._timeout = WATCH_POLL
        return server

    def on_page_context(self, context, page, config, nav):
        context["how_checked"] = self.how_checked  # overrides/main.html puts it at the end of the page
        return context

    def on_files(self, files, config):
        files = super().on_files(files, config)
        # A page left out by exclude_docs is never rendered: it does not execute either.
        pages = [f for f in files if isinstance(f, ExecutableFile) and not f.inclusion.is_excluded()]
        if not self.execute:
            log.info("execution turned off (benchmark floor): %d page(s) converted without running a cell", len(pages))
            self.results = {f.abs_src_path: self._run(f) for f in pages}
            return files
        env = cache.environment({"tags": dict(self.config.tags), "markdown_template": self.config.markdown_template})
        self.results, todo = {}, []
        dirty = getattr(self, "dirty", False)
        if dirty and (site := site_key(config)) != self.site:
            self.site = site  # remembered at once: a failed build is followed by a whole one (on_build_error)
            for file in files:
                render_again(file)  # everything
        for file in pages:
            text = Path(file.abs_src_path).read_text(encoding="utf-8")
            entry = self.cache.get(file.src_path)
            if entry and entry["ingredients"].get("page") == cache.digest(text):
                # Same text, so the same cells and show() calls as when it was stored: no need to parse it.
                found, _ = cache.ingredients(text, [tuple(s) for s in entry["shows"]], env)
                if found and cache.key(found) == entry["key"]:
                    log.info("%s: from cache", file.src_path)
                    self.results[file.abs_src_path] = (entry["markdown"], self.cache.outputs(entry))
                    if dirty and self.rendered.get(file.src_path) != entry["markdown"]:
                        render_again(file)
                    continue
            cells = [c.source for c in jupytext.reads(text, fmt="md").cells if c.cell_type == "code"]
            shows, why_not = cache.shown(cells)
            found, why_not = (None, why_not) if why_not else cache.ingredients(text, shows, env)
            log.info("%s: executing: %s", file.src_path, why_not or cache.why(entry and entry["ingredients"], found))
            todo.append((len(cache.SHOW_LINE.findall(text)), file, found and (found, shows, env)))
            render_again(file)  # its result is known only once it has executed
        if todo:
            # The pages run while mkdocs goes on; on_page_read_source waits for each one's result.
            workers = min(jobs(), len(todo))
            log.info("%d page(s) from cache; executing %d, %d at a time", len(pages) - len(todo), len(todo), workers)
            self.pool = ThreadPoolExecutor(workers, thread_name_prefix="guide-execute")
            for _, file, found in sorted(todo, key=lambda job: -job[0]):  # the longest pages first
                self.results[file.abs_src_path] = self.pool.submit(self._run, file, found)
        return files

    def _run(self, file, found=None):
        """(markdown, {output file: bytes}) of one page, or the exception; runs in a worker thread.

        ``found``: (ingredients, shows, env) to store it under in the cache, when it ran without error."""
        try:
            start = time.perf_counter()
            source = Path(file.abs_src_path)
            # One exporter per thread: its ExecutePreprocessor keeps the page's kernel on itself.
            if not hasattr(self.local, "exporter"):
                self.local.exporter = nbconvert.TemplateExporter(config=self.exporter_settings)
            markdown, resources = self.local.exporter.from_notebook_node(
                jupytext.read(source),
                resources={"unique_key": source.name, "output_files_dir": "_execute_outputs",
                           "metadata": {"path": source.parent}},
            )
            outputs = dict(resources.get("outputs") or {})
        except Exception as exc:  # noqa: BLE001 - raised for its page in on_page_read_source
            return exc
        if self.execute:
            log.info("executed %s in %.2f s", file.src_path, time.perf_counter() - start)
        if found and UNACCEPTED in markdown:
            log.info("%s: shows an output that is not the committed one (see the page); not cached", file.src_path)
        elif found:  # only a page that ran without error is stored, and only if nothing changed while it ran
            ingredients, shows, env = found
            try:
                if cache.ingredients(source.read_text(encoding="utf-8"), shows, env)[0] != ingredients:
                    log.info("%s: not stored in the cache: it or a snippet changed while it ran", file.src_path)
                else:
                    self.cache.put(file.src_path, ingredients, shows, markdown, outputs)
            except OSError as exc:  # the page is fine; the next build runs it again
                log.info("%s: not stored in the cache: %s", file.src_path, exc)
        return markdown, outputs

    def on_build_error(self, error, **kwargs):
        self.site = None  # under serve --dirty, the next build renders every page again
        if self.pool:  # pages not started yet are not started at all
            self.pool.shutdown(wait=True, cancel_futures=True)

    @event_priority(50)  # before the search plugin's, which writes the index
    def on_post_build(self, config, **kwargs):
        if self.pool:
            self.pool.shutdown()
        if getattr(self, "dirty", False):
            self.complete_search_index(config)
        if self.execute:
            kernels.mark_built(self.started)  # what kernels.start_early compares with
        if why := browser_runtime.copy_into(Path(config.site_dir)):  # what a reader's Run loads
            log.info("no runner in this build's site: %s; the Run buttons will say so", why)

    def on_page_read_source(self, page, config, **kwargs):
        self.rendered_urls.add(page.url)  # called only for the pages this build renders
        if not isinstance(page.file, ExecutableFile):
            return None
        result = self.results.pop(page.file.abs_src_path, None)
        if isinstance(result, Future):
            result = result.result()
        if result is None:  # not seen by on_files (cannot happen in mkdocs 1.6): run it now
            result = self._run(page.file)
        if isinstance(result, CellExecutionError):
            raise self.one_line(result, page, config) from None
        if isinstance(result, (CellTimeoutError, DeadKernelError)):
            raise PluginError(f"{self.where(page, config)}: {type(result).__name__}: {str(result).splitlines()[0]}") from None
        if isinstance(result, Exception):
            raise result
        markdown, outputs = result
        self.rendered[page.file.src_path] = markdown
        # What the execute plugin does with extracted outputs (images): files beside the page.
        src_dir = Path(page.file.src_path).parent
        for name, data in outputs.items():
            target = Path(config.site_dir) / src_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        self.output_map[str(page.file.abs_src_path)] = [src_dir / name for name in outputs]
        # The timelines are most of a page's HTML elements, and neither Markdown nor the search
        # index has anything to do in them (figure() keeps them out of search): set aside, each
        # stands for itself as a comment until the page is written (on_post_page).
        figures = self.figures[page.file.src_path] = []

        def set_aside(match):
            figures.append(match[0])
            return f"<!-- {FIGURE_MARK} {len(figures) - 1} -->"

        return timeline_svg.FIGURE.sub(set_aside, markdown)

    def on_post_page(self, output, page, config):
        figures = self.figures.pop(page.file.src_path, None)
        if figures:
            output = FIGURE_COMMENT.sub(lambda m: figures[int(m[1])], output)
        return output

    def complete_search_index(self, config):
        """Under serve --dirty, the search plugin indexed only the pages rendered in this build; it
        would merge them with its index of the last build as if only one page had been (and drop the
        whole index when that one is the home page, whose address is a prefix of all). So the entries
        of the pages not rendered again are put in this build's index, and the last one forgotten."""
        search = next((p for p in config.plugins.values() if hasattr(p, "search_index_prev")), None)
        previous = search and search.search_index_prev
        if previous:
            kept = [e for e in previous.entries if e["location"].partition("#")[0] not in self.rendered_urls]
            search.search_index.entries[:0] = kept
            search.search_index_prev = None

    @staticmethod
    def where(page, config) -> str:
        source = Path(page.file.abs_src_path)
        return Path(os.path.relpath(source, Path(config.config_file_path).parent)).as_posix()

    def one_line(self, exc: CellExecutionError, page, config) -> PluginError:
        where = self.where(page, config)
        # Name the page's line: the first show("...") call whose snippet the error names.
        for number, line in enumerate(Path(page.file.abs_src_path).read_text(encoding="utf-8").splitlines(), 1):
            m = cache.SHOW_LINE.search(line)
            if m and m["name"] in exc.evalue:
                where = f"{where}:{number}"
                break
        if exc.ename == "SnippetError":
            return PluginError(f"{where}: {exc.evalue}")
        first = exc.evalue.splitlines()[0] if exc.evalue else ""
        return PluginError(f"{where}: {exc.ename}: {first}")
