"""Writing report files so that a failed run never leaves half a report behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from mtaudit.errors import MtauditError


def write_atomically(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write to a temporary file beside ``path`` and rename it into place: readers see
    the old report or the new one, never a partial file. ``data`` may come in pieces, so
    that a report of 100,000 pairs never has to be held in memory whole."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise MtauditError(f"{path}: cannot write the report ({error.strerror})") from None
    try:
        with os.fdopen(handle, "wb") as file:
            for piece in [data] if isinstance(data, bytes) else data:
                file.write(piece)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def ensure_writable(path: Path) -> None:
    """Fail early, with the reason, when a report could not be written to ``path``: its
    folder cannot be created or written, or the path is a folder."""
    path = Path(path)
    if path.is_dir():
        raise MtauditError(f"{path}: is a directory; give a file name for the report")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MtauditError(f"{folder}: cannot create the report folder ({error.strerror})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise MtauditError(f"{folder}: report folder is not writable")
