"""Checks that know which words are wrong point at them, in every report."""

from __future__ import annotations

import csv
import json

import pytest
from rich.console import Console

from mtaudit.checks.base import locate
from mtaudit.checks.repetition import doubled_span
from mtaudit.cli import main
from mtaudit.pipeline import Audit, Options, audit_pairs
from mtaudit.report.terminal import SPAN_STYLE, _highlighted


def test_locate_finds_whole_words_case_insensitively():
    text = "Joined the meeting; the 8.5 percent rate joined."
    assert locate(text, ["joined"], "target") == [("target", 0, 6)]
    assert locate(text, ["8.5", "missing"], "source") == [("source", 24, 27)]


def test_doubled_phrase_span_covers_both_copies():
    text = "Pumps were deployed to the the affected points."
    span = doubled_span(text, "the")
    assert span is not None and text[span[1] : span[2]] == "the the"


def test_terminal_highlights_only_its_side():
    cell = _highlighted("rose 8.5 percent", [("numbers", "target", 5, 8), ("numbers", "source", 0, 3)], "target")
    assert [(s.start, s.end, str(s.style)) for s in cell.spans] == [(5, 8, SPAN_STYLE)]
    Console(file=None, record=True).print(cell)


@pytest.mark.model
def test_reports_carry_the_spans_behind_the_reasons(tmp_path, capsys, encoder):
    table = tmp_path / "pairs.tsv"
    table.write_text(
        "source\ttarget\n"
        "Ekonom memperkirakan inflasi mencapai 5,8 persen.\tEconomists estimate inflation will reach 8.5 percent.\n"
        "Pedagang mengeluhkan sepinya pembeli.\tTraders complained about the lack of pembeli.\n",
        encoding="utf-8",
    )
    csv_path, json_path = tmp_path / "r.csv", tmp_path / "r.json"
    main(["score", str(table), "--csv", str(csv_path), "--json", str(json_path), "--quiet"])
    pairs = json.loads(json_path.read_text(encoding="utf-8"))["pairs"]
    numbers = [s for s in pairs[0]["spans"] if s["check"] == "numbers"]
    assert {(s["side"], s["text"]) for s in numbers} == {("source", "5,8"), ("target", "8.5")}
    assert [(s["check"], s["text"]) for s in pairs[1]["spans"]] == [("untranslated", "pembeli")]
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8-sig")))
    assert "numbers:source:" in rows[0]["spans"] and "untranslated:target:" in rows[1]["spans"]
    assert not any(column.endswith("_spans") for column in rows[0])


@pytest.mark.model
def test_spans_index_the_texts_they_name(encoder):
    import pandas as pd

    pairs = pd.DataFrame(
        {
            "doc": "d",
            "index": [1],
            "alignment": "given",
            "source": ["Harga naik 30 persen di Kebonjeruk."],
            "target": ["Prices rose 50 percent in Kebonjeruk."],
        }
    )
    scored = audit_pairs(pairs, Options(), encoder)
    result = Audit(scored, Options(), encoder.name)
    for check, side, start, end in result.pairs["spans"][0]:
        assert result.pairs[side][0][start:end].strip()
