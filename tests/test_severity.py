"""Severities, edition verdicts and the gate, and the rules that compare with the source
before they report (issue 14)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from mtaudit.checks.base import Context
from mtaudit.checks.numbers import compare
from mtaudit.checks.repetition import compute as repetition
from mtaudit.cli import main
from mtaudit.risk import Combiner, score
from mtaudit.severity import CRITICAL, FAIL, MAJOR, MINOR, NONE, PASS, REVIEW, edition_verdicts, fails

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


def _checked(**risks) -> pd.DataFrame:
    """One pair per list position with the given checks' risks and a reason for each."""
    rows = len(next(iter(risks.values())))
    table = pd.DataFrame(
        {"doc": "d", "index": range(1, rows + 1), "source": "s", "target": "t", "alignment": "given"}
    ).assign(target_lang="en")
    for name, values in risks.items():
        table[f"{name}_risk"] = values
        table[f"{name}_reason"] = [f"{name} reason" if v else "" for v in values]
    return table


COMBINER = Combiner({"numbers": 3.0, "repetition": 3.0, "estimator": 3.0}, -2.0)


def test_a_flagged_pair_takes_its_worst_findings_severity_and_an_unflagged_one_none():
    scored = score(
        _checked(numbers=[1.0, 0.0, 0.0, 0.0], repetition=[1.0, 1.0, 0.0, 0.0], estimator=[0, 0, 1.0, 0]), 0.5, COMBINER
    )
    assert scored["flagged"].tolist() == [True, True, True, False]
    assert scored["severity"].tolist() == [CRITICAL, MINOR, MAJOR, NONE]
    assert scored["category"].tolist() == ["number", "repetition", "mistranslation", ""]


def test_a_checks_own_grading_overrides_its_declared_severity():
    checked = _checked(numbers=[1.0, 1.0], repetition=[0.0, 0.0], estimator=[0.0, 0.0])
    checked["numbers_severity"] = [MAJOR, ""]
    assert score(checked, 0.5, COMBINER)["severity"].tolist() == [MAJOR, CRITICAL]


def test_the_gate_fails_at_or_above_its_level():
    assert fails(CRITICAL, MAJOR) and fails(MAJOR, MAJOR) and not fails(MINOR, MAJOR)
    assert fails(MINOR, MINOR) and not fails(NONE, MINOR) and not fails(CRITICAL, "never")


def _edition(doc: str, severities: list[str], alignment: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc": doc,
            "target_lang": "en",
            "index": range(1, len(severities) + 1),
            "risk": [0.9 if s != NONE else 0.1 for s in severities],
            "flagged": [s != NONE for s in severities],
            "severity": severities,
            "category": ["number" if s == CRITICAL else "repetition" if s == MINOR else "omission" for s in severities],
            "alignment": alignment or ["given"] * len(severities),
        }
    )


def test_edition_verdicts_say_fail_review_or_pass_with_the_worst_findings_first():
    pairs = pd.concat(
        [
            _edition("a", [NONE, MINOR, CRITICAL, MAJOR]),
            _edition("b", [NONE, MINOR]),
            _edition("c", [NONE, NONE]),
        ],
        ignore_index=True,
    )
    verdicts = {v.doc: v for v in edition_verdicts(pairs, MAJOR, [])}
    assert [verdicts[d].verdict for d in "abc"] == [FAIL, REVIEW, PASS]
    assert verdicts["a"].reason == "1 critical, 1 major, 1 minor: #3 number, #4 omission, #2 repetition"
    assert verdicts["a"].counts == {CRITICAL: 1, MAJOR: 1, MINOR: 1} and verdicts["c"].reason == ""
    assert [v.verdict for v in edition_verdicts(pairs, CRITICAL, [])] == [FAIL, REVIEW, PASS]
    assert [v.verdict for v in edition_verdicts(pairs, MINOR, [])] == [FAIL, FAIL, PASS]
    assert [v.verdict for v in edition_verdicts(pairs, "never", [])] == [REVIEW, REVIEW, PASS]
    wrong_article = edition_verdicts(pairs, MAJOR, [("c", "en")])[2]
    assert wrong_article.verdict == FAIL and "not a translation" in wrong_article.reason


def test_the_omission_gate_fails_only_on_omitted_or_added_sentences():
    pairs = pd.concat(
        [_edition("a", [CRITICAL, NONE]), _edition("b", [NONE, MAJOR], ["given", "omission"])], ignore_index=True
    )
    assert [v.verdict for v in edition_verdicts(pairs, "omission", [])] == [REVIEW, FAIL]


