"""Count the English class bigrams of the fluency check (``mtaudit/data/english_bigrams.json``)
from tuning rows only.

Counts come from English written or checked by people: the references of the GNMT/GARENG
file (odd line numbers, its tuning rows), NusaX and TALPCo. The two anchors are measured on other tuning
rows, the English of guntara valid and the PUD wiki sentences: ``fluent`` is the score
that FLUENT_SHARE of those correct sentences stay above, ``garbled`` the median score of the
same sentences with their words shuffled.

    python -m mtaudit.evaluation bigrams      # rewrites mtaudit/data/english_bigrams.json
"""

from __future__ import annotations

import argparse
import itertools
import random
from collections import Counter
from pathlib import Path

import numpy as np

from mtaudit.checks.fluency import BigramModel, sentence_score, word_classes
from mtaudit.evaluation.corrupt import words_shuffled
from mtaudit.shared_data import DEFAULT_DATA, read_table

FREQUENT_WORDS = 80  # more classes make the counts sparse; 80 separated shuffles best on tuning rows
FLUENT_SHARE = 0.98
SHIPPED = Path(__file__).resolve().parents[1] / "data" / "english_bigrams.json"


def counting_sentences(data_dir: Path) -> list[str]:
    """The GNMT/GARENG file's tuning rows are its odd line numbers: its even ones hold the
    sources of the real-MT judgments' evaluation rows."""
    outputs = read_table(data_dir / "mt_outputs_id_en_gnmt_gareng.tsv")
    return [
        *outputs.loc[outputs["line_no"].astype(int) % 2 == 1, "en_reference"],
        *read_table(data_dir / "parallel_id_en_nusax.tsv")["en"],
        *read_table(data_dir / "parallel_id_en_ja_talpco.tsv")["en"],
    ]


def anchor_sentences(data_dir: Path) -> list[str]:
    guntara = read_table(data_dir / "parallel_id_en_guntara_news.tsv")
    pud = read_table(data_dir / "parallel_pud_en_id_zh_ja_ar_fr.tsv")
    return [*guntara.loc[guntara["split"] == "valid", "en"], *pud.loc[pud["genre"] == "wiki", "en"]]


def count_bigrams(sentences: list[str], frequent_words: list[str]) -> dict[tuple[str, str], int]:
    frequent = frozenset(frequent_words)
    counts: Counter = Counter()
    for sentence in sentences:
        classes = [c for c, _, _ in word_classes(sentence, frequent)]
        counts.update(itertools.pairwise(classes))
    return dict(counts)


def fit_bigrams(data_dir: Path) -> BigramModel:
    from wordfreq import top_n_list

    frequent = top_n_list("en", FREQUENT_WORDS)
    model = BigramModel(frozenset(frequent), count_bigrams(counting_sentences(data_dir), frequent), 0.0, -1.0)
    correct = anchor_sentences(data_dir)
    rng = random.Random(0)
    shuffled = [words_shuffled(s, "", "", rng) for s in correct]
    model.fluent = float(np.quantile(_scores(model, correct), 1 - FLUENT_SHARE))
    model.garbled = float(np.median(_scores(model, [s for s in shuffled if s])))
    return model


def _scores(model: BigramModel, sentences: list[str]) -> list[float]:
    return [judged[0] for judged in (sentence_score(model, s) for s in sentences) if judged is not None]


def to_json(model: BigramModel) -> dict:
    return {
        "fluent": round(model.fluent, 4),
        "garbled": round(model.garbled, 4),
        "frequent_words": sorted(model.frequent_words),
        "counts": {f"{a} {b}": n for (a, b), n in sorted(model.counts.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Count the fluency check's English class bigrams on tuning rows.")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=SHIPPED)
    args = parser.parse_args(argv)
    from mtaudit.files import write_json

    model = fit_bigrams(args.data_dir)
    write_json(args.out, to_json(model), indent=0)
    print(f"wrote {args.out}: {len(model.counts)} bigrams, fluent {model.fluent:.3f}, garbled {model.garbled:.3f}")
    return 0
