"""English lemmas and inflections from lemminflect, with its tables read on demand.

lemminflect reads each of its lookup tables whole into a dict the first time it is asked
(80,000 lemma lines and 40,000 inflection lines, about 0.8 s of every cold start), while a
run asks about a few dozen words. The tables handed to it here sort the lines once (a
twentieth of that time) and parse only the words asked for, with lemminflect's own line
parsers and in its file order, so every answer is the library's own: the checks call
``lemmas`` and ``inflections`` exactly as they would call ``getAllLemmas`` and
``getAllInflections``.
"""

from __future__ import annotations

import gzip
from bisect import bisect_left
from collections.abc import Callable
from functools import cache
from pathlib import Path


class _LazyTable:
    """The part of a dict lemminflect uses (``get``) over a gzipped ``word,...`` table."""

    def __init__(self, path: str, entry: Callable[[list[str]], dict], fixed: dict[str, dict] | None = None):
        self._path, self._entry, self._fixed = path, entry, fixed or {}
        self._keys: list[str] = []
        self._lines: list[str] = []

    def _read(self) -> None:
        lines = gzip.decompress(Path(self._path).read_bytes()).decode().splitlines()
        words = [line[: line.find(",")] for line in lines]
        order = sorted(range(len(lines)), key=words.__getitem__)  # stable: a word's lines keep file order
        self._keys = [words[i] for i in order]
        self._lines = [lines[i] for i in order]

    def get(self, word: str, default=None):
        if word in self._fixed:
            return self._fixed[word]
        if not self._lines:
            self._read()
        first = bisect_left(self._keys, word)
        last = first
        while last < len(self._keys) and self._keys[last] == word:
            last += 1
        return self._entry(self._lines[first:last]) if last > first else default


def _lemma_entry(lines: list[str]) -> dict:
    """One word's lemma-table lines as ``LemmaLUCodec.load`` merges them."""
    from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
    from lemminflect.core.LexicalUtils import categoryToUPos

    entry: dict = {}
    for line in lines:
        _, category, forms = LemmaLUCodec.fromString(line)
        entry[categoryToUPos(category)] = forms
    return entry


def _inflection_entry(lines: list[str]) -> dict:
    """One lemma's inflection-table lines as ``InflectionLUCodec.load`` merges them."""
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    entry: dict = {}
    for line in lines:
        entry.update(InflectionLUCodec.fromString(line)[2])
    return entry


@cache
def _installed() -> None:
    """Hand lemminflect's lemmatiser and inflector the on-demand tables (once)."""
    from lemminflect import Inflections, Lemmatizer
    from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

    lemmatizer, inflector = Lemmatizer(), Inflections()
    if not hasattr(lemmatizer, "lemma_dict"):
        lemmatizer.lemma_dict = _LazyTable(lemmatizer.lemma_lu_fn, _lemma_entry)
    if not hasattr(inflector, "infl_dict"):
        fixed = InflectionLUCodec.updateForAuxMod({})  # the auxiliaries and modals it hard-codes
        inflector.infl_dict = _LazyTable(inflector.infl_lu_fn, _inflection_entry, fixed)


def lemmas(word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """lemminflect's ``getAllLemmas``: the word's lemmas by part of speech."""
    from lemminflect import getAllLemmas

    _installed()
    return getAllLemmas(word, upos)


def inflections(lemma: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """lemminflect's ``getAllInflections``: the lemma's forms by Penn tag."""
    from lemminflect import getAllInflections

    _installed()
    return getAllInflections(lemma, upos)
