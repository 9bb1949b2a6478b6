"""Verdicts on whole documents, which no single sentence pair can reach.

- **Swapped inputs.** When the "source" reads as the target language and the
  "translation" as the source language, every sentence would be flagged for the wrong
  reason; mtaudit stops and says which way round the files should go.
- **Not a translation.** When the wrong article is paired with a source (a CMS mix-up),
  the aligner still pairs sentences, and each pair looks like a bad translation. The
  document-level sign is that the paired sentences are no closer to each other than to
  any other sentence of the article: measured on 10-sentence news documents (guntara
  valid, PUD wiki, gnmt/gareng outputs and the sample corpus, all tuning data), a real
  translation, human or machine, puts each pair at least 0.056 above its source's median
  similarity to the other target sentences, a different article at most 0.027. Such a
  document gets one verdict, and its sentence flags are withdrawn.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mtaudit.cache import Cache, code_fingerprint, key_of
from mtaudit.checks.language import script_share
from mtaudit.errors import MtauditError
from mtaudit.languages import language
from mtaudit.languages.detection import detect
from mtaudit.model.encoder import Encoder
from mtaudit.severity import NONE

NOT_A_TRANSLATION = "not a translation of this source"
MIN_PAIRS = 4  # fewer paired sentences: no document verdict
MAX_PAIRS = 1000  # more: a table of many documents, not one article (and a matrix too big to build)
MAX_MARGIN = 0.035  # median lead of a pair over unrelated sentences of the same article
MIN_MEDIAN_RISK = 0.5  # and the pairs must look unrelated by the similarity check too
SAMPLE_CHARS = 3000


def check_direction(pairs: pd.DataFrame, source_lang: str, cache: Cache | None = None) -> None:
    """Stop with a one-line error when source and translation look swapped. Each
    edition's answer is kept in ``cache``: loading langdetect's profiles alone takes
    0.35 s, a third of a warm re-run that otherwise needs neither model nor langdetect."""
    editions = list(pairs.groupby(["doc", "target_lang"], sort=False))
    samples = [(_sample(edition["source"]), _sample(edition["target"])) for _, edition in editions]
    keys = [
        key_of("direction", code_fingerprint(), source_lang, str(lang), sources, targets)
        for ((_, lang), _), (sources, targets) in zip(editions, samples)
    ]
    known = cache.get_records(keys) if cache is not None and cache.enabled else {}
    for ((doc, target_lang), _), (sources, targets), key in zip(editions, samples, keys):
        if key not in known and _looks_swapped(sources, targets, source_lang, str(target_lang)):
            raise MtauditError(
                f"{doc}: source and translation look swapped: the source does not read as "
                f"{language(source_lang).name} but the translation does"
                " (give the original first, or swap "
                "--source-col/--target-col for a table)"
            )
    if cache is not None and cache.enabled:  # a swapped edition stopped the run above: only good ones get here
        cache.put_records({key: {"swapped": False} for key in keys if key not in known})


def _looks_swapped(sources: str, targets: str, source_lang: str, target_lang: str) -> bool:
    return (
        reads_as(targets, source_lang)
        and not reads_as(sources, source_lang)
        and (target_lang == source_lang or reads_as(sources, target_lang))
    )


def reads_as(text: str, lang: str) -> bool:
    """Whether a stretch of text is in ``lang``: by script for languages with their own,
    else by langdetect."""
    share = script_share(text, lang)
    if share is not None:
        return share >= 0.5
    detected = detect(text)[0]
    return detected.split("-")[0] in {lang, *language(lang).confused_with}


def _sample(column: pd.Series) -> str:
    text = " ".join(t for t in column if t)
    return text[:SAMPLE_CHARS]


def mark_unrelated_documents(pairs: pd.DataFrame, encoder: Encoder) -> pd.DataFrame:
    """Add ``doc_verdict`` (empty, or "not a translation of this source"); the pairs of
    such a document are no longer flagged one by one."""
    pairs = pairs.copy()
    pairs["doc_verdict"] = ""
    if "similarity_risk" not in pairs:
        return pairs
    for _, edition in pairs.groupby(["doc", "target_lang"], sort=False):
        if _unrelated(edition, encoder):
            pairs.loc[edition.index, "doc_verdict"] = NOT_A_TRANSLATION
            pairs.loc[edition.index, "flagged"] = False
            if "severity" in pairs:
                pairs.loc[edition.index, ["severity", "category"]] = [NONE, ""]
    return pairs


def unrelated_editions(pairs: pd.DataFrame) -> list[tuple[str, str]]:
    """(doc, target language) of each edition marked "not a translation of this source"."""
    if "doc_verdict" not in pairs:
        return []
    rows = pairs[pairs["doc_verdict"] == NOT_A_TRANSLATION]
    return list(dict.fromkeys(zip(rows["doc"], rows["target_lang"])))


def _unrelated(edition: pd.DataFrame, encoder: Encoder) -> bool:
    paired = edition[(edition["source"] != "") & (edition["target"] != "")]
    if not MIN_PAIRS <= len(paired) <= MAX_PAIRS:
        return False
    sims = encoder.encode(paired["source"].tolist()) @ encoder.encode(paired["target"].tolist()).T
    margin = np.diag(sims) - np.median(sims, axis=1)
    return bool(np.median(margin) < MAX_MARGIN and paired["similarity_risk"].median() >= MIN_MEDIAN_RISK)
