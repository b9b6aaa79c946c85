"""Execute a source notebook and publish it: the executed ``.ipynb``, which the site renders
(workflow/rules/site.smk, :mod:`migration_evidence.site`) without executing it again.

The source (``notebooks/<name>.py``, jupytext percent format) is read into a notebook with
deterministic cell ids, executed by one kernel whose working directory is the repository root, and
stripped of everything volatile (execution times, kernel versions), so that two builds write
byte-identical files. Nothing is injected: the cells are exactly those of the source.

Publication is strict: a cell that writes to stderr (a warning), raises, or prints an absolute path
or a timestamp stops the build, because the page would show students something they should not see.
"""

from __future__ import annotations

import ast
import os
import re
import tempfile
from pathlib import Path
from typing import IO

import jupytext
import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from ..determinism import SETTINGS as DETERMINISM
from ..outputs import write_text
from .registry import REGISTRY_ENV, NotebookSpec

KERNEL_NAME = "python3"
KERNELSPEC = {"name": KERNEL_NAME, "display_name": "Python 3 (ipykernel)", "language": "python"}
LANGUAGE_INFO = {"name": "python", "pygments_lexer": "ipython3", "file_extension": ".py"}
# Generous: the municipal notebook's bootstrap cells take a minute on a loaded two-core machine.
CELL_TIMEOUT_SECONDS = 300
ABSOLUTE_PATH = re.compile(r"(?<![\w.])/(?:home|tmp|work|root|usr|var|opt|private|Users)/")
TIMESTAMP = re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d[T ]\d\d:\d\d")
# A cell tagged so shows its output alone on the site (MyST-NB's tag; the site folds every other input).
REMOVE_INPUT_TAG = "remove-input"


class NotebookPublicationError(RuntimeError):
    """The executed notebook shows something a reader should not see."""


class NotebookCellError(NotebookPublicationError):
    """A cell raised: the message names the notebook, the cell, its line and the error, in a few lines."""


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
CELL_FRAME = re.compile(r"Cell In\[\d+\], line (\d+)")
FILE_FRAME = re.compile(r"File (\S+?):(\d+)")


