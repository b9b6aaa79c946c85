"""The build runs from the project's root: every path in config/ and the rules is relative to it."""

from __future__ import annotations

import os
from pathlib import Path


def root_problem(workdir: str | Path, project_root: str | Path) -> str | None:
    """A sentence saying how to start the run from ``project_root``, if ``workdir`` is elsewhere."""
    if Path(workdir).resolve() == Path(project_root).resolve():
        return None
    project_root = Path(project_root).resolve()
    here = os.path.relpath(project_root, workdir)
    return (
        f"Snakemake was started in {workdir}, not in the project's root {project_root}, which every path "
        f"of config/ is relative to: run it from there (`cd {here} && snakemake --profile profiles/default`, "
        "with --configfile paths relative to the root)."
    )
