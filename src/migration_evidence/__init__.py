"""Reproduce, check and extend the quantitative evidence of papers on Mexico-US migration."""

import atexit
import gc

# On exit, Python's last garbage collections walk every object still alive (pandas, matplotlib and
# statsmodels leave hundreds of thousands): about 0.15 s per process, 0.6 s in a notebook kernel, and
# a build starts some fifty processes that import this package (Snakemake's own and the tests' too).
# Freezing them first skips that walk. Objects outside reference cycles are still finalised as usual
# and Python still flushes sys.stdout, sys.stderr and logging; objects caught in cycles are not, so
# the package writes every file inside a `with` block (migration_evidence.outputs), never relying on
# a finaliser to close it.
atexit.register(gc.freeze)