def cell_failure(nb: nbformat.NotebookNode, name: str, source: str) -> str:
    """A short account of the cell that raised: where (notebook, cell, line, its code) and what."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.output_type != "error":
                continue
            trace = ANSI.sub("", "\n".join(output.get("traceback", [])))
            where = f"notebook {name} ({source}), cell {cell.id}"
            frame = CELL_FRAME.search(trace)
            lines = cell.source.splitlines()
            if frame and 0 < int(frame.group(1)) <= len(lines):
                number = int(frame.group(1))
                where += f", line {number} of the cell: {lines[number - 1].strip()}"
            deepest = FILE_FRAME.findall(trace)
            raised = ""
            if deepest:
                path, line = deepest[-1]
                try:
                    path = os.path.relpath(path)
                except ValueError:
                    pass
                raised = f" (raised in {path}, line {line})"
            message = ANSI.sub("", f"{output.ename}: {output.evalue}").strip()
            return f"{where}\n  {message}{raised}"
    return f"notebook {name} ({source}): a cell failed but left no error output"


def read_source(path: str | os.PathLike[str]) -> nbformat.NotebookNode:
    """The source notebook with deterministic cell ids and minimal metadata (its tags only).

    A code cell that only writes text (its one statement is ``Markdown(...)``) is tagged
    ``remove-input``: on the page its sentences appear once, not also as the template that makes them.
    """
    nb = jupytext.read(path, fmt="py:percent")
    nb.metadata = nbformat.NotebookNode(kernelspec=dict(KERNELSPEC), language_info=dict(LANGUAGE_INFO))
    for number, cell in enumerate(nb.cells, start=1):
        cell.id = f"cell-{number:02d}"
        tags = list(cell.metadata.get("tags", []))
        cell.metadata = nbformat.NotebookNode()
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            if only_writes_text(cell.source) and REMOVE_INPUT_TAG not in tags:
                tags.append(REMOVE_INPUT_TAG)
        if tags:
            cell.metadata["tags"] = tags
    return nb


def only_writes_text(source: str) -> bool:
    """Whether a cell's one statement is a ``Markdown(...)`` call (a sentence template, nothing else).

    >>> only_writes_text('Markdown(f"{x:.1f}% a year")'), only_writes_text("x = 1\\nMarkdown(str(x))")
    (True, False)
    """
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    if len(body) != 1 or not isinstance(body[0], ast.Expr) or not isinstance(body[0].value, ast.Call):
        return False
    function = body[0].value.func
    return isinstance(function, ast.Name) and function.id == "Markdown"


def kernel_environment(registry: str) -> dict[str, str]:
    """Environment of the kernel: the settings of :mod:`migration_evidence.determinism`, inline figures
    and the registry the rule declared."""
    env = {**os.environ, **DETERMINISM}
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env[REGISTRY_ENV] = registry
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return env


def execute(
    nb: nbformat.NotebookNode,
    workdir: str | os.PathLike[str],
    registry: str,
    kernel_log: IO[str] | None = None,
) -> nbformat.NotebookNode:
    """Run every cell in one kernel started in ``workdir``; an error in any cell raises.

    The kernel process's own messages (not cell outputs) go to ``kernel_log`` when given.
    """
    # The kernel and this process talk over Unix-domain sockets in a private temporary directory: no
    # TCP ports (none to race for between parallel jobs, and nothing for an offline build to refuse).
    with tempfile.TemporaryDirectory(prefix="kernel-") as sockets:
        manager = AsyncKernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=os.path.join(sockets, "ipc"))
        client = NotebookClient(
            nb,
            km=manager,
            kernel_name=KERNEL_NAME,
            timeout=CELL_TIMEOUT_SECONDS,
            record_timing=False,
            shutdown_kernel="immediate",
            coalesce_streams=True,
            allow_errors=False,
            resources={"metadata": {"path": str(workdir)}},
        )
        # cleanup_kc: the client does not own a kernel manager it is given, and would otherwise leave the
        # kernel running after the notebook ends (it exits only on noticing, about a second later, that
        # this process has gone), so the job would end before its kernel does.
        launch = {"env": kernel_environment(registry), "cleanup_kc": True}
        if kernel_log is not None:
            launch["stderr"] = kernel_log
        client.execute(**launch)
    return nb


def _visible_text(output: nbformat.NotebookNode) -> str:
    if output.output_type == "stream":
        return output.text
    data = output.get("data", {})
    return "\n".join(str(data[kind]) for kind in ("text/plain", "text/html", "text/markdown") if kind in data)


def clean(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Drop volatile metadata and refuse outputs a reader should not see."""
    nb.metadata = nbformat.NotebookNode(kernelspec=dict(KERNELSPEC), language_info=dict(LANGUAGE_INFO))
    problems = []
    for cell in nb.cells:
        tags = cell.metadata.get("tags")
        cell.metadata = nbformat.NotebookNode({"tags": tags} if tags else {})
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            output.pop("transient", None)
            if output.output_type == "stream" and output.name == "stderr":
                problems.append(f"{cell.id} writes to stderr: {output.text.strip()[:300]}")
            text = _visible_text(output)
            for pattern, what in ((ABSOLUTE_PATH, "an absolute path"), (TIMESTAMP, "a timestamp")):
                found = pattern.search(text)
                if found:
                    context = text[max(0, found.start() - 60) : found.end() + 60]
                    problems.append(f"{cell.id} shows {what}: ...{context}...")
    if problems:
        raise NotebookPublicationError(f"notebook {name}: " + "; ".join(problems))
    return nb


def publish(
    spec: NotebookSpec,
    registry: str,
    executed_path: str,
    workdir: str = ".",
    kernel_log: IO[str] | None = None,
) -> None:
    """Execute ``spec``'s source and write the executed notebook, atomically."""
    source = read_source(Path(workdir) / spec.source)
    try:
        executed = execute(source, workdir, registry, kernel_log)
    except CellExecutionError:
        # nbclient's own message repeats the whole cell and a coloured traceback of some 80 lines; the
        # build shows where and what (the full traceback appears when the notebook is run by hand).
        raise NotebookCellError(cell_failure(source, spec.name, spec.source)) from None
    nb = clean(executed, spec.name)
    write_text(executed_path, nbformat.writes(nb, version=4) + "\n")
