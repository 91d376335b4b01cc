"""Imported by the runner's fork server only: see :func:`kompetensi_toolkit.reporting._warm_up`.

Every job process is forked from that server after it imported this module, so a job
starts with the HTML exporters built and their templates compiled.
"""

from kompetensi_toolkit import reporting

reporting._warm_up()
