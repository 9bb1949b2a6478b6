"""load -> signals -> risk, on one DataFrame. Knows nothing of the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mtaudit.encoder import Encoder
from mtaudit.errors import MtauditError
from mtaudit.load import (
    ARTICLE_SUFFIXES,
    DEFAULT_TARGET_LANG,
    TABLE_SUFFIXES,
    Loaded,
    language_of,
    load_article_pair,
    load_directory,
    load_table,
    read_reference_lines,
)
from mtaudit.references import CorpusScore, corpus_scores, sentence_chrf
from mtaudit.risk import DEFAULT_THRESHOLD, Combiner, load_combiner, score
from mtaudit.signals import Context, run_signals


@dataclass
class Options:
    source_lang: str = "id"
    target_lang: str | None = None  # None: from file names or a target_lang column, else English
    threshold: float = DEFAULT_THRESHOLD
    source_col: str = "source"
    target_col: str = "target"
    calibration: Path | None = None  # a file from `mtaudit calibrate`; None: the shipped one
    reference: Path | None = None  # a human reference: an article, or one line per table row


@dataclass
class Audit:
    """The scored pairs, what the loader could not pair, and scores against references."""

    pairs: pd.DataFrame
    options: Options
    model: str
    unpaired: list[str] = field(default_factory=list)
    corpus: list[CorpusScore] = field(default_factory=list)

    @property
    def flagged(self) -> pd.DataFrame:
        return self.pairs[self.pairs["flagged"]]


def load(inputs: list[Path], options: Options, encoder: Encoder) -> Loaded:
    """Pick the reader from the inputs: two articles, a directory, or a table."""
    if len(inputs) == 2:
        for path in inputs:
            if not path.is_file():
                raise MtauditError(
                    f"{path}: no such file" if not path.exists() else f"{path}: expected an article file"
                )
        target_lang = options.target_lang or language_of(inputs[1]) or DEFAULT_TARGET_LANG
        pairs = load_article_pair(
            inputs[0], inputs[1], encoder, options.source_lang, target_lang, reference_path=options.reference
        )
        return Loaded(pairs)
    if len(inputs) != 1:
        raise MtauditError("give two article files, one directory, or one table of pairs")
    path = inputs[0]
    if path.is_dir():
        if options.reference:
            raise MtauditError(
                "--reference is for two articles or a table; in a directory name references <slug>.<lang>.ref.txt"
            )
        return load_directory(path, encoder, options.source_lang, options.target_lang)
    if not path.exists():
        raise MtauditError(f"{path}: no such file or directory")
    if path.suffix.lower() in TABLE_SUFFIXES:
        table = load_table(path, options.source_col, options.target_col, target_lang=options.target_lang)
        if options.reference:
            table["reference"] = read_reference_lines(options.reference, len(table))
        return Loaded(table)
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        raise MtauditError(f"{path}: an article needs its translation too: mtaudit score SOURCE TARGET")
    raise MtauditError(f"{path}: unknown input type (expected .txt/.md articles, a directory, or .tsv/.csv/.jsonl)")


def check_pairs(pairs: pd.DataFrame, options: Options, encoder: Encoder) -> pd.DataFrame:
    """Every applicable check's columns for an already-loaded pairs table, each target
    language with its own checks. A check that does not apply to a language leaves risk
    0, no reason and no spans there."""
    pairs = pairs.reset_index(drop=True)
    if "target_lang" not in pairs:
        pairs["target_lang"] = options.target_lang or DEFAULT_TARGET_LANG
    checked = [
        run_signals(group, Context(encoder, options.source_lang, str(lang)))
        for lang, group in pairs.groupby("target_lang", sort=False)
    ]
    table = pd.concat(checked).sort_index() if len(checked) > 1 else checked[0]
    for column in table.columns:
        if column.endswith("_risk"):
            table[column] = table[column].fillna(0.0)
        elif column.endswith("_reason"):
            table[column] = table[column].fillna("")
        elif column.endswith("_spans"):
            table[column] = [s if isinstance(s, list) else [] for s in table[column]]
    return table


def audit_pairs(
    pairs: pd.DataFrame, options: Options, encoder: Encoder, combiner: Combiner | None = None
) -> pd.DataFrame:
    """Checks and risk for an already-loaded pairs table."""
    combiner = combiner or load_combiner(options.calibration)
    return score(check_pairs(pairs, options, encoder), options.threshold, combiner)


def audit(inputs: list[Path], options: Options | None = None, encoder: Encoder | None = None) -> Audit:
    """Load, check and score: the whole pipeline behind ``mtaudit score``."""
    options = options or Options()
    encoder = encoder or Encoder()
    combiner = load_combiner(options.calibration)  # a bad calibration file fails before any slow work
    loaded = load(inputs, options, encoder)
    pairs = sentence_chrf(audit_pairs(loaded.pairs, options, encoder, combiner))
    return Audit(pairs, options, encoder.name, loaded.unpaired, corpus_scores(pairs))
