"""`mtaudit eval`: the scorer on real human judgments, beside the plain-cosine baseline.

Every number comes from evaluation-only rows (see ``../shared/data/README.md``); nothing
is fitted here but one word-tag threshold, chosen on MLQE-PE dev (tuning rows). The
baseline is the cosine of the bundled encoder's sentence vectors, measured in the same run
on the same rows (it is the ``similarity`` column of the checks).

- Real MT (our reviewers' judgments of GNMT/GARENG id->en): AUROC of the risk for serious
  and for any error; what share of the pairs failing the gate (``--fail-on major``) and of
  the flagged pairs have a real error; recall; per stated severity, how often the reviewer
  gave the same one; whether a flagged real error's category matches the reviewer's.
- Clean editions: the share of correct professional editions (PUD news documents per
  edition language; guntara test in 20-sentence pseudo-articles) that would fail the gate;
  the baseline column is the earlier gate, which failed on any flagged pair.
- MLQE-PE: Pearson and Spearman of -risk, and Pearson of the estimated quality, with the
  human direct-assessment z-score (test20; test21-zeroshot for the pairs it alone has).
- MLQE-PE test20 word tags: MCC of the words the estimator blames in the translation, at
  the probability editors are shown a word from and at a threshold chosen on MLQE-PE dev.
- WMT21 critical errors: MCC at the shipped threshold and at K (as many flags as true
  errors, WMT22's rule), AUROC, recall at 5% false flags.
- MQM (WMT23 news): Pearson and Kendall tau of risk with the MQM penalty.
- Indonesian->English faults: recall per fault kind at the threshold, false flags on clean.

The checks' results are kept in mtaudit's persistent cache (keyed by each pair, the
model and mtaudit's code, see ``checks.py``), so a re-run, or a run after only the risk
combination changed, needs no model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from mtaudit.align import ENCODE, MEAN
from mtaudit.evaluation.estimator_data import detokenize
from mtaudit.evaluation.faults import CORE_KINDS, clean_pairs, with_corruptions
from mtaudit.metrics import auroc, kendall, matthews, pearson, recall_at_false_flags, spearman
from mtaudit.model.encoder import Encoder
from mtaudit.model.words import word_vectors
from mtaudit.pairs import given_pairs
from mtaudit.pipeline import check_pairs
from mtaudit.risk import Combiner, score
from mtaudit.severity import CRITICAL, DEFAULT_FAIL_ON, MAJOR, MINOR, failing_pairs
from mtaudit.shared_data import read_table

NAN = float("nan")

MLQE_EVAL_SPLITS = ("test20", "test21-zeroshot")  # test21 repeats test20's language pairs
QUALITY_SUFFIX = " (estimated quality)"
DEV_WORD_ROWS = 300  # MLQE-PE dev pairs per language pair that choose the word threshold
WORD_GRID = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
QUALITY_PEARSON = "Pearson" + QUALITY_SUFFIX


@dataclass
class Row:
    """One line of the evaluation table."""

    block: str
    subset: str
    metric: str
    mtaudit: float
    baseline: float
    pairs: int

    @property
    def gain(self) -> float:
        return self.mtaudit - self.baseline


class Evaluation:
    def __init__(
        self,
        data_dir: Path,
        encoder: Encoder,
        combiner: Combiner,
        limit: int | None = None,
        threshold: float = 0.5,
        on_block=None,
    ):
        self.data_dir, self.encoder, self.combiner = data_dir, encoder, combiner
        self.limit, self.threshold, self.on_block = limit, threshold, on_block

    # ------------------------------------------------------------------ data

    def read(self, name: str) -> pd.DataFrame:
        path = self.data_dir / name
        if not path.is_file():
            from mtaudit.errors import MtauditError

            raise MtauditError(f"{path}: evaluation data not found (use --data-dir)")
        return read_table(path)

    def sample(self, rows: pd.DataFrame) -> pd.DataFrame:
        if self.limit and len(rows) > self.limit:
            rows = rows.sample(n=self.limit, random_state=0)
        return rows.reset_index(drop=True)

    def scored(self, label: str, rows: pd.DataFrame, source_lang: str, target_lang: str) -> pd.DataFrame:
        """The checks (cached) and the risk for a block of (source, target) rows."""
        if self.on_block:
            self.on_block(label, len(rows))
        pairs = given_pairs(label, rows["source"], rows["target"])
        checked = check_pairs(pairs, source_lang, self.encoder, target_lang)
        return score(checked, self.threshold, self.combiner)

    # ------------------------------------------------------------------ blocks

    def mlqe(self) -> list[Row]:
        """Per language pair, on its test split (test20; the zero-shot pairs have only
        test21-zeroshot): the risk and the estimator's quality score against the human
        direct-assessment z-score. The risk ranks how likely a reader is misinformed, the
        estimated quality (a column of every report) is the estimator's prediction of the DA
        score itself, which is what MLQE-PE measures. The X->en averages are over test20."""
        data = self.read("qe_da_mlqepe.tsv")
        data = data[data["split"].isin(MLQE_EVAL_SPLITS)]
        rows, to_english = [], []
        for (lp, split), group in data.groupby(["lp", "split"], sort=True):
            source_lang, target_lang = lp.split("-")
            group = self.sample(group.rename(columns={"mt": "target"}))
            result = self.scored(f"mlqe {lp}", group, source_lang, target_lang)
            human = group["da_z_mean"].astype(float).to_numpy()
            base = result["similarity"].to_numpy()
            subset = lp if split == "test20" else f"{lp} ({split})"
            for metric, ours in (("Pearson", -result["risk"]), (QUALITY_PEARSON, result["estimated_quality"])):
                ours = ours.astype(float).to_numpy()
                rows.append(Row("MLQE-PE", subset, metric, pearson(ours, human), pearson(base, human), len(group)))
                if split == "test20" and target_lang == "en":
                    to_english.append(rows[-1])
            rows.append(
                Row(
                    "MLQE-PE",
                    subset,
                    "Spearman",
                    spearman(-result["risk"].to_numpy(), human),
                    spearman(base, human),
                    len(group),
                )
            )
        for metric in ("Pearson", QUALITY_PEARSON):
            rows += _to_english_average([r for r in to_english if r.metric == metric])
        return rows

    def critical_errors(self) -> list[Row]:
        data = self.read("qe_critical_errors_wmt21.tsv")
        rows = []
        for lp, group in data.groupby("lp", sort=True):
            source_lang, target_lang = lp.split("-")
            dev = group[group["split"] == "dev"]
            test = self.sample(group[group["split"] == "test"])
            test = test.assign(target=[detokenize(t, target_lang) for t in test["mt_tokenized"]])
            result = self.scored(f"wmt21 {lp}", test, source_lang, target_lang)
            errors = (test["label"] == "ERR").to_numpy()
            base = -result["similarity"].to_numpy()
            cut = self._baseline_cut(dev, source_lang, target_lang, f"wmt21 dev {lp}")
            rows += [
                Row(
                    "WMT21 critical",
                    lp,
                    "MCC",
                    matthews(result["flagged"].to_numpy(), errors),
                    matthews(base >= cut, errors),
                    len(test),
                ),
                Row(
                    "WMT21 critical",
                    lp,
                    "MCC at K",
                    matthews(_top(result["risk"].to_numpy(), errors.sum()), errors),
                    matthews(_top(base, errors.sum()), errors),
                    len(test),
                ),
                Row(
                    "WMT21 critical",
                    lp,
                    "AUROC",
                    auroc(result["risk"].to_numpy(), errors),
                    auroc(base, errors),
                    len(test),
                ),
                Row(
                    "WMT21 critical",
                    lp,
                    "recall@5%FP",
                    recall_at_false_flags(result["risk"].to_numpy(), errors),
                    recall_at_false_flags(base, errors),
                    len(test),
                ),
            ]
        return rows

    def _baseline_cut(self, dev: pd.DataFrame, source_lang: str, target_lang: str, label: str) -> float:
        """The baseline's threshold: the -cosine that flags 5% of the correct dev (tuning)
        translations, since plain cosine ships with no threshold of its own."""
        dev = self.sample(dev)
        dev = dev.assign(target=[detokenize(t, target_lang) for t in dev["mt_tokenized"]])
        result = self.scored(label, dev, source_lang, target_lang)
        correct = -result["similarity"].to_numpy()[(dev["label"] == "NOT").to_numpy()]
        return float(np.quantile(correct, 0.95))

    def mqm(self) -> list[Row]:
        rows = []
        for name in ("mqm_zh_en_wmt23_news.tsv", "mqm_en_de_wmt23_news.tsv"):
            data = self.sample(self.read(name).rename(columns={"mt": "target"}))
            lp = data["lp"].iloc[0] if len(data) else name
            source_lang, target_lang = lp.split("-")
            result = self.scored(f"mqm {lp}", data, source_lang, target_lang)
            penalty = data["mqm_penalty"].astype(float).to_numpy()
            base = -result["similarity"].to_numpy()
            # the risk, and the estimator's quality score negated (a penalty rises as quality falls)
            for suffix, ours in (("", result["risk"]), (QUALITY_SUFFIX, -result["estimated_quality"])):
                ours = ours.astype(float).to_numpy()
                for metric, measure in (("Pearson", pearson), ("Kendall", kendall)):
                    figures = measure(ours, penalty), measure(base, penalty)
                    rows.append(Row("MQM WMT23", lp, metric + suffix, *figures, len(data)))
            hits, pointed = span_hits(result["spans"], data["errors_json"])
            # plain cosine points at no words, so this row has no baseline; "pairs" counts the spans
            share = hits / pointed if pointed else float("nan")
            rows.append(Row("MQM WMT23", lp, "span on Major", share, float("nan"), pointed))
        return rows

    def faults(self) -> list[Row]:
        clean = clean_pairs(self.data_dir, "evaluation")
        if self.limit:
            clean = clean.sample(n=min(self.limit, len(clean)), random_state=0).reset_index(drop=True)
        table = with_corruptions(clean, per_type=max(20, min(200, len(clean) // 5)))
        result = self.scored("faults id-en", table, "id", "en")
        kinds = table["fault"].to_numpy()
        base = -result["similarity"].to_numpy()
        clean_mask = kinds == "clean"
        base_cut = float(np.quantile(base[clean_mask], 0.95))  # baseline flags 5% of clean pairs
        rows = [
            Row(
                "id->en faults",
                "clean",
                "false flags",
                float(result["flagged"][clean_mask].mean()),
                float((base[clean_mask] >= base_cut).mean()),
                int(clean_mask.sum()),
            )
        ]
        core = np.isin(kinds, ["clean"] + CORE_KINDS)
        rows.append(
            Row(
                "id->en faults",
                "core kinds",
                "AUROC",
                auroc(result["risk"].to_numpy()[core], ~clean_mask[core]),
                auroc(base[core], ~clean_mask[core]),
                int(core.sum()),
            )
        )
        for kind in pd.unique(kinds[~clean_mask]):
            mask = kinds == kind
            rows.append(
                Row(
                    "id->en faults",
                    kind,
                    "recall",
                    float(result["flagged"][mask].mean()),
                    float((base[mask] >= base_cut).mean()),
                    int(mask.sum()),
                )
            )
        return rows

    def real_mt(self) -> list[Row]:
        """The real-MT judgments' evaluation rows: how well the risk ranks the reviewers'
        errors, and what the gate (``--fail-on major``) and the flags say of them."""
        data = self.read("mt_judgments_id_en_news.tsv")
        rows = self.sample(data[data["split"] == "eval"].rename(columns={"mt": "target"}))
        result = self.scored("real MT id-en", rows, "id", "en")
        truth = rows["severity"].to_numpy()
        real, serious = truth != "none", np.isin(truth, [MAJOR, CRITICAL])
        risk, base = result["risk"].to_numpy(), -result["similarity"].to_numpy()
        failing = failing_pairs(result, DEFAULT_FAIL_ON).to_numpy()
        flagged = result["flagged"].to_numpy()
        n = len(rows)
        out = [
            Row("real MT id-en", "serious errors", "AUROC", auroc(risk, serious), auroc(base, serious), n),
            Row("real MT id-en", "any error", "AUROC", auroc(risk, real), auroc(base, real), n),
            Row(
                "real MT id-en", "gate fails", "share with a real error", _share(real, failing), NAN, int(failing.sum())
            ),
            Row(
                "real MT id-en",
                "gate fails",
                "share with a serious error",
                _share(serious, failing),
                NAN,
                int(failing.sum()),
            ),
            Row(
                "real MT id-en",
                "serious errors",
                "recall of the gate",
                _share(failing, serious),
                NAN,
                int(serious.sum()),
            ),
            Row("real MT id-en", "flagged", "share with a real error", _share(real, flagged), NAN, int(flagged.sum())),
            Row("real MT id-en", "any error", "recall of flags", _share(flagged, real), NAN, int(real.sum())),
        ]
        for level in (CRITICAL, MAJOR, MINOR):
            said = flagged & (result["severity"].to_numpy() == level)
            out.append(
                Row(
                    "real MT id-en",
                    f"said {level}",
                    "reviewer agrees",
                    _share(truth == level, said),
                    NAN,
                    int(said.sum()),
                )
            )
        stated = flagged & real
        match = result["category"].to_numpy()[stated] == rows["category"].to_numpy()[stated]
        out.append(
            Row(
                "real MT id-en",
                "flagged real errors",
                "category as reviewer's",
                _share(match, None),
                NAN,
                int(stated.sum()),
            )
        )
        return out

    def word_tags(self) -> list[Row]:
        """MLQE-PE test20 word-level tags of the translation (words only, not the gaps
        between them): MCC of the estimator's blamed words against the post-editors' BAD
        tags, per language pair and on average over the pairs into English. Twice: at the
        probability from which editors are shown a word (``WORD_AT``), and at the one
        threshold that does best on MLQE-PE dev (tuning rows the estimator was not trained
        on), as WMT20's word-level task lets its systems choose. Plain cosine blames no words,
        so these rows have no baseline."""
        from mtaudit.checks.estimator import WORD_AT

        tags = self.read("qe_word_tags_mlqepe.tsv")
        scores = self.read("qe_da_mlqepe.tsv")
        dev = self._word_probabilities(scores, tags, "dev", DEV_WORD_ROWS)
        chosen_at = max(WORD_GRID, key=lambda at: np.mean([matthews(p >= at, t) for p, t, _ in dev.values()]))
        test = self._word_probabilities(scores, tags, "test20", None)
        rows = []
        for metric, at in (("MCC (target)", WORD_AT), (f"MCC (target), dev threshold {chosen_at:g}", chosen_at)):
            found = [Row("MLQE-PE words", lp, metric, matthews(p >= at, t), NAN, n) for lp, (p, t, n) in test.items()]
            rows += found + _to_english_average([r for r in found if r.subset.endswith("-en")])
        return rows

    def _word_probabilities(
        self, scores: pd.DataFrame, tags: pd.DataFrame, split: str, most: int | None
    ) -> dict[str, tuple[np.ndarray, np.ndarray, int]]:
        """Per language pair of ``split``: each translation word's probability of being
        wrong (its most blamed token's), its BAD tag, and the number of pairs read."""
        from mtaudit.evaluation.estimator_data import word_spans
        from mtaudit.model.estimator import shipped_estimator

        found = {}
        for lp, tagged in tags[tags["split"] == split].groupby("lp", sort=True):
            raw = scores[(scores["lp"] == lp) & (scores["split"] == split)].reset_index(drop=True)
            tagged = tagged.reset_index(drop=True)
            chosen = self.sample(pd.DataFrame({"row": range(len(tagged))}))["row"].to_numpy()[:most]
            if self.on_block:
                self.on_block(f"word tags {lp} {split}", len(chosen))
            probabilities, truth = [], []
            for i in chosen:
                row = tagged.iloc[i]
                words = row["mt_tokenized"].split()
                spans = word_spans(raw["mt"].iat[i], words) if len(raw) == len(tagged) else None
                source, target = (
                    (raw["source"].iat[i], raw["mt"].iat[i])
                    if spans
                    else (row["source_tokenized"], row["mt_tokenized"])
                )
                spans = spans or word_spans(target, words)
                states = self.encoder.states([source, target])
                estimate = shipped_estimator().estimate(*states)
                probabilities += _word_probability(states[1].spans, estimate.target_words, spans)
                truth += [tag == "BAD" for tag in row["mt_tags"].split()[1::2]]
            found[lp] = (np.array(probabilities), np.array(truth), len(chosen))
        return found

    def clean_editions(self) -> list[Row]:
        """Correct professional translations grouped into articles: the share of editions that
        would fail the gate (``--fail-on major``), beside the earlier gate that failed on any
        flagged pair (the baseline column): PUD news documents in each edition language, and
        guntara test in 20-sentence pseudo-articles."""
        pud = self.read("parallel_pud_en_id_zh_ja_ar_fr.tsv")
        pud = pud[pud["genre"] == "news"]
        rows = []
        for lang in ("en", "zh", "ja", "ar", "fr"):
            docs = pud["doc_id"].astype(str).to_numpy()
            result = self.scored(f"PUD news {lang}", pud.rename(columns={"id": "source", lang: "target"}), "id", lang)
            rows.append(self._edition_failures(f"PUD news {lang}", result, docs))
            if lang == "en":
                rows.append(_subject_fires("PUD news en", result))
        guntara = self.read("parallel_id_en_guntara_news.tsv")
        guntara = guntara[guntara["split"] == "test"].reset_index(drop=True)
        result = self.scored("guntara test", guntara.rename(columns={"id": "source", "en": "target"}), "id", "en")
        rows.append(self._edition_failures("guntara test (20-sentence)", result, (np.arange(len(guntara)) // 20)))
        rows.append(_subject_fires("guntara test", result))
        return rows

    @staticmethod
    def _edition_failures(label: str, result: pd.DataFrame, docs) -> Row:
        failing = pd.Series(failing_pairs(result, DEFAULT_FAIL_ON).to_numpy()).groupby(docs).any()
        any_flag = pd.Series(result["flagged"].to_numpy()).groupby(docs).any()
        return Row(
            "clean editions",
            label,
            "share failing the gate",
            float(failing.mean()),
            float(any_flag.mean()),
            len(failing),
        )

    def alignment(self) -> list[Row]:
        """Articles of PUD news (each edition language) and guntara test aligned as they
        are and with a sentence deleted, two merged, one split or its full stop lost: the
        share aligned entirely right, beside comparing sentence vectors only with every
        joined pair encoded (the baseline column; how mtaudit aligned before it compared
        words and checked only the merges it chooses)."""
        from mtaudit.evaluation import alignment

        found = alignment.articles(self.data_dir, "evaluation")
        if self.limit:
            found = alignment.first_articles(found, self.limit)
        if self.on_block:
            self.on_block("alignment", len(found))
        ours = alignment.evaluate(found, self.encoder.encode, MEAN, partial(word_vectors, self.encoder))
        before = alignment.evaluate(found, self.encoder.encode, ENCODE)
        return [
            Row(
                "alignment",
                f"PUD news + guntara test: {edit}",
                "articles aligned right (baseline: sentence vectors only, every joined pair encoded)",
                float(ours.loc[ours["edit"] == edit, "right"].mean()),
                float(before.loc[before["edit"] == edit, "right"].mean()),
                int((ours["edit"] == edit).sum()),
            )
            for edit in alignment.EDITS
        ]

    def blocks(self) -> dict[str, object]:
        """Each block by the name ``mtaudit eval --blocks`` takes, in the order they print."""
        return {
            "real-mt": self.real_mt,
            "editions": self.clean_editions,
            "mlqe": self.mlqe,
            "words": self.word_tags,
            "critical": self.critical_errors,
            "mqm": self.mqm,
            "faults": self.faults,
            "alignment": self.alignment,
        }

    def run(self, names: list[str] | None = None) -> list[Row]:
        blocks = self.blocks()
        return [row for name in (names or blocks) for row in blocks[name]()]


def _subject_fires(label: str, result: pd.DataFrame) -> Row:
    """How often the subject check fires on correct reference English (it should almost never)."""
    fired = result["subject_risk"].fillna(0).to_numpy() > 0
    return Row(
        "clean editions",
        f"{label}: subject check",
        "share of sentences it fires on",
        float(fired.mean()),
        NAN,
        len(fired),
    )


def _word_probability(token_spans: np.ndarray, probabilities: np.ndarray, words: list) -> list[float]:
    """Each word's probability of being wrong: that of the most blamed token overlapping it
    (a word is shown to editors when any of its tokens is)."""
    found = []
    for start, end in words:
        overlapping = (token_spans[:, 0] < end) & (token_spans[:, 1] > start)
        found.append(float(probabilities[overlapping].max()) if overlapping.any() else 0.0)
    return found


def _to_english_average(rows: list[Row]) -> list[Row]:
    """One "X->en average" row of the language pairs' rows of one measure (none for none)."""
    if not rows:
        return []
    return [
        Row(
            rows[0].block,
            "X->en average",
            rows[0].metric,
            float(np.mean([r.mtaudit for r in rows])),
            float(np.mean([r.baseline for r in rows])),
            sum(r.pairs for r in rows),
        )
    ]


def _top(scores: np.ndarray, count: int) -> np.ndarray:
    """The ``count`` highest-scoring rows flagged (WMT22's rule: MCC when as many rows are
    flagged as there are true errors, which needs no threshold)."""
    flagged = np.zeros(len(scores), dtype=bool)
    flagged[np.argsort(-scores, kind="stable")[: int(count)]] = True
    return flagged


def _share(hits: np.ndarray, among: np.ndarray | None) -> float:
    """Share of ``among`` (all when None) where ``hits`` holds; NaN for none."""
    chosen = hits if among is None else hits[among]
    return float(chosen.mean()) if len(chosen) else NAN


def major_spans(errors_json: str) -> list[tuple[int, int]]:
    """Target-side character spans of the raters' Major errors in one MQM segment."""
    try:
        errors = json.loads(errors_json) if errors_json else []
    except json.JSONDecodeError:
        return []
    return [
        (int(e["start"]), int(e["end"]))
        for e in errors
        if e.get("severity") == "Major" and e.get("side") == "target" and e.get("end", 0) > e.get("start", 0)
    ]


def span_hits(spans: pd.Series, errors: pd.Series) -> tuple[int, int]:
    """(target spans mtaudit points at that overlap a Major error span, all target spans)."""
    hits = pointed = 0
    for ours, errors_json in zip(spans, errors):
        majors = major_spans(errors_json)
        for _check, side, start, end in ours:
            if side == "target":
                pointed += 1
                hits += any(start < major_end and major_start < end for major_start, major_end in majors)
    return hits, pointed


def rows_to_frame(rows: list[Row]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "block": r.block,
                "subset": r.subset,
                "metric": r.metric,
                "mtaudit": r.mtaudit,
                "baseline": r.baseline,
                "gain": r.gain,
                "pairs": r.pairs,
            }
            for r in rows
        ]
    )