# ----------------------------------------------------------------------------- rules that know the source


def test_a_repetition_the_source_has_or_the_writer_punctuated_is_not_reported():
    pairs = pd.DataFrame(
        {
            "source": ["Jawabannya: jawabannya, tidak.", "Dia selalu, selalu datang.", "Banjir merendam rumah."],
            "target": ["The answer: the answer, no.", "He always, always comes.", "The the flood submerged houses."],
        }
    )
    assert repetition(pairs, Context(None))["repetition_risk"].tolist() == [0.0, 0.0, 0.9]
    punctuated = pd.DataFrame({"source": ["Harga naik."], "target": ["Prices rose, rose sharply."]})
    assert repetition(punctuated, Context(None))["repetition_risk"].tolist() == [0.0]


def test_a_letter_spelled_twice_for_a_source_acronym_is_no_repetition():
    """Arabic spells "BBC" as three letter names, two of them the same; an English stutter
    beside an acronym, or an Arabic one with no doubled letter in the source, stays."""
    arabic = pd.DataFrame(
        {
            "source": ["BBC mengatakan banjir meluas.", "AP mengatakan banjir meluas."],
            "target": ["وقالت بي بي سي إن الفيضانات اتسعت.", "وقالت في في أسوشيتد برس إن الفيضانات اتسعت."],
        }
    )
    assert repetition(arabic, Context(None, target_lang="ar"))["repetition_risk"].tolist() == [0.0, 0.9]
    english = pd.DataFrame({"source": ["Menurut BBC, banjir meluas."], "target": ["According to the the BBC."]})
    assert repetition(english, Context(None, target_lang="en"))["repetition_risk"].tolist() == [0.9]


@pytest.mark.parametrize(
    "source, target, lang",
    [
        ("Pascal Wehrlein Manor — Mercedes 1:40.401 17.", "Pascal Wehrlein Manor — Mercedes 1: 40.401 17.", "en"),
        ("Pada tahun 833 M, ini menjadi negara bagian.", "公元833年，這裡成為了大摩拉維亞國。", "zh"),
        ("Populasi merosot hingga sekitar 168.000 orang.", "人口降到了大約16萬8千人。", "zh"),
        ("Sistem ini masih digunakan pada tahun 1980-an.", "有些國家甚至在20世紀80年代仍在使用。", "zh"),
        ("Pada tahun 1350-an, Raja Gongmin bebas.", "到十四世紀五十年代，恭愍王才最終獲得自由。", "zh"),
        ("Di akhir abad ke-8, kota itu terbentuk.", "A la fin du huitième siècle, la ville vit le jour.", "fr"),
        ("Ini satu-satunya wilayah yang hangat.", "It is the only warm region, at 20 degrees.", "en"),
        ("Kedua negara sepakat.", "Both countries agreed.", "en"),
    ],
)
def test_numbers_written_alike_or_in_other_conventions_agree(source, target, lang):
    assert compare(source, target, "id", lang) == ([], [] if "20 degrees" not in target else ["20"])


def test_a_changed_scale_is_still_a_changed_number():
    assert compare("Nilainya 5 juta rupiah.", "It is worth 5 billion rupiah.", "id", "en") == (["5"], ["5"])


