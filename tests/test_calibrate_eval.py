"""`mtaudit calibrate` and the pieces of `mtaudit eval` that need no shared data."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from mtaudit.calibrate import held_out_mask
from mtaudit.cli import main
from mtaudit.evaluation.corrupt import CORRUPTIONS
from mtaudit.evaluation.suite import detokenize
from mtaudit.metrics import kendall, matthews, pearson, recall_at_false_flags, spearman

CLEAN = [
    (
        "Harga beras medium naik menjadi Rp13.500 per kilogram pada pekan ini.",
        "The price of medium rice rose to Rp13,500 per kilogram this week.",
    ),
    (
        "Pemerintah akan menggelar operasi pasar di 250 titik mulai Senin depan.",
        "The government will hold market operations at 250 points starting next Monday.",
    ),
    (
        "Banjir merendam sekitar 3.400 rumah di Kota Pekalongan setelah hujan deras.",
        "Floods submerged around 3,400 houses in Pekalongan City after heavy rain.",
    ),
    (
        "Ketinggian air di beberapa kelurahan mencapai 80 sentimeter.",
        "The water level in several villages reached 80 centimeters.",
    ),
    (
        "Petugas juga membagikan makanan siap saji dan selimut kepada para pengungsi.",
        "Officers also distributed ready-to-eat food and blankets to the refugees.",
    ),
    (
        "Warga meminta pemerintah segera memperbaiki tanggul yang jebol di tepi Sungai Loji.",
        "Residents asked the government to immediately repair the broken embankment on the Loji River.",
    ),
    (
        "Badan Pangan Nasional mencatat stok beras pemerintah masih mencapai 1,2 juta ton.",
        "The National Food Agency noted that the government's rice stock still reached 1.2 million tons.",
    ),
    (
        "Jalan tol tersebut dibangun dengan nilai investasi sebesar Rp15,3 triliun.",
        "The toll road was built with an investment value of Rp15.3 trillion.",
    ),
    (
        "Sekitar 1.200 pekerja dilibatkan dalam pembangunan proyek tersebut sejak 2019.",
        "About 1,200 workers were involved in the construction of the project since 2019.",
    ),
    (
        "Warga setempat menyambut baik peresmian jalan tol tersebut pada Selasa.",
        "Local residents welcomed the inauguration of the toll road on Tuesday.",
    ),
    (
        "Ekonom memperkirakan inflasi pangan bulan ini akan mencapai 5,8 persen.",
        "Economists estimate that food inflation this month will reach 5.8 percent.",
    ),
    (
        "Para pedagang berharap harga kembali stabil sebelum bulan Ramadan.",
        "Traders hope prices will return to stable before the month of Ramadan.",
    ),
]


def _labelled_rows() -> list[dict]:
    rng = random.Random(3)
    rows = [{"source": s, "target": t, "label": 0} for s, t in CLEAN]
    for i, (source, target) in enumerate(CLEAN):
        for name in ("number changed", "left untranslated", "phrase repeated", "unrelated sentence"):
            faulty = CORRUPTIONS[name](target, source, CLEAN[(i + 5) % len(CLEAN)][1], rng)
            if faulty and faulty != target:
                rows.append({"source": source, "target": faulty, "label": 1})
    return rows


@pytest.mark.model
def test_calibrate_writes_a_file_that_score_uses(tmp_path, capsys, encoder):
    labelled = tmp_path / "labels.jsonl"
    labelled.write_text("\n".join(json.dumps(r) for r in _labelled_rows()), encoding="utf-8")
    out = tmp_path / "newsroom.json"
    assert main(["calibrate", str(labelled), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "AUROC" in printed and "before" in printed
    calibration = json.loads(out.read_text(encoding="utf-8"))
    assert calibration["coefficients"] and "held_out_after" in calibration["notes"]
    table = tmp_path / "pairs.tsv"
    table.write_text("source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in CLEAN[:3]), encoding="utf-8")
    assert main(["score", str(table), "--calibration", str(out), "--quiet"]) in (0, 1)


@pytest.mark.parametrize(
    "content, message",
    [
        ("source,target,label\na,b,maybe\n", "must hold 1"),
        ("source,target,label\na,b,1\nc,d,0\n", "need at least 10"),
        ("source,target\na,b\n", "missing column 'label'"),
    ],
)
def test_calibrate_rejects_unusable_labels(tmp_path, capsys, content, message):
    path = tmp_path / "labels.csv"
    path.write_text(content, encoding="utf-8")
    assert main(["calibrate", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_held_out_rows_are_stratified_and_reproducible():
    labels = np.array([0] * 50 + [1] * 20)
    mask = held_out_mask(labels)
    assert mask.sum() == 14 and labels[mask].sum() == 4
    assert (held_out_mask(labels) == mask).all()


def test_metrics_on_known_values():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    assert pearson(x, 2 * x + 1) == pytest.approx(1.0)
    assert spearman(x, x**3) == pytest.approx(1.0)
    assert kendall(x, -x) == pytest.approx(-1.0)
    assert matthews(np.array([1, 1, 0, 0], bool), np.array([1, 1, 0, 0], bool)) == pytest.approx(1.0)
    scores, positive = np.arange(40.0), np.arange(40) >= 30
    assert recall_at_false_flags(scores, positive) == 1.0


def test_detokenize_wmt21_targets():
    assert detokenize("今月 の 終わり に 写真 を 撮る 。", "ja") == "今月の終わりに写真を撮る。"
    assert detokenize("Das ist gut , sagt er ( heute ) .", "de") == "Das ist gut, sagt er (heute)."


@pytest.mark.model
def test_eval_suite_runs_on_a_few_rows_of_each_dataset(tmp_path, shared_data, encoder):
    from mtaudit.evaluation.suite import Evaluation, rows_to_frame
    from mtaudit.risk import load_combiner

    evaluation = Evaluation(shared_data, encoder, load_combiner(), limit=3)
    rows = evaluation.mlqe() + evaluation.critical_errors() + evaluation.mqm()
    frame = rows_to_frame(rows)
    assert set(frame["block"]) == {"MLQE-PE", "WMT21 critical", "MQM WMT23"}
    assert {"en-de", "ro-en", "X->en average"} <= set(frame["subset"])
    assert {"Pearson", "Pearson (estimated quality)"} <= set(frame.loc[frame["subset"] == "X->en average", "metric"])
    mqm = set(frame.loc[frame["block"] == "MQM WMT23", "metric"])
    assert {"Pearson", "Kendall", "Pearson (estimated quality)", "Kendall (estimated quality)"} <= mqm
    # "span on Major" counts the spans mtaudit points at, which a dozen rows may not have
    assert (frame.loc[frame["metric"] != "span on Major", "pairs"] > 0).all()
    again = rows_to_frame(evaluation.mlqe())
    assert again.equals(frame[frame["block"] == "MLQE-PE"].reset_index(drop=True))


@pytest.mark.model
def test_word_tags_are_scored_at_the_editors_threshold_and_at_one_chosen_on_dev(shared_data, encoder):
    from mtaudit.evaluation.suite import WORD_GRID, Evaluation
    from mtaudit.risk import load_combiner

    rows = Evaluation(shared_data, encoder, load_combiner(), limit=3).word_tags()
    metrics = sorted({r.metric for r in rows})
    assert len(metrics) == 2 and metrics[0] == "MCC (target)"
    assert float(metrics[1].rsplit(" ", 1)[1]) in WORD_GRID
    for metric in metrics:
        subsets = {r.subset for r in rows if r.metric == metric}
        assert {"en-de", "en-zh", "ro-en", "X->en average"} <= subsets
    assert all(r.pairs == 3 and -1 <= r.mtaudit <= 1 for r in rows if r.subset != "X->en average")


def test_span_hits_count_overlaps_with_major_target_errors():
    import pandas as pd

    from mtaudit.evaluation.suite import span_hits

    errors = json.dumps(
        [
            {"severity": "Major", "side": "target", "start": 10, "end": 15},
            {"severity": "Minor", "side": "target", "start": 0, "end": 5},
            {"severity": "Major", "side": "source", "start": 0, "end": 50},
        ]
    )
    spans = pd.Series([[("numbers", "target", 12, 14), ("names", "target", 0, 4), ("numbers", "source", 0, 3)]])
    assert span_hits(spans, pd.Series([errors])) == (1, 2)


def test_eval_offers_exactly_the_blocks_the_suite_has():
    from mtaudit.cli.evaluate import BLOCKS
    from mtaudit.evaluation.suite import Evaluation

    assert tuple(Evaluation(Path("."), None, None).blocks()) == BLOCKS


@pytest.mark.parametrize("module", ["faults", "alignment"])
def test_benchmarks_name_the_data_file_they_lack(tmp_path, capsys, module):
    import importlib

    benchmark = importlib.import_module(f"mtaudit.evaluation.{module}")
    with pytest.raises(SystemExit) as stopped:
        benchmark.main(["--data-dir", str(tmp_path)])
    assert stopped.value.code == 2
    assert "parallel_pud_en_id_zh_ja_ar_fr.tsv: not found" in capsys.readouterr().err
