"""Reproduce, check and extend the quantitative evidence of papers on Mexico-US migration."""

import atexit
import gc

# On exit, Python's last garbage collections walk every object still alive (pandas, matplotlib and
# statsmodels leave hundreds of thousands): about 0.13 s per process, and a build starts some fifty
# processes that import this package. Freezing them first skips that walk; everything is still
# released, files closed and buffers flushed by reference counting as usual.
atexit.register(gc.freeze)
