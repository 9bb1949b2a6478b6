"""The examples the quality estimator learns from: tuning rows only, each with the labels
its source data has.

Every example is a (source, translation) pair with any of three labels:

- ``quality``: a human quality score on a z-scale (MLQE-PE direct assessment; MQM penalty of
  TED talks, standardised and negated so that higher is better);
- ``serious``: 1 when the translation misinforms (a WMT21 critical error, a major or critical
  finding of our reviewers, an MQM major accuracy error, a synthetic corruption), 0 when not;
- word labels: character spans of the translation (and of the source) a post-editor or
  reviewer marked as wrong, with ``words_known`` saying whether the other words are known
  to be right.

Evaluation-only rows (see ``../shared/data/README.md``) are never read here. A part of the
tuning rows is held out as ``dev`` to choose the training length and to fit the risk's
combination on pairs the estimator never saw.
"""

from __future__ import annotations

import html
import json
import random
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from mtaudit.evaluation.corrupt import CLAUSE_STARTS
from mtaudit.shared_data import read_table

NAN = float("nan")
JUDGED_DEV_SHARE = 0.3  # of our reviewers' tune rows (by source line) held out from training
_CJK = r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]"


@dataclass
class Example:
    source: str
    target: str
    origin: str  # which data it comes from, e.g. "mlqe:en-de"
    part: str  # "train" or "dev"
    quality: float = NAN
    serious: float = NAN
    target_bad: list[tuple[int, int]] = field(default_factory=list)
    source_bad: list[tuple[int, int]] = field(default_factory=list)
    words_known: bool = False


def in_dev(key: str, share: float) -> bool:
    """A stable pseudo-random choice of held-out rows, the same on every machine."""
    return zlib.crc32(key.encode("utf-8")) % 1000 < share * 1000


def unescape(token: str) -> str:
    """A token as written, from the Moses-escaped form of the tokenised data (&apos; &quot; &amp;)."""
    return html.unescape(token.replace("&apos;", "'").replace("&quot;", '"'))


def detokenize(text: str, lang: str) -> str:
    """Undo space tokenisation (WMT21's MT side): entities unescaped, no spaces between CJK
    characters or before punctuation."""
    text = unescape(text)
    if lang in ("zh", "ja"):
        text = re.sub(rf"(?<={_CJK}) (?={_CJK})", "", text)
    text = re.sub(r" ([.,!?;:%)\]»”])", r"\1", text)
    return re.sub(r"([(\[«“]) ", r"\1", text)


def word_spans(raw: str, words: list[str]) -> list[tuple[int, int]] | None:
    """Where each tokenised word lies in the untokenised text, or None when they cannot be
    matched in order (then the row's word tags are not used)."""
    spans, position = [], 0
    for word in words:
        word = unescape(word)
        found = raw.find(word, position)
        if found < 0 or raw[position:found].strip():
            return None
        spans.append((found, found + len(word)))
        position = found + len(word)
    return spans


def bad_spans(raw: str, tokenized: str, tags: list[str]) -> list[tuple[int, int]] | None:
    spans = word_spans(raw, tokenized.split())
    if spans is None or len(spans) != len(tags):
        return None
    return [span for span, tag in zip(spans, tags) if tag == "BAD"]


def mlqe_examples(data: Path, per_pair: int, dev_per_pair: int) -> list[Example]:
    """MLQE-PE train (and dev for held-out) rows: DA z-scores and word tags from post-edits."""
    scores = read_table(data / "qe_da_mlqepe.tsv")
    tags = read_table(data / "qe_word_tags_mlqepe.tsv")
    examples = []
    for (lp, split), rows in scores[scores.split.isin(["train", "dev"])].groupby(["lp", "split"]):
        tagged = tags[(tags.lp == lp) & (tags.split == split)].reset_index(drop=True)
        rows = rows.reset_index(drop=True)
        count = per_pair if split == "train" else dev_per_pair
        chosen = random.Random(f"mlqe{lp}{split}").sample(range(len(rows)), min(count, len(rows)))
        for i in chosen:
            row = rows.iloc[i]
            example = Example(row.source, row.mt, f"mlqe:{lp}", "train" if split == "train" else "dev")
            example.quality = float(row.da_z_mean)
            if len(tagged) == len(rows):
                example = _with_word_tags(example, tagged.iloc[i])
            examples.append(example)
    return examples