@pytest.mark.model
def test_a_name_translated_word_by_word_is_not_a_name_error_but_a_swapped_one_is(encoder):
    from mtaudit.checks.names import compute, sentence_openers

    assert "Banjir" in sentence_openers("PEKALONGAN - Banjir merendam rumah.")
    assert "The" in sentence_openers("He told Sportsmail: 'The GPS is used by all of our clubs.")
    assert "Connor" not in sentence_openers("Mr O'Connor said so.")  # an apostrophe opens nothing
    pairs = pd.DataFrame(
        {
            "source": [
                "Harga beras di Pasar Induk Cipinang naik tajam menurut para pembeli.",
                "PEKALONGAN - Banjir merendam sekitar 3.400 rumah di Kota Pekalongan.",
                "Dia mengatakan Umur pelaku sekitar 30 tahun.",
                "Gubernur Ganjar Pranowo meninjau lokasi banjir di Semarang.",
                "Presiden Joko Widodo tiba di Jakarta pada Senin.",
                "O'Connor menjelaskan kepada Sportsmail: ' GPS digunakan oleh semua klub kami setiap sesi.",
            ],
            "target": [
                "Rice prices at the Cipinang Main Market rose sharply according to buyers.",
                "PEKALONGAN - Floods submerged around 3,400 houses in Pekalongan City.",
                "He said the age of the perpetrator was around 30 years.",
                "Governor Anies Baswedan reviewed the flood site in Semarang.",
                "President Joko Widodo arrived in Sweden on Monday.",
                # "The" opens a quotation (real MT; the check once called it an invented name)
                "O'Connor explained to Sportsmail: 'The GPS is used by all of our clubs every session.",
            ],
        }
    )
    result = compute(pairs, Context(encoder, "id", "en"))
    assert result["names_risk"].tolist()[:3] == [0.0, 0.0, 0.0]
    assert result["names_risk"].tolist()[3:] == [0.9, 0.7, 0.0]
    assert result["names_severity"].tolist() == ["", "", "", CRITICAL, CRITICAL, ""]


# ----------------------------------------------------------------------------- the command line


@pytest.mark.model
def test_the_sample_corpus_reports_severities_and_verdicts(tmp_path, capsys, monkeypatch, encoder):
    monkeypatch.setattr("mtaudit.model.encoder.Encoder", lambda *a, **k: encoder)
    report = tmp_path / "r.json"
    assert main(["score", str(CORPORA), "--json", str(report), "--csv", str(tmp_path / "r.csv")]) == 1
    out = capsys.readouterr().out
    assert "verdicts (the gate fails on: major)" in out and "FAIL: 50 pairs, 9 flagged (" in out
    document = json.loads(report.read_text(encoding="utf-8"))
    assert document["fail_on"] == MAJOR and document["gate"] == "fail"
    assert [v["verdict"] for v in document["verdicts"]] == [FAIL] * 5
    flagged = {(p["doc"], p["target_lang"], p["index"]): p["severity"] for p in document["pairs"] if p["flagged"]}
    assert flagged[("banjir-pekalongan", "en", 6)] == MINOR  # the repeated "the"
    assert flagged[("tol-semarang", "en", 8)] == CRITICAL  # 30 minutes printed as 50
    assert flagged[("banjir-pekalongan", "en", 5)] == MAJOR  # the omitted sentence
    assert "severity,category" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert main(["score", str(CORPORA), "--quiet", "--fail-on", "critical"]) == 1
    capsys.readouterr()


@pytest.mark.model
def test_minor_findings_alone_do_not_fail_the_default_gate(tmp_path, capsys, monkeypatch, encoder):
    monkeypatch.setattr("mtaudit.model.encoder.Encoder", lambda *a, **k: encoder)
    table = tmp_path / "t.tsv"
    table.write_text(
        "source\ttarget\nPetugas dikerahkan ke titik terdampak.\tOfficers were deployed to the the affected points.\n",
        encoding="utf-8",
    )
    assert main(["score", str(table), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("PASS (--fail-on major: the flagged pairs are for review") and "1 minor" in out
    assert main(["score", str(table), "--quiet", "--fail-on", "minor"]) == 1
    assert main(["score", str(table), "--quiet", "--fail-on", "flagged"]) == 1
    capsys.readouterr()


def test_a_number_the_numbers_check_grades_changed_is_flagged_whatever_the_combination_says():
    checked = _checked(numbers=[0.95, 0.95, 0.0], repetition=[0.0, 1.0, 0.0], estimator=[0.0, 0.0, 0.0])
    checked["numbers_severity"] = [CRITICAL, MAJOR, ""]
    scored = score(checked, 0.5, Combiner({"repetition": 1.0}, -5.0))  # numbers count for nothing here
    assert scored["risk"].tolist()[0] >= 0.95 and scored["flagged"].tolist() == [True, False, False]
    assert scored["reasons"][0] == "numbers reason" and scored["severity"][0] == CRITICAL


def test_the_checks_listing_says_which_findings_flag_a_pair_alone():
    from mtaudit.checks import CHECKS
    from mtaudit.report.checks import _findings

    said = {check.name: _findings(check) for check in CHECKS}
    assert said["numbers"] == "critical; flags alone when critical"
    assert said["untranslated"] == "major; flags alone when major"
    assert said["alignment"] == "major; always flags"
    assert said["similarity"] == "major"
