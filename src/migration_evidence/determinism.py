"""The process settings that make every estimate byte-identical from one run and one machine to the
next, in one place: the workflow sets them for every job (workflow/rules/common.smk), the tests for
themselves (tests/conftest.py) and ``make lab`` for JupyterLab and its kernels
(``python -m migration_evidence.determinism`` prints them as shell assignments).

They take effect only if set before NumPy is loaded, which is why they are environment variables set by
whoever starts the process, not something the package could apply once imported.
"""

from __future__ import annotations

import os
import shlex

SETTINGS = {
    # One BLAS thread per process: Snakemake already runs jobs in parallel, and a fixed thread count
    # keeps floating-point summation order, hence every estimate, the same on every machine.
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    # The same kernels on every x86-64 machine: OpenBLAS's AVX2 (Haswell) kernels, and none of NumPy's
    # AVX-512 code paths (their log, exp and sums round differently in the last bit), so that the
    # committed outputs are reproduced byte for byte whether or not the processor has AVX-512.
    "OPENBLAS_CORETYPE": "Haswell",
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",
    # The same hash order for strings and sets in every process (notebook kernels included).
    "PYTHONHASHSEED": "0",
}


def unset(environ: dict[str, str] | None = None) -> dict[str, str]:
    """The settings that ``environ`` (by default this process's environment) lacks or sets otherwise.

    >>> unset(dict(SETTINGS)), sorted(unset({}))[:2]
    ({}, ['MKL_NUM_THREADS', 'NPY_DISABLE_CPU_FEATURES'])
    """
    environ = os.environ if environ is None else environ
    return {name: value for name, value in SETTINGS.items() if environ.get(name) != value}


if __name__ == "__main__":
    print(" ".join(f"{name}={shlex.quote(value)}" for name, value in SETTINGS.items()))
