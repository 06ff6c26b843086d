"""The mkdocs plugin ``guide-execute``: mkdocs-execute-plugin, with one-line errors.

The execute plugin turns a page's Python cells into a notebook, runs it in a Jupyter
kernel and renders the result. When a cell fails it raises nbclient's
CellExecutionError, whose text is the whole kernel traceback; a snippet's own problem
already comes as one SnippetError line, so that line is what the build reports.
"""

import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs_execute_plugin.plugin import ExecutePlugin
from nbclient.exceptions import CellExecutionError

SHOW_CALL = re.compile(r"""show\(\s*["']([^"']+)["']""")


class GuideExecutePlugin(ExecutePlugin):
    def on_page_read_source(self, page, config, **kwargs):
        try:
            return super().on_page_read_source(page, config, **kwargs)
        except CellExecutionError as exc:
            source = Path(page.file.abs_src_path)
            where = Path(os.path.relpath(source, Path(config.config_file_path).parent)).as_posix()
            # Name the page's line: the first show("...") call whose snippet the error names.
            for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
                m = SHOW_CALL.search(line)
                if m and m.group(1) in exc.evalue:
                    where = f"{where}:{number}"
                    break
            if exc.ename == "SnippetError":
                raise PluginError(f"{where}: {exc.evalue}") from None
            first = exc.evalue.splitlines()[0] if exc.evalue else ""
            raise PluginError(f"{where}: {exc.ename}: {first}") from None
