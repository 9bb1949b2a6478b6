"""One test per kind of bad input: a one-line error and exit 2, or a warning and a correct
result; nothing half-written, nothing injected, the same bytes on every run."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from mtaudit.cli import main
from mtaudit.errors import MtauditError, collected_warnings
from mtaudit.input.decode import html_to_text, read_text
from mtaudit.input.tables import load_table
from mtaudit.report.printable import printable

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "corpora"


def _error(capsys, *args) -> str:
    """Run the CLI expecting exit 2; the one stderr line."""
    assert main(list(map(str, args))) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    return captured.err


def _table(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


# ----------------------------------------------------------------------------- files


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"  \n\n \t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        (b"\x7fELF\x02\x01\x01" + bytes(300), "binary"),
    ],
)
def test_empty_and_binary_files_are_one_line_errors(tmp_path, capsys, content, message):
    path = _table(tmp_path, "bad.id.txt", content)
    assert message in _error(capsys, "score", path, CORPORA / "harga-beras.en.txt")


def test_missing_file_is_named(capsys):
    assert "nothing.id.txt: no such file" in _error(capsys, "score", "nothing.id.txt", "nothing.en.txt")


def test_utf16_and_latin1_are_decoded(tmp_path):
    (tmp_path / "u16.txt").write_bytes("Harga beras naik.\n".encode("utf-16"))
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 \xab Le Monde \xbb.\n".encode("latin-1"))
    assert read_text(tmp_path / "u16.txt") == "Harga beras naik.\n"
    with collected_warnings() as notes:
        assert read_text(tmp_path / "latin.txt") == "Café « Le Monde ».\n"
    assert len(notes) == 1 and "latin.txt:1: not valid UTF-8" in notes[0]


def test_windows_1252_punctuation_is_decoded(tmp_path):
    (tmp_path / "cp.txt").write_bytes("\u201cKata\u201d \u2013 ujar".encode("cp1252"))
    with collected_warnings():
        assert read_text(tmp_path / "cp.txt") == "\u201cKata\u201d \u2013 ujar"


def test_crlf_and_mixed_line_ends_read_like_lf(tmp_path):
    lf = (CORPORA / "harga-beras.id.txt").read_text(encoding="utf-8")
    mixed = lf.replace("\n", "\r\n", 3).replace("\n\n", "\r\r", 1)
    (tmp_path / "mixed.txt").write_bytes(mixed.encode("utf-8"))
    from mtaudit.input.articles import article_sentences

    assert article_sentences(read_text(tmp_path / "mixed.txt"), "id") == article_sentences(lf, "id")


def test_html_article_is_read_as_its_text():
    page = (
        "<html><head><title>x</title><style>p {color: red}</style></head><body>"
        "<h1>Harga Beras Naik</h1><p>Harga beras naik menjadi Rp13.500 &amp; stok aman.</p>"
        "<script>alert('x')</script><p>Pedagang mengeluh.<br>Pembeli berkurang.</p></body></html>"
    )
    text = html_to_text(page)
    assert "alert" not in text and "color" not in text and "<" not in text
    assert "Rp13.500 & stok aman." in text and "Pedagang mengeluh." in text


def test_a_10_mb_line_is_refused_quickly(tmp_path, capsys):
    path = _table(tmp_path, "huge.id.txt", "kata " * 2_100_000)
    message = _error(capsys, "score", path, CORPORA / "harga-beras.en.txt")
    assert "huge.id.txt" in message and "more than one article" in message


def test_an_overlong_sentence_is_cut_into_pieces(tmp_path):
    from mtaudit.input.articles import MAX_SENTENCE_CHARS, read_sentences

    path = _table(tmp_path, "long.id.txt", "kata " * 3000)
    with collected_warnings() as notes:
        sentences, _ = read_sentences(path, "id")
    assert len(sentences) > 1 and all(len(s) <= MAX_SENTENCE_CHARS for s in sentences)
    assert " ".join(sentences).split() == ["kata"] * 3000 and "cut into pieces" in notes[0]


# ----------------------------------------------------------------------------- tables


def test_ragged_row_is_named_and_can_be_skipped(tmp_path, capsys):
    path = _table(tmp_path, "ragged.tsv", "source\ttarget\nSatu.\tOne.\nDua.\tTwo.\textra\nTiga.\n")
    assert "ragged.tsv:3: 3 fields where the header has 2" in _error(capsys, "score", path)
    with collected_warnings() as notes:
        table = load_table(path, skip_bad_rows=True)
    assert table["source"].tolist() == ["Satu."]
    assert len(notes) == 2 and "row skipped" in notes[0] and "ragged.tsv:4" in notes[1]


def test_trailing_empty_fields_are_not_ragged(tmp_path):
    path = _table(tmp_path, "trail.csv", "source,target\nSatu.,One.,,\n")
    assert load_table(path)["target"].tolist() == ["One."]


def test_broken_jsonl_line_is_named_and_can_be_skipped(tmp_path, capsys):
    path = _table(tmp_path, "b.jsonl", '{"source": "Satu.", "target": "One."}\n{"source": "Dua.", \n[1, 2]\n')
    assert "b.jsonl:2: not valid JSON" in _error(capsys, "score", path)
    with collected_warnings() as notes:
        table = load_table(path, skip_bad_rows=True)
    assert len(table) == 1 and "b.jsonl:2" in notes[0] and "b.jsonl:3: expected a JSON object" in notes[1]


def test_jsonl_keeps_unicode_line_separators_inside_strings(tmp_path):
    path = _table(tmp_path, "sep.jsonl", json.dumps({"source": "a\u2028b", "target": "c"}, ensure_ascii=False) + "\n")
    assert load_table(path)["source"].tolist() == ["a b"]


def test_empty_cells_and_duplicate_ids_are_warned_about(tmp_path):
    path = _table(tmp_path, "d.csv", "id,source,target\n7,Satu.,One.\n7,Dua.,\n8,,Three.\n")
    with collected_warnings() as notes:
        table = load_table(path)
    assert table["alignment"].tolist() == ["given", "omission", "addition"]
    assert any("2 row(s) with an empty source or target (data rows 2, 3)" in n for n in notes)
    assert any("id '7' appears in data rows 1, 2" in n for n in notes)


def test_a_warning_about_a_much_repeated_id_stays_one_short_line(tmp_path):
    rows = "".join(f"7,Kalimat {i}.,Sentence {i}.\n" for i in range(50))
    with collected_warnings() as notes:
        load_table(_table(tmp_path, "many.csv", "id,source,target\n" + rows))
    (note,) = [n for n in notes if "appears in data rows" in n]
    assert "data rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 40 more;" in note and len(note) < 200


@pytest.mark.model
def test_reports_written_in_pieces_equal_reports_written_whole(tmp_path, monkeypatch, encoder):
    """Large reports are streamed to disk a few thousand rows at a time; the bytes must
    not depend on where the pieces are cut."""
    from mtaudit.report import csv_report, json_report

    def reports(name: str) -> tuple[bytes, bytes]:
        assert (
            main(
                [
                    "score",
                    str(CORPORA),
                    "--quiet",
                    "--json",
                    str(tmp_path / f"{name}.json"),
                    "--csv",
                    str(tmp_path / f"{name}.csv"),
                ]
            )
            == 1
        )
        return (tmp_path / f"{name}.json").read_bytes(), (tmp_path / f"{name}.csv").read_bytes()

    whole = reports("whole")
    monkeypatch.setattr(json_report, "ROWS_PER_PIECE", 3)
    monkeypatch.setattr(csv_report, "ROWS_PER_PIECE", 3)
    assert reports("pieces") == whole
    report = json.loads(whole[0].decode("utf-8"))
    assert len(report["pairs"]) == report["summary"]["pairs"] > 3
    assert whole[1].startswith(b"\xef\xbb\xbf") and whole[1].count(b"\xef\xbb\xbf") == 1


def test_duplicate_header_and_oversized_cell_are_errors(tmp_path, capsys):
    repeated = _table(tmp_path, "h.csv", "source,source,target\na,b,c\n")
    assert "'source' appears more than once" in _error(capsys, "score", repeated)
    oversized = _table(tmp_path, "big.tsv", "source\ttarget\n" + "x" * 30_000 + "\ty\n")
    assert "big.tsv:2: a cell of over 20,000 characters" in _error(capsys, "score", oversized)


def test_lone_surrogates_and_controls_in_json_input_are_repaired(tmp_path):
    path = _table(
        tmp_path, "s.jsonl", '{"source": "Harga \\ud800 naik\\u0000.", "target": "Price \\u001b[31m rose."}\n'
    )
    with collected_warnings() as notes:
        table = load_table(path)
    assert table["source"].tolist() == ["Harga \ufffd naik ."] and table["target"].tolist() == ["Price [31m rose."]
    assert notes and "s.jsonl:1: replaced invalid or control characters" in notes[0]


# ----------------------------------------------------------------------------- output


def test_unwritable_report_folder_fails_before_any_work(tmp_path, capsys, monkeypatch):
    import mtaudit.pipeline

    monkeypatch.setattr(mtaudit.pipeline, "audit", lambda *a, **k: pytest.fail("scored before checking the output"))
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    table = _table(tmp_path, "t.tsv", "source\ttarget\nSatu.\tOne.\n")
    assert "cannot create the folder for --csv" in _error(capsys, "score", table, "--csv", blocker / "r.csv")
    assert "is a directory" in _error(capsys, "score", table, "--json", tmp_path)


def test_interrupt_exits_130_and_keeps_the_previous_report(tmp_path, capsys, monkeypatch):
    import mtaudit.pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(mtaudit.pipeline, "audit", interrupted)
    report = tmp_path / "r.json"
    report.write_text("previous report")
    table = _table(tmp_path, "t.tsv", "source\ttarget\nSatu.\tOne.\n")
    assert main(["score", str(table), "--json", str(report)]) == 130
    assert report.read_text() == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json", "t.tsv"], "no temporary file left behind"


def test_printable_makes_terminal_controls_visible():
    hostile = "a\x1b[2J\x1b]0;title\x07b\x9bc\u202eevil\x00"
    shown = printable(hostile)
    assert len(shown) == len(hostile)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in shown)
    assert shown.startswith("a\u241b[2J")


@pytest.mark.model
def test_hostile_table_prints_literally_and_writes_valid_reports(tmp_path, capsys, encoder, monkeypatch):
    monkeypatch.setattr("mtaudit.model.encoder.Encoder", lambda *a, **k: encoder)
    monkeypatch.setenv("COLUMNS", "400")  # no wrapping inside the checked strings
    rows = [
        {"source": "[bold red]Harga beras naik.[/]", "target": "[bold red]Rice prices rose.[/]"},
        {"source": '=HYPERLINK("http://x")', "target": '=HYPERLINK("http://x")'},
        {"source": "Harga \ud800 naik\u0000.", "target": "Price \x1b[31mrose\x1b[0m \x9b."},
    ]
    path = tmp_path / "evil\x1b[31m.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    main(["score", str(path), "--csv", str(tmp_path / "r.csv"), "--json", str(tmp_path / "r.json")])
    out, err = capsys.readouterr()
    assert "[bold red]Harga beras naik.[/]" in out.replace("\n", "")
    assert "\x1b" not in out + err and "\x9b" not in out + err
    report = json.loads((tmp_path / "r.json").read_bytes().decode("utf-8"))  # strict UTF-8, valid JSON
    assert report["pairs"][2]["source"] == "Harga \ufffd naik ."
    cells = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_bytes().decode("utf-8-sig"))))
    assert cells[2][3].startswith("'=") and cells[2][4].startswith("'=")


# ----------------------------------------------------------------------------- documents


@pytest.mark.model
def test_swapped_source_and_translation_are_named(capsys, monkeypatch, encoder):
    monkeypatch.setattr("mtaudit.model.encoder.Encoder", lambda *a, **k: encoder)
    message = _error(capsys, "score", CORPORA / "tol-semarang.en.txt", CORPORA / "tol-semarang.id.txt")
    assert "look swapped" in message


def test_a_cached_direction_verdict_needs_no_language_detection(tmp_path, monkeypatch):
    from mtaudit import documents
    from mtaudit.cache import Cache

    def edition(sources: list[str], targets: list[str]) -> pd.DataFrame:
        return pd.DataFrame({"doc": "a", "target_lang": "en", "source": sources, "target": targets})

    indonesian = ["Harga beras naik menjadi Rp13.500 per kilogram pekan ini di pasar tradisional."] * 3
    english = ["The price of rice rose to Rp13,500 per kilogram this week in traditional markets."] * 3
    cache = Cache(tmp_path / "results.sqlite")
    documents.check_direction(edition(indonesian, english), "id", cache)
    monkeypatch.setattr(documents, "detect", lambda text: pytest.fail("the cached verdict should be used"))
    documents.check_direction(edition(indonesian, english), "id", cache)
    monkeypatch.undo()
    with pytest.raises(MtauditError, match="look swapped"):  # a swapped edition still fails, cache or not
        documents.check_direction(edition(english, indonesian), "id", cache)


@pytest.mark.model
def test_a_different_article_gets_one_document_verdict(tmp_path, capsys, monkeypatch, encoder):
    monkeypatch.setattr("mtaudit.model.encoder.Encoder", lambda *a, **k: encoder)
    monkeypatch.setenv("COLUMNS", "400")
    shutil.copy(CORPORA / "harga-beras.id.txt", tmp_path / "a.id.txt")
    shutil.copy(CORPORA / "tol-semarang.en.txt", tmp_path / "a.en.txt")
    shutil.copy(CORPORA / "banjir-pekalongan.id.txt", tmp_path / "b.id.txt")
    shutil.copy(CORPORA / "banjir-pekalongan.en.txt", tmp_path / "b.en.txt")
    assert main(["score", str(tmp_path), "--json", str(tmp_path / "r.json")]) == 1
    out = capsys.readouterr().out.replace("\n", " ")
    assert "a (en): NOT A TRANSLATION" in out and "1 not a translation of the source" in out
    pairs = json.loads((tmp_path / "r.json").read_text())["pairs"]
    wrong = [p for p in pairs if p["doc"] == "a"]
    assert all(p["doc_verdict"] == "not a translation of this source" and not p["flagged"] for p in wrong)
    assert not any(p["doc_verdict"] for p in pairs if p["doc"] == "b")


# ----------------------------------------------------------------------------- caches


@pytest.mark.model
def test_damaged_model_folder_is_converted_again(tmp_path, encoder):
    """A run that finds its converted model damaged (a disk filled up mid-write) says so,
    converts it again and audits as usual. In a new process, as a user meets it (and so
    the conversion's memory is not the test suite's)."""
    import os
    import subprocess
    import sys

    from mtaudit.model.conversion import bundled_model_folder
    from mtaudit.model.graph import GRAPH_FILE
    from mtaudit.model.tokenizer import FULL_FILE, INDEX_FILES, PIECES_FILE

    cached = tmp_path / "models" / bundled_model_folder().name
    shutil.copytree(bundled_model_folder(), cached)
    (cached / GRAPH_FILE).write_bytes(b"half-written")
    (cached / PIECES_FILE).write_bytes(b"half-written")
    article = [str(CORPORA / "harga-beras.id.txt"), str(CORPORA / "harga-beras.en.txt")]
    run = subprocess.run(
        [sys.executable, "-m", "mtaudit", "score", *article, "--quiet"],
        env={**os.environ, "MTAUDIT_CACHE_DIR": str(tmp_path), "MTAUDIT_CACHE": "off"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode in (0, 1), run.stderr
    assert "cached model is damaged" in run.stderr and "converting it again" in run.stderr
    for name in (GRAPH_FILE, FULL_FILE, *INDEX_FILES):  # a conversion writes the same bytes
        assert (cached / name).read_bytes() == (bundled_model_folder() / name).read_bytes(), name


def test_damaged_results_cache_is_replaced(tmp_path):
    from mtaudit.cache import Cache

    path = tmp_path / "results.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = Cache(path)
    with collected_warnings() as notes:
        cache.put_many({b"k": b"v"})
        assert cache.get_many([b"k"]) == {b"k": b"v"}
    assert "damaged; starting a new one" in notes[0] and (tmp_path / "results.sqlite.damaged").exists()


def test_unusable_results_cache_turns_itself_off(tmp_path):
    from mtaudit.cache import Cache

    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = Cache(blocker / "results.sqlite")
    with collected_warnings() as notes:
        cache.put_many({b"k": b"v"})
        assert cache.get_many([b"k"]) == {}
    assert not cache.enabled and "cache not used" in notes[0]


# ----------------------------------------------------------------------------- determinism


@pytest.mark.model
def test_runs_are_byte_identical_cold_and_from_the_cache(tmp_path, monkeypatch, encoder):
    from mtaudit.cache import Cache
    from mtaudit.model.encoder import Encoder

    outputs = []
    cache = Cache(tmp_path / "results.sqlite")
    for run in range(3):
        fresh = Encoder(cache=cache if run else Cache(None))
        fresh._model = encoder.model  # same weights, new in-memory state
        monkeypatch.setattr("mtaudit.model.encoder.Encoder", lambda *a, fresh=fresh, **k: fresh)
        csv_path, json_path = tmp_path / f"{run}.csv", tmp_path / f"{run}.json"
        main(["score", str(CORPORA), "--quiet", "--csv", str(csv_path), "--json", str(json_path)])
        outputs.append((csv_path.read_bytes(), json_path.read_bytes()))
    assert outputs[0] == outputs[1] == outputs[2]


def test_error_message_with_controls_is_printed_safely(tmp_path, capsys):
    message = _error(capsys, "score", tmp_path / "x\x1b[2J.tsv")
    assert "\x1b" not in message and "\u241b[2J" in message


def test_missing_table_column_lists_the_found_ones(tmp_path, capsys):
    path = _table(tmp_path, "c.csv", "src,tgt\na,b\n")
    assert "columns found: src, tgt" in _error(capsys, "score", path)


def test_load_table_error_is_an_mtaudit_error(tmp_path):
    with pytest.raises(MtauditError):
        load_table(_table(tmp_path, "only-header.tsv", "source\ttarget\n"))
