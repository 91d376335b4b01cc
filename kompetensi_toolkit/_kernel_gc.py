"""An IPython extension the runner loads into every kernel it starts: less garbage collection.

A report's kernel holds a region's data, pandas, matplotlib and scikit-learn:
hundreds of thousands of objects that live until the kernel ends. Python's
full garbage collections walk all of them again and again, and its exit walks
them once more: 0.2–0.4 s a report in collections during the cells, and
0.5–1.5 s waiting for a kernel that was asked to shut down.

So, after every cell, what it left alive is frozen (:func:`gc.freeze`: moved
out of the collector's reach; later collections walk only newer objects), and
everything is frozen when the exit starts (an :mod:`atexit` handler; the other
exit handlers still run, and the operating system frees the memory). The cost
is that a reference cycle made by one cell and dropped by a later one is not
freed until the kernel ends: nothing for a report kernel that lives for one
notebook. The kernel manager of
:func:`kompetensi_toolkit.reporting._kernel_manager_class` loads it with
``--InteractiveShellApp.extra_extensions``; kernels a researcher starts in
JupyterLab do not load it.
"""

from __future__ import annotations

import atexit
import gc
from typing import Any


def _freeze(*_: Any) -> None:
    gc.freeze()


def load_ipython_extension(shell: Any) -> None:
    """Called by IPython once, when the kernel starts."""
    atexit.register(gc.freeze)
    if shell is not None:
        shell.events.register("post_run_cell", _freeze)
