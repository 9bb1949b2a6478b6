"""Line-parallel files, as sacrebleu reads them: a reference for a table, or the sources
and outputs `mtaudit compare` ranks."""

from __future__ import annotations

from pathlib import Path

from mtaudit.errors import MtauditError
from mtaudit.input.decode import read_text, text_lines


def read_lines(path: Path) -> list[str]:
    """A line-parallel file as sacrebleu reads it: one segment per line (whitespace normalised)."""
    return [" ".join(line.split()) for line in text_lines(read_text(path))]


def read_word_list(path: Path) -> frozenset[str]:
    """A list of words, one per line, lower-cased; blank lines and lines starting with # are
    left out (``--keep-words``)."""
    listed = (line.strip() for line in text_lines(read_text(path)))
    found = frozenset(line.lower() for line in listed if line and not line.startswith("#"))
    if not found:
        raise MtauditError(f"{path}: no words in the list (one word per line; # starts a comment)")
    return found


def read_reference_lines(path: Path, rows: int) -> list[str]:
    """A reference file for a table: one line per row."""
    lines = read_lines(path)
    if len(lines) != rows:
        raise MtauditError(f"{path}: {len(lines)} reference lines for {rows} table rows (one line per row is needed)")
    return lines
