"""Several editions of one article, references scored with sacrebleu, and `mtaudit compare`."""

from __future__ import annotations

import json

import pytest
import sacrebleu

from mtaudit.cli import main
from mtaudit.input.articles import find_articles, language_of

SOURCE = "Harga beras naik menjadi Rp13.500 per kilogram. Stok beras mencapai 1,2 juta ton."
EDITIONS = {
    "en": "Rice prices rose to Rp13,500 per kilogram. Rice stocks reached 1.2 million tons.",
    "zh": "米价上涨至每公斤13,500印尼盾。大米库存达到120万吨。",
    "fr": "Le prix du riz est passé à 13 500 roupies le kilogramme. Les stocks atteignent 1,2 million de tonnes.",
}


def test_a_directory_groups_every_edition_and_reference_under_its_article(tmp_path):
    for name in ["a.id.txt", "a.en.txt", "a.zh.txt", "a.zh.ref.txt", "a.fr.ref.txt", "b.id.txt", "c.en.txt"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    articles, unpaired = find_articles(tmp_path, "id", None)
    assert [(a.doc, sorted(a.editions), sorted(a.references)) for a in articles] == [("a", ["en", "zh"], ["zh"])]
    assert sorted(unpaired) == sorted(str(tmp_path / n) for n in ["a.fr.ref.txt", "b.id.txt", "c.en.txt"])
    only_zh, _ = find_articles(tmp_path, "id", "zh")
    assert list(only_zh[0].editions) == ["zh"]
    assert language_of(tmp_path / "a.zh.ref.txt") == "zh" and language_of(tmp_path / "notes.txt") is None


@pytest.mark.model
def test_every_edition_is_audited_with_a_verdict_each(tmp_path, capsys, encoder):
    (tmp_path / "beras.id.txt").write_text(SOURCE, encoding="utf-8")
    for lang, text in EDITIONS.items():
        (tmp_path / f"beras.{lang}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "beras.zh.txt").write_text(EDITIONS["zh"].replace("120万", "150万"), encoding="utf-8")
    report_path = tmp_path / "r.json"
    assert main(["score", str(tmp_path), "--json", str(report_path)]) == 1
    out = capsys.readouterr().out
    assert "verdicts" in out and "beras (zh)" in out and "beras (fr)" in out
    pairs = json.loads(report_path.read_text(encoding="utf-8"))["pairs"]
    flagged = {(p["target_lang"], p["index"]) for p in pairs if p["flagged"]}
    assert flagged == {("zh", 2)}, "only the changed Chinese number"


@pytest.mark.model
def test_corpus_scores_equal_sacrebleu_on_the_same_columns(tmp_path, capsys, encoder):
    rows = [
        ("Harga beras naik.", "米价上涨了。", "米价上涨。"),
        ("Stok beras cukup untuk tiga bulan.", "大米库存足够三个月。", "大米库存足以满足三个月的需求。"),
        ("Pemerintah menggelar operasi pasar.", "政府开展市场行动。", "政府将开展市场行动。"),
    ]
    table = tmp_path / "pairs.tsv"
    table.write_text("source\ttarget\treference\n" + "".join(f"{s}\t{t}\t{r}\n" for s, t, r in rows), encoding="utf-8")
    report_path = tmp_path / "r.json"
    main(["score", str(table), "--target-lang", "zh", "--json", str(report_path), "--quiet"])
    report = json.loads(report_path.read_text(encoding="utf-8"))
    scores = {s["metric"]: s["score"] for s in report["corpus_scores"]}
    hypotheses, references = [r[1] for r in rows], [[r[2] for r in rows]]
    assert scores["BLEU"] == round(sacrebleu.corpus_bleu(hypotheses, references, tokenize="zh").score, 2)
    assert scores["chrF2"] == round(sacrebleu.corpus_chrf(hypotheses, references).score, 2)
    assert scores["TER"] == round(
        sacrebleu.corpus_ter(hypotheses, references, normalized=True, asian_support=True).score, 2
    )
    assert "tok:zh" in {s["metric"]: s["signature"] for s in report["corpus_scores"]}["BLEU"]
    chrf = [p["chrf"] for p in report["pairs"]]
    assert chrf[0] == round(sacrebleu.sentence_chrf(rows[0][1], [rows[0][2]]).score, 2)


@pytest.mark.model
def test_compare_prefers_the_system_without_faults(tmp_path, capsys, encoder):
    sources = [
        "Harga beras naik menjadi Rp13.500 per kilogram.",
        "Pemerintah akan menggelar operasi pasar di 250 titik.",
        "Stok beras mencapai 1,2 juta ton.",
        "Pedagang mengeluhkan penurunan jumlah pembeli.",
    ]
    good = [
        "Rice prices rose to Rp13,500 per kilogram.",
        "The government will hold market operations at 250 points.",
        "Rice stocks reached 1.2 million tons.",
        "Traders complained of fewer buyers.",
    ]
    bad = [
        "Rice prices rose to Rp18,500 per kilogram.",
        "Pemerintah akan menggelar operasi pasar di 250 titik.",
        "Rice stocks reached 7.2 million tons.",
        "Traders complained of fewer buyers.",
    ]
    files = {}
    for name, lines in {"src.id": sources, "good.en": good, "bad.en": bad}.items():
        files[name] = tmp_path / f"{name}.txt"
        files[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "cmp.json"
    args = ["compare", str(files["src.id"]), str(files["good.en"]), str(files["bad.en"])]
    assert main([*args, "--reference", str(files["good.en"]), "--json", str(out), "--samples", "200"]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["flagged"][0] == 0 and result["flagged"][1] == 3
    assert result["mean_risk_difference"]["value"] < 0
    bleu = next(t for t in result["reference_tests"] if t["metric"] == "BLEU")
    assert bleu["score_a"] == 100.0 and bleu["score_b"] < 100.0
    short = tmp_path / "short.en.txt"
    short.write_text("One line.\n", encoding="utf-8")
    assert main(["compare", str(files["src.id"]), str(files["good.en"]), str(short)]) == 2
    assert "line-parallel" in capsys.readouterr().err
