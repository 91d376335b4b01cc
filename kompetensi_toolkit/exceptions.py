"""The toolkit's errors.

One base class, :class:`KompetensiError`; every subclass also inherits the
built-in exception a Python programmer would catch for that kind of problem
(``except KeyError`` still works). Messages say what was wrong, the value seen,
what is allowed, and how to fix it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class KompetensiError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class KompetensiWarning(UserWarning):
    """Something the user should know that does not stop the work (e.g. no pseudonym key)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as we can.

    ``row`` is the spreadsheet row: the header is row 1, the first data row is
    row 2 (the same number Excel shows). ``None`` means "not about one row".
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: object = None
    allowed: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None or self.column is not None:
            where += f":{self.row if self.row is not None else '-'}"
            where += f":{self.column if self.column is not None else '-'}"
        details = []
        if self.value is not None:
            details.append(f"value seen: {_show(self.value)}")
        if self.hint:
            details.append(self.hint)
        if self.allowed:
            details.append(f"allowed: {self.allowed}")
        tail = f" ({'; '.join(details)})" if details else ""
        return f"{where}: {self.message}{tail}"


def _show(value: object, limit: int = 60) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…'"


def format_problems(problems: Sequence[Problem], limit: int | None = None) -> str:
    """Render problems one a line, capped at ``limit`` with a count of the rest."""
    shown = list(problems if limit is None else problems[:limit])
    lines = [str(p) for p in shown]
    rest = len(problems) - len(shown)
    if rest > 0:
        lines.append(f"… and {rest} more problem{'s' if rest != 1 else ''} not shown")
    return "\n".join(lines)


class DataValidationError(KompetensiError, ValueError):
    """A dataset broke the data contract; ``problems`` lists every finding."""

    def __init__(self, problems: Iterable[Problem], limit: int | None = 20):
        self.problems: list[Problem] = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the dataset:"
        super().__init__(head + "\n" + format_problems(self.problems, limit))


class MissingTableError(KompetensiError, FileNotFoundError):
    """A required table file is not in the dataset folder."""


class DatasetNotFoundError(KompetensiError, FileNotFoundError):
    """The dataset folder itself does not exist."""


class MissingColumnError(KompetensiError, KeyError):
    """A frame handed to an analysis function lacks a column it needs."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0]) if self.args else ""


class UnknownRegionError(KompetensiError, LookupError):
    """A region id that the dataset does not have."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ParameterError(KompetensiError, ValueError):
    """A function or template parameter outside what is allowed."""


class DependencyMissingError(KompetensiError, ImportError):
    """An optional dependency needed for this feature is not installed."""


class ReportError(KompetensiError, RuntimeError):
    """Executing or rendering a report failed."""