def _with_word_tags(example: Example, tagged: pd.Series) -> Example:
    mt_tags = tagged.mt_tags.split()[1::2]  # words only; the gap tags between them are not used
    target = bad_spans(example.target, tagged.mt_tokenized, mt_tags)
    source = bad_spans(example.source, tagged.source_tokenized, tagged.source_tags.split())
    if target is not None and source is not None:
        example.target_bad, example.source_bad, example.words_known = target, source, True
    return example


def critical_error_examples(data: Path, per_pair: int, dev_per_pair: int) -> list[Example]:
    """WMT21 critical errors (train; dev held out): errors oversampled to 40% of each pair."""
    table = read_table(data / "qe_critical_errors_wmt21.tsv")
    examples = []
    for (lp, split), rows in table[table.split.isin(["train", "dev"])].groupby(["lp", "split"]):
        count = per_pair if split == "train" else dev_per_pair
        rng = random.Random(f"wmt21{lp}{split}")
        errors, fine = rows[rows.label == "ERR"], rows[rows.label != "ERR"]
        n_err = (
            min(len(errors), int(count * 0.4))
            if split == "train"
            else min(len(errors), count * len(errors) // len(rows))
        )
        picked = pd.concat(
            [
                errors.iloc[rng.sample(range(len(errors)), n_err)],
                fine.iloc[rng.sample(range(len(fine)), min(len(fine), count - n_err))],
            ]
        )
        for row in picked.itertuples():
            target = detokenize(row.mt_tokenized, lp.split("-")[1])
            part = "train" if split == "train" else "dev"
            examples.append(Example(row.source, target, f"wmt21:{lp}", part, serious=float(row.label == "ERR")))
    return examples


def mqm_examples(data: Path, count: int) -> list[Example]:
    """TED talks zh→en with MQM: negated standardised penalty, major accuracy errors, spans."""
    table = read_table(data / "mqm_zh_en_ted21.tsv")
    penalty = table.mqm_penalty.astype(float)
    z = -(penalty - penalty.mean()) / penalty.std()
    chosen = random.Random("mqm").sample(range(len(table)), min(count, len(table)))
    examples = []
    for i in chosen:
        row = table.iloc[i]
        errors = json.loads(row.errors_json or "[]")
        spans = [(e["start"], e["end"]) for e in errors if e["side"] == "target" and e["end"] > e["start"]]
        serious = any(e["severity"] == "Major" and e["category"].startswith("Accuracy") for e in errors)
        part = "dev" if in_dev(f"mqm{row.doc_id}", 0.15) else "train"
        examples.append(
            Example(row.source, row.mt, "mqm:zh-en", part, float(z.iloc[i]), float(serious), spans, [], True)
        )
    return examples


def judged_examples(data: Path, dev_share: float) -> list[Example]:
    """Our reviewers' tune rows of real Indonesian→English MT; a share of source lines held out."""
    table = read_table(data / "mt_judgments_id_en_news.tsv")
    table = table[table.split == "tune"]
    examples = []
    for row in table.itertuples():
        part = "dev" if in_dev(f"judged{row.line_no}", dev_share) else "train"
        serious = float(row.severity in ("major", "critical"))
        example = Example(row.source, row.mt, "judged:id-en", part, serious=serious, words_known=True)
        example.quality = {"none": 0.5, "minor": -0.5, "major": -1.5, "critical": -2.0}[row.severity]
        example.target_bad = _substring_spans(row.mt, row.mt_span)
        example.source_bad = _substring_spans(row.source, row.source_span)
        examples.append(example)
    return examples


def _substring_spans(text: str, span: str) -> list[tuple[int, int]]:
    found = text.find(span) if span else -1
    return [(found, found + len(span))] if found >= 0 else []


def parallel_rows(data: Path) -> list[tuple[str, str, str]]:
    """(lang, Indonesian, translation) from the tuning rows of the human-translated sets."""
    rows = []
    pud = read_table(data / "parallel_pud_en_id_zh_ja_ar_fr.tsv")
    for lang in ("en", "zh", "ja", "ar", "fr"):
        rows += [(lang, r.id, r[lang]) for _, r in pud[pud.genre == "wiki"].iterrows()]
    guntara = read_table(data / "parallel_id_en_guntara_news.tsv")
    rows += [("en", r.id, r.en) for _, r in guntara[guntara.split == "valid"].iterrows()]
    nusax = read_table(data / "parallel_id_en_nusax.tsv")
    rows += [("en", r.id, r.en) for _, r in nusax.iterrows()]
    talpco = read_table(data / "parallel_id_en_ja_talpco.tsv")
    rows += [("ja", r.id, r.ja_original.replace(" ", "")) for _, r in talpco.iterrows()]
    return [row for row in rows if row[1].strip() and row[2].strip()]


def synthetic_examples(data: Path, clean: int, faulty: int) -> list[Example]:
    """Indonesian→{en,zh,ja,ar,fr} human translations as they are (serious = 0) and with one
    fault made in them (serious = 1), marking the words the fault touched."""
    rows = parallel_rows(data)
    rng = random.Random("synthetic")
    rng.shuffle(rows)
    examples = []
    for lang, source, target in rows[:clean]:
        part = "dev" if in_dev(f"syn{source}", 0.1) else "train"
        examples.append(Example(source, target, f"synthetic:id-{lang}", part, serious=0.0, words_known=True))
    same_lang = {}
    for lang, _, target in rows:
        same_lang.setdefault(lang, []).append(target)
    made = 0
    for lang, source, target in rows[clean:] + rows[:clean]:
        if made >= faulty:
            break
        other = rng.choice(same_lang[lang])
        fault = make_fault(target, source, other, lang, rng)
        if fault is None:
            continue
        corrupted, spans, known = fault
        part = "dev" if in_dev(f"syn{source}", 0.1) else "train"
        examples.append(
            Example(source, corrupted, f"synthetic:id-{lang}", part, serious=1.0, target_bad=spans, words_known=known)
        )
        made += 1
    return examples


Fault = tuple[str, list[tuple[int, int]], bool]


def make_fault(target: str, source: str, other: str, lang: str, rng: random.Random) -> Fault | None:
    """One random fault of a kind the sentence allows: the corrupted text, the spans of it
    that are wrong, and whether its other words are known to be right."""
    kinds = [_number_changed, _word_replaced, _clause_dropped, _unrelated, _source_pasted]
    if lang in ("en", "fr"):
        kinds.append(_negated)
    rng.shuffle(kinds)
    for kind in kinds:
        fault = kind(target, source, other, lang, rng)
        if fault is not None and fault[0] != target:
            return fault
    return None


def _number_changed(target, source, other, lang, rng) -> Fault | None:
    numbers = list(re.finditer(r"\d+", target))
    if not numbers:
        return None
    match = rng.choice(numbers)
    value = int(match.group()[:9])
    changed = str(value + rng.choice([1, 2, 10, 100, value or 3]))
    return (
        target[: match.start()] + changed + target[match.end() :],
        [(match.start(), match.start() + len(changed))],
        True,
    )


def _words(text: str, lang: str) -> list[re.Match]:
    return list(re.finditer(_CJK + "{2,3}" if lang in ("zh", "ja") else r"[^\W\d_]{3,}", text))


def _word_replaced(target, source, other, lang, rng) -> Fault | None:
    """A content word replaced by a word of another sentence: a mistranslated word or swapped name."""
    mine, theirs = _words(target, lang)[1:], [m.group() for m in _words(other, lang)]
    theirs = [w for w in theirs if w not in target]
    if not mine or not theirs:
        return None
    match, word = rng.choice(mine), rng.choice(theirs)
    return target[: match.start()] + word + target[match.end() :], [(match.start(), match.start() + len(word))], True


def _clause_dropped(target, source, other, lang, rng) -> Fault | None:
    """A clause or a run of words left out: the translation says less than the source."""
    body = target.rstrip(".!?。！？")
    cuts = [m.start() for m in re.finditer(CLAUSE_STARTS.get(lang, CLAUSE_STARTS["en"]), body)]
    if cuts:
        bounds = cuts + [len(body)]
        start, end = rng.choice([(bounds[i], bounds[i + 1]) for i in range(len(cuts))])
    else:
        words = _words(body, lang)
        if len(words) < 6:
            return None
        first = rng.randrange(1, len(words) - 3)
        start, end = words[first].start(), words[min(first + rng.randint(2, 4), len(words) - 1)].start()
    if end - start < 0.2 * len(body):
        return None
    return (body[:start] + body[end:]).rstrip(" ,、，") + target[len(body) :], [], False


def _unrelated(target, source, other, lang, rng) -> Fault | None:
    return (other, [(0, len(other))], True) if other != target else None


def _source_pasted(target, source, other, lang, rng) -> Fault | None:
    """Part of the Indonesian left in the translation."""
    words = source.split()
    if len(words) < 4:
        return None
    start = rng.randrange(0, len(words) - 2)
    chunk = " ".join(words[start : start + rng.randint(2, 4)])
    if rng.random() < 0.3:
        return source, [(0, len(source))], True
    return f"{chunk} {target}", [(0, len(chunk))], True


_NEGATE = {
    "en": [(r"\b(is|was|are|were|will|can|did|does|has|have|had)\b", r"\1 not")],
    "fr": [(r"\b(est|sont|a|ont|était|sera|peut)\b", r"n'\1 pas")],
}


def _negated(target, source, other, lang, rng) -> Fault | None:
    for pattern, replacement in _NEGATE[lang]:
        match = re.search(pattern, target)
        if match:
            new = re.sub(pattern, replacement, target, count=1)
            return new, [(match.start(), match.start() + len(new) - len(target) + match.end() - match.start())], True
    return None


MLQE_PER_PAIR = 7000  # all of MLQE-PE train's 7,000 per language pair
WMT21_PER_PAIR = 7500  # of WMT21 train's 6,859 to 7,900 per language pair (every error)
MQM_PAIRS = 1500  # of MQM TED21's 4,995 zh-en rows (all train: none of its four talks is held out)


def all_examples(
    data: Path,
    mlqe_per_pair: int = MLQE_PER_PAIR,
    wmt21_per_pair: int = WMT21_PER_PAIR,
    mqm_pairs: int = MQM_PAIRS,
) -> list[Example]:
    """Every example of one training run (about 89,000 at the shipped sizes), in a fixed
    order; the held-out rows do not depend on the sizes."""
    return (
        mlqe_examples(data, per_pair=mlqe_per_pair, dev_per_pair=300)
        + critical_error_examples(data, per_pair=wmt21_per_pair, dev_per_pair=250)
        + mqm_examples(data, count=mqm_pairs)
        + judged_examples(data, dev_share=JUDGED_DEV_SHARE)
        + synthetic_examples(data, clean=2500, faulty=2500)
    )


def distinct_texts(examples: list[Example]) -> list[str]:
    return list(dict.fromkeys(t for e in examples for t in (e.source, e.target)))


def labels_summary(examples: list[Example]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [(e.origin.split(":")[0], e.part, e.quality, e.serious, e.words_known) for e in examples],
        columns=["origin", "part", "quality", "serious", "words_known"],
    )
    return frame.groupby(["origin", "part"]).agg(
        n=("part", "size"), quality=("quality", "count"), serious=("serious", np.nanmean), words=("words_known", "mean")
    )
