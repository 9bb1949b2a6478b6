"""Scores against a human reference translation, with sacrebleu.

Each pair that has a reference gets its sentence chrF (``chrf`` column, 0-100). Each
edition gets corpus BLEU, chrF and TER over its pairs that have a reference, with
sacrebleu's signature, so that anyone can reproduce the number: for a table, the same
numbers as ``sacrebleu REF -i HYP`` on its reference and target columns written one per
line (``-l id-<lang>``, or the tokenizer the signature names; for Chinese and Japanese
also ``--ter-normalized --ter-asian-support``).

BLEU uses the tokenizer sacrebleu picks for the target language (``zh`` for Chinese,
``ja-mecab`` for Japanese, ``13a`` otherwise); TER compares Chinese and Japanese character
by character (``asian_support``, which tercom applies only with ``normalized``), since
they do not separate words by spaces.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

CJK_TARGETS = {"zh", "ja"}


@dataclass(frozen=True)
class CorpusScore:
    target_lang: str
    metric: str  # BLEU, chrF2 or TER
    score: float
    signature: str
    segments: int


def with_reference(pairs: pd.DataFrame) -> pd.Series:
    """Rows that have a reference to compare with."""
    if "reference" not in pairs:
        return pd.Series(False, index=pairs.index)
    return pairs["reference"].fillna("").str.len() > 0


def sentence_chrf(pairs: pd.DataFrame) -> pd.DataFrame:
    """The pairs with a ``chrf`` column (NaN where there is no reference)."""
    if "reference" not in pairs:
        return pairs
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    has = with_reference(pairs)
    scores = [
        round(chrf.sentence_score(target, [reference]).score, 2) if ok else float("nan")
        for target, reference, ok in zip(pairs["target"], pairs["reference"].fillna(""), has)
    ]
    return pairs.assign(chrf=scores)


def corpus_metrics(target_lang: str):
    """BLEU, chrF and TER set up for a target language, as sacrebleu's command line would."""
    from sacrebleu.metrics import BLEU, CHRF, TER

    cjk = target_lang in CJK_TARGETS  # tercom splits Asian characters only when it also normalises
    return [BLEU(trg_lang=target_lang), CHRF(), TER(normalized=cjk, asian_support=cjk)]


def corpus_scores(pairs: pd.DataFrame) -> list[CorpusScore]:
    """Corpus BLEU, chrF and TER per edition, over the pairs that have a reference."""
    scored = pairs[with_reference(pairs)]
    results = []
    for lang, edition in scored.groupby("target_lang", sort=True):
        hypotheses = edition["target"].fillna("").tolist()
        references = [edition["reference"].tolist()]
        for metric in corpus_metrics(str(lang)):
            result = metric.corpus_score(hypotheses, references)
            results.append(
                CorpusScore(str(lang), result.name, round(result.score, 2), str(metric.get_signature()), len(edition))
            )
    return results
