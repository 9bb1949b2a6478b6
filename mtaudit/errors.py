"""What goes wrong with input, in one place: the one exception type that means "the user
gave us something we cannot use", and the warning for input that was repaired and used.

The CLI turns an error into a one-line message on stderr and exit code 2, and prints the
collected warnings; anything else escaping the pipeline is a bug in mtaudit and keeps its
traceback."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager


class MtauditError(Exception):
    """Bad usage or unreadable input, explained in one line for the person running mtaudit."""


class InputWarning(UserWarning):
    """Input that mtaudit repaired and used (an encoding guessed, markup removed, a bad row
    skipped): worth telling the user, not worth stopping for."""


class NothingToAudit(MtauditError):
    """The inputs hold no article to audit (a commit that changed no translated article):
    not an error for a commit hook, which passes."""


def warn(message: str) -> None:
    """Report a repaired input problem; the pipeline collects these for the report."""
    warnings.warn(InputWarning(message), stacklevel=2)


@contextmanager
def collected_warnings() -> Iterator[list[str]]:
    """Gather the input warnings raised inside the block (each message once, in order);
    the list is filled when the block ends. Other warnings pass through untouched."""
    found: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        yield found
    for record in caught:
        if issubclass(record.category, InputWarning):
            found.append(str(record.message))
        else:
            warnings.warn_explicit(record.message, record.category, record.filename, record.lineno)
    found[:] = list(dict.fromkeys(found))
