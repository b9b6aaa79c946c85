"""What a notebook needs from the repository, in one call: ``nb = open_notebook("<name>")``.

The notebook's inputs and outputs come from its registry entry (``config/notebooks.yaml``), as paths
relative to the repository root, which becomes the working directory. Nothing is injected into the
notebook: the same cell works when the pipeline executes it and when a reader runs it by hand.

Figures use the project's matplotlib style and are displayed inline as PNG without the "Software"
stamp, so that two executions give byte-identical notebooks.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import pandas as pd

from ..config import load_yaml
from ..determinism import unset
from ..outputs import write_csv
from ..printed.processed import read_processed
from ..printed.specs import load_specs
from .registry import DEFAULT_REGISTRY, NotebookSpec, load_notebooks, registry_path
from .tables import ColumnEntry, load_column_dictionary, people_table_html

STYLE_FILE = Path("config/matplotlibrc")
TABLES_FILE = Path("config/tables.yaml")
# The data dictionary of the notebooks' tables (label, unit and decimals of each column).
DICTIONARY_FILE = Path("config/column_dictionary.yaml")
PNG_OPTIONS = {"bbox_inches": "tight", "metadata": {"Software": None}}


def find_repository_root(start: Path | None = None) -> Path:
    """The nearest directory at or above ``start`` holding the notebook registry."""
    start = (start or Path.cwd()).resolve()
    for directory in [start, *start.parents]:
        if (directory / DEFAULT_REGISTRY).is_file():
            return directory
    raise FileNotFoundError(f"no {DEFAULT_REGISTRY} at or above the working directory")


@dataclass
class NotebookSession:
    spec: NotebookSpec
    written: dict[str, int] = field(default_factory=dict)
    # Words for column names the notebook computes only for display (the data dictionary covers the rest).
    labels: dict[str, str] = field(default_factory=dict)
    dictionary: dict[str, ColumnEntry] = field(default_factory=dict)

    def input(self, name: str) -> str:
        return self.spec.inputs[name]

    def output(self, name: str) -> str:
        return self.spec.outputs[name]

    def read_table(self, name: str) -> pd.DataFrame:
        """Read an input that is a processed printed table, with the types declared for it."""
        path = self.input(name)
        specs = {spec.processed: spec for spec in load_specs(TABLES_FILE).values()}
        if path not in specs:
            return pd.read_csv(path)
        return read_processed(path, specs[path])

    def settings(self) -> dict:
        """This notebook's statistical settings: its section of the input ``statistics``
        (config/statistics.yaml)."""
        with open(self.input("statistics"), encoding="utf-8") as handle:
            return load_yaml(handle)[self.spec.name]

    def write_table(self, name: str, frame: pd.DataFrame) -> None:
        """Write one registered CSV of estimates (deterministic format)."""
        write_csv(self.output(name), frame.reset_index(drop=True))
        self.written[name] = len(frame)

    def outputs_written(self) -> pd.DataFrame:
        """Every registered output with the number of rows written; fails if one was not written."""
        missing = sorted(set(self.spec.outputs) - set(self.written))
        if missing:
            raise RuntimeError(f"notebook {self.spec.name} did not write {missing}")
        frame = pd.DataFrame({"file": list(self.spec.outputs.values())})
        return frame.assign(rows=[self.written[n] for n in self.spec.outputs])


def _kernel_shell():
    """The IPython shell of a Jupyter kernel, or None outside one."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is installed with ipykernel
        return None
    shell = get_ipython()
    return shell if shell is not None and "IPKernelApp" in shell.config else None


def use_notebook_style() -> None:
    """The project's figure style with inline figures whose PNG bytes do not vary between runs.

    ``migration_evidence.figures.printed`` selects the non-interactive "agg" backend when imported; inside a
    kernel the inline backend is restored (as ``%matplotlib inline`` does), so that figures appear in
    the notebook, and PNGs are written without the "Software" stamp.
    """
    shell = _kernel_shell()
    if shell is not None:
        shell.run_line_magic("matplotlib", "inline")
    matplotlib.rcdefaults()
    style = matplotlib.rc_params_from_file(str(STYLE_FILE), use_default_template=False)
    matplotlib.rcParams.update({key: value for key, value in style.items() if key != "backend"})
    if shell is not None:
        from IPython.core.pylabtools import select_figure_formats

        select_figure_formats(shell, {"png"}, **PNG_OPTIONS)


def open_notebook(name: str) -> NotebookSession:
    """Move to the repository root, apply the project style and return the notebook's session.

    Warns if the process lacks the settings that make estimates byte-identical (a kernel not started by
    the build or by ``make lab``): its CSVs may then differ from the committed ones in the last digit."""
    missing = unset()
    if missing:
        warnings.warn(
            f"this kernel lacks {', '.join(sorted(missing))} (migration_evidence.determinism): start JupyterLab "
            "with `make lab`, or the estimates it writes may differ from the committed ones in the last digit",
            stacklevel=2,
        )
    os.chdir(find_repository_root())
    spec = load_notebooks(registry_path())[name]
    use_notebook_style()
    pd.set_option("display.precision", 3)
    # Plain numbers with digit groups, never scientific notation; round a frame before showing it.
    pd.set_option("display.float_format", lambda value: f"{value:,.10g}")
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", 90)
    session = NotebookSession(spec, dictionary=load_column_dictionary(DICTIONARY_FILE))
    shell = _kernel_shell()
    if shell is not None:
        # Every table the notebook shows is rendered for people (labels from the data dictionary, no index,
        # dashes).
        html = shell.display_formatter.formatters["text/html"]
        html.for_type(pd.DataFrame, lambda frame: people_table_html(frame, session.labels, session.dictionary))
    return session
