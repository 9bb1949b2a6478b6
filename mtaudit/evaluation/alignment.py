"""Sentence alignment on real articles with sentences deleted, merged and split.

Articles are consecutive sentences of professional translations: PUD in each edition
language (genre wiki = tuning rows, news = evaluation only; 10 sentences an article) and
guntara id→en (valid = tuning, test = evaluation only; 20 sentences an article). Each
article is aligned as it is and after each of these edits, at a random place (``--places N``:
at N places drawn independently, each counted as an article):

- ``deleted``: a translated sentence removed; the aligner must report that source
  sentence as an omission (not absorb it into a 2-1 merge with its neighbour);
- ``merged``: two adjacent translated sentences joined into one: a 2-1 bead;
- ``split``: two adjacent source sentences joined into one, as if the translator had
  split it: a 1-2 bead;
- ``stop missing``: the same, but the first source sentence also loses its full stop (a
  typo that keeps the segmenter from splitting): a 1-2 bead, and no invented addition.

An edited article counts as right only when every bead is the expected one.

    python -m mtaudit.evaluation alignment --rows tuning
    python -m mtaudit.evaluation alignment --rows evaluation --joined encode --sentences-only
    python -m mtaudit.evaluation alignment --rows evaluation --places 5   # five times the edits

One place per article leaves a figure a few articles wide (347 evaluation articles: one article
is 0.003); more places narrow it when two aligners come out close.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd

from mtaudit.align import JOINED_CHOICES, MEAN, Bead, WordVectors, align
from mtaudit.arguments import positive
from mtaudit.model.encoder import Encoder
from mtaudit.model.words import word_vectors
from mtaudit.shared_data import DEFAULT_DATA, first_missing, read_table

EDITS = ("clean", "deleted", "merged", "split", "stop missing")
PUD_ARTICLE, GUNTARA_ARTICLE = 10, 20
SEED = 13


@dataclass(frozen=True)
class Article:
    corpus: str
    target_lang: str
    sources: list[str]
    targets: list[str]


def articles(data_dir: Path, rows: str) -> list[Article]:
    """The tuning or evaluation articles: PUD in five edition languages, guntara into English."""
    pud = read_table(data_dir / "parallel_pud_en_id_zh_ja_ar_fr.tsv")
    pud = pud[pud["genre"] == ("wiki" if rows == "tuning" else "news")].reset_index(drop=True)
    found = []
    for lang in ("en", "zh", "ja", "ar", "fr"):
        found += _chunks("PUD", lang, pud["id"].tolist(), pud[lang].tolist(), PUD_ARTICLE)
    guntara = read_table(data_dir / "parallel_id_en_guntara_news.tsv")
    guntara = guntara[guntara["split"] == ("valid" if rows == "tuning" else "test")]
    found += _chunks("guntara", "en", guntara["id"].tolist(), guntara["en"].tolist(), GUNTARA_ARTICLE)
    return found


def _chunks(corpus: str, lang: str, sources: list[str], targets: list[str], size: int) -> list[Article]:
    kept = [(s.strip(), t.strip()) for s, t in zip(sources, targets) if s.strip() and t.strip()]
    return [
        Article(corpus, lang, [s for s, _ in kept[i : i + size]], [t for _, t in kept[i : i + size]])
        for i in range(0, len(kept) - size + 1, size)
    ]


def first_articles(found: list[Article], count: int) -> list[Article]:
    """At most ``count`` articles of each corpus and language, in their order."""
    taken: Counter[tuple[str, str]] = Counter()
    kept = []
    for article in found:
        key = (article.corpus, article.target_lang)
        if taken[key] < count:
            taken[key] += 1
            kept.append(article)
    return kept


def edited(article: Article, edit: str, rng: random.Random) -> tuple[list[str], list[str], list[Bead]]:
    """The article's two sides after ``edit`` and the beads a correct aligner returns."""
    sources, targets = list(article.sources), list(article.targets)
    n = len(sources)
    one_to_one = [Bead((i,), (i,)) for i in range(n)]
    if edit == "clean":
        return sources, targets, one_to_one
    k = rng.randrange(n - 1)
    if edit == "deleted":
        del targets[k]
        expected = [Bead((i,), (i,)) for i in range(k)] + [Bead((k,), ())]
        return sources, targets, expected + [Bead((i,), (i - 1,)) for i in range(k + 1, n)]
    if edit == "merged":
        targets[k : k + 2] = [f"{targets[k]} {targets[k + 1]}"]
        expected = [Bead((i,), (i,)) for i in range(k)] + [Bead((k, k + 1), (k,))]
        return sources, targets, expected + [Bead((i,), (i - 1,)) for i in range(k + 2, n)]
    first = sources[k].rstrip(".!?") if edit == "stop missing" else sources[k]
    sources[k : k + 2] = [f"{first} {sources[k + 1]}"]
    expected = [Bead((i,), (i,)) for i in range(k)] + [Bead((k,), (k, k + 1))]
    return sources, targets, expected + [Bead((i - 1,), (i,)) for i in range(k + 2, n)]


