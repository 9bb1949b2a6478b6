"""input -> pairing -> checks -> risk -> verdicts, on one DataFrame. Knows nothing of the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from mtaudit.checks.runner import Progress, check_pairs
from mtaudit.checks.untranslated import without_kept_words
from mtaudit.defaults import SOURCE_LANG, TARGET_LANG, THRESHOLD
from mtaudit.documents import check_direction, mark_unrelated_documents, unrelated_editions
from mtaudit.errors import MtauditError, collected_warnings
from mtaudit.input.articles import ARTICLE_SUFFIXES, language_of
from mtaudit.input.lines import read_reference_lines, read_word_list
from mtaudit.input.tables import TABLE_SUFFIXES, load_table
from mtaudit.languages import normalise
from mtaudit.model.encoder import Encoder
from mtaudit.pairing import load_article_pair, load_changed_articles, load_directory
from mtaudit.pairs import Loaded
from mtaudit.references import CorpusScore, corpus_scores, sentence_chrf
from mtaudit.risk import Combiner, load_combiner, score
from mtaudit.severity import DEFAULT_FAIL_ON, FAIL_ON_CHOICES, Verdict, edition_verdicts, fail_on_level, gate_failed
from mtaudit.timing import stage


@dataclass
class Options:
    source_lang: str = SOURCE_LANG
    target_lang: str | None = None  # None: from file names or a target_lang column, else English
    threshold: float = THRESHOLD
    source_col: str = "source"
    target_col: str = "target"
    calibration: Path | None = None  # a file from `mtaudit calibrate`; None: the shipped one
    reference: Path | None = None  # a human reference: an article, or one line per table row
    skip_bad_rows: bool = False  # leave out unparseable table rows (with a warning) instead of stopping
    engine: str = "local"  # "local": in this process; "dask": on a Dask cluster
    scheduler: str | None = None  # Dask scheduler address; None: start a local cluster
    workers: int = 2  # workers of a local Dask cluster
    fail_on: str = DEFAULT_FAIL_ON  # the gate: a severity, "omission" or "never" (see severity.py)
    changed_articles: bool = False  # the inputs are some files of articles (a commit hook's): audit those articles
    keep_words: Path | None = None  # source words the newsroom keeps untranslated on purpose, one per line
    kept_words: frozenset[str] = field(default=frozenset(), init=False)  # read from keep_words

    def __post_init__(self) -> None:
        self.fail_on = fail_on_level(self.fail_on)
        if self.fail_on not in FAIL_ON_CHOICES:
            raise MtauditError(f"--fail-on: {self.fail_on!r} is not one of {', '.join(FAIL_ON_CHOICES)}")
        self.source_lang = normalise(self.source_lang, "--source-lang")
        if self.target_lang is not None:
            self.target_lang = normalise(self.target_lang, "--target-lang")
        if self.keep_words is not None:
            self.kept_words = read_word_list(self.keep_words)


@dataclass
class Audit:
    """The scored pairs, what the loader could not pair, and scores against references."""

    pairs: pd.DataFrame
    options: Options
    model: str
    unpaired: list[str] = field(default_factory=list)
    corpus: list[CorpusScore] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # input problems repaired on the way

    @property
    def flagged(self) -> pd.DataFrame:
        return self.pairs[self.pairs["flagged"]]

    @property
    def not_translations(self) -> list[tuple[str, str]]:
        """(doc, target language) of each edition that is not a translation of its source."""
        return unrelated_editions(self.pairs)

    @cached_property
    def verdicts(self) -> list[Verdict]:
        """Each edition's pass / review / fail under the gate ``options.fail_on``, worked out
        once from the finished pairs (every reporter and the exit code read it)."""
        return edition_verdicts(self.pairs, self.options.fail_on, self.not_translations)

    @property
    def failed(self) -> bool:
        """Whether the gate fails: some edition's verdict is fail."""
        return gate_failed(self.verdicts)


def load(inputs: list[Path], options: Options, encoder: Encoder) -> Loaded:
    """Pick the reader from the inputs: two articles, a directory, or a table."""
    if options.changed_articles:
        return load_changed_articles(inputs, encoder, options.source_lang, options.target_lang)
    if len(inputs) == 2:
        for path in inputs:
            if not path.is_file():
                raise MtauditError(
                    f"{path}: no such file" if not path.exists() else f"{path}: expected an article file"
                )
        target_lang = options.target_lang or language_of(inputs[1]) or TARGET_LANG
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
        table = load_table(
            path,
            options.source_col,
            options.target_col,
            target_lang=options.target_lang,
            skip_bad_rows=options.skip_bad_rows,
        )
        if options.reference:
            table["reference"] = read_reference_lines(options.reference, len(table))
        return Loaded(table)
    if path.suffix.lower() in ARTICLE_SUFFIXES:
        raise MtauditError(f"{path}: an article needs its translation too: mtaudit score SOURCE TARGET")
    raise MtauditError(f"{path}: unknown input type (expected .txt/.md articles, a directory, or .tsv/.csv/.jsonl)")


def audit_pairs(
    pairs: pd.DataFrame,
    options: Options,
    encoder: Encoder,
    combiner: Combiner | None = None,
    on_progress: Progress | None = None,
    usual_log_ratios: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Checks and risk for an already-loaded pairs table."""
    combiner = combiner or load_combiner(options.calibration)
    checked = check_pairs(pairs, options.source_lang, encoder, options.target_lang, on_progress, usual_log_ratios)
    checked = without_kept_words(checked, options.kept_words, options.source_lang)
    return score(checked, options.threshold, combiner)


def audit_partition(
    pairs: pd.DataFrame,
    options: Options,
    encoder: Encoder,
    combiner: Combiner,
    on_progress: Progress | None = None,
    usual_log_ratios: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Checks, risk and document verdicts for whole documents: what one process does with
    its share of the input, in this process or on a Dask worker alike."""
    scored = audit_pairs(pairs, options, encoder, combiner, on_progress, usual_log_ratios)
    with stage("verdicts"):
        return mark_unrelated_documents(scored, encoder)


def audit(
    inputs: list[Path],
    options: Options | None = None,
    encoder: Encoder | None = None,
    on_progress: Progress | None = None,
) -> Audit:
    """Load, check and score: the whole pipeline behind ``mtaudit score``. ``on_progress(done,
    total)`` follows the pairs being checked."""
    options = options or Options()
    encoder = encoder or Encoder()
    combiner = load_combiner(options.calibration)  # a bad calibration file fails before any slow work
    with collected_warnings() as notes:
        with stage("load"):
            loaded = load(inputs, options, encoder)
        check_direction(loaded.pairs, options.source_lang, encoder.cache)
        if options.engine == "dask":
            from mtaudit.distributed import audit_on_dask

            pairs = audit_on_dask(
                audit_partition,
                loaded.pairs,
                options,
                combiner,
                encoder.name,
                options.scheduler,
                options.workers,
                on_progress,
            )
        else:
            pairs = audit_partition(loaded.pairs, options, encoder, combiner, on_progress)
        with stage("references"):
            pairs = sentence_chrf(pairs)
    return Audit(pairs, options, encoder.name, loaded.unpaired, corpus_scores(pairs), notes)
