"""One BLAS thread for the small matrix work of a report.

A region's model fits and bootstrap replicates are products of a few dozen
columns: BLAS threads cost more than they save there, far more when other
reports share the cores (a logit took 1.5–3.9 s with two threads on a busy
machine, 0.16–0.4 s with one), and with one thread the numbers no longer
depend on how many threads a kernel was given. Clustering and the feedback
themes limit their threads by the size of their data instead
(``clustering.SERIAL_BELOW``, ``feedback.themes.SERIAL_BELOW``).
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits

__all__ = ["one_blas_thread"]

#: Decorator: the function runs with the BLAS libraries held to one thread (restored after).
one_blas_thread = threadpool_limits.wrap(limits=1, user_api="blas")