def evaluate(
    found: list[Article], embed: Callable, joined: str, words: WordVectors | None = None, places: int = 1
) -> pd.DataFrame:
    """One row per article, edit and place: whether every bead was right, and the omission
    found (``words``: each sentence's word vectors, as mtaudit aligns; None compares sentence
    vectors only). The first place of each article is the same whatever ``places`` is."""
    rng = random.Random(SEED)
    rows = []
    for article, edit in [(a, e) for _ in range(places) for a in found for e in EDITS]:
        sources, targets, expected = edited(article, edit, rng)
        beads = align(sources, targets, embed, joined=joined, words=words)
        rows.append(
            {
                "corpus": article.corpus,
                "target_lang": article.target_lang,
                "edit": edit,
                "right": beads == expected,
                "omission found": edit == "deleted" and any(b in beads for b in expected if b.kind == "omission"),
            }
        )
    return pd.DataFrame(rows)


def summary(results: pd.DataFrame) -> pd.DataFrame:
    """Share of articles aligned entirely right, per edit and corpus/language."""
    results = results.assign(where=results["corpus"] + " " + results["target_lang"])
    table = results.pivot_table(index="where", columns="edit", values="right", aggfunc="mean")[list(EDITS)]
    table.loc["all"] = results.groupby("edit")["right"].mean()[list(EDITS)]
    table["articles"] = results.groupby("where").size().reindex(table.index) // len(EDITS)
    table.loc["all", "articles"] = len(results) // len(EDITS)
    return table.round(3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", choices=["tuning", "evaluation"], default="tuning")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--joined", choices=JOINED_CHOICES, default=MEAN, help="how joined sentences get vectors")
    parser.add_argument(
        "--sentences-only", action="store_true", help="compare sentence vectors only, not their words (the baseline)"
    )
    parser.add_argument(
        "--places", type=positive, default=1, help="random places each article is edited at (default 1)"
    )
    args = parser.parse_args(argv)
    absent = first_missing(args.data_dir, "parallel_pud_en_id_zh_ja_ar_fr.tsv", "parallel_id_en_guntara_news.tsv")
    if absent:
        parser.exit(2, f"{parser.prog}: error: {absent}: not found (use --data-dir)\n")
    started = time.perf_counter()
    encoder = Encoder()
    words = None if args.sentences_only else partial(word_vectors, encoder)
    results = evaluate(articles(args.data_dir, args.rows), encoder.encode, args.joined, words, args.places)
    compared = "sentence vectors" if args.sentences_only else "sentence and word vectors"
    print(
        f"alignment, rows: {args.rows}, joined sentences: {args.joined}, {compared}, places: {args.places}"
        f" ({time.perf_counter() - started:.0f} s)"
    )
    print(summary(results).to_string())
    return 0
