"""Nothing destroyed, and a crash never looks like a verdict: report paths that must not
be replaced, all-or-nothing report writing, exit codes, cache and model folders that
cannot be used, table quoting, language codes, determinism and the verdict line."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from mtaudit import files
from mtaudit.cli import main
from mtaudit.errors import MtauditError, collected_warnings
from mtaudit.input.tables import load_table
from mtaudit.languages import normalise

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "corpora"


def _error(capsys, *args, code: int = 2) -> str:
    """Run the CLI expecting ``code``; the one stderr line."""
    assert main(list(map(str, args))) == code
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def _table(tmp_path: Path, name: str = "t.tsv", text: str = "source\ttarget\nSatu.\tOne.\n") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def no_scoring(monkeypatch):
    """Any run that gets as far as scoring fails the test: the error must come first."""
    import mtaudit.pipeline

    monkeypatch.setattr(mtaudit.pipeline, "audit", lambda *a, **k: pytest.fail("scored before checking the output"))


@pytest.fixture
def shared_model(monkeypatch, encoder):
    """CLI runs use the session's encoder instead of loading the model again."""
    monkeypatch.setattr("mtaudit.model.encoder.Encoder", lambda *a, **k: encoder)


# ----------------------------------------------------------------------------- report paths


def test_fifo_socket_and_directory_are_refused_before_any_work(tmp_path, capsys, no_scoring):
    table = _table(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(tmp_path / "sock"))
    try:
        assert "is a FIFO (named pipe), not a regular file" in _error(capsys, "score", table, "--json", fifo)
        assert "is a socket" in _error(capsys, "score", table, "--csv", tmp_path / "sock")
        assert "is a directory" in _error(capsys, "score", table, "--csv", tmp_path)
    finally:
        listener.close()
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISSOCK((tmp_path / "sock").stat().st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_node_is_refused_and_left_alone(tmp_path, capsys, no_scoring):
    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 7))  # like /dev/full, but only in this folder
    assert "is a character device" in _error(capsys, "score", _table(tmp_path), "--json", device)
    assert stat.S_ISCHR(device.stat().st_mode)


def test_symlinks_are_written_through_only_to_regular_files(tmp_path, capsys, no_scoring):
    table = _table(tmp_path)
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "to-pipe.json").symlink_to(tmp_path / "pipe")
    (tmp_path / "to-stdout.json").symlink_to("/proc/self/fd/1")
    (tmp_path / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    assert "symbolic link" in _error(capsys, "score", table, "--json", tmp_path / "to-pipe.json")
    if not Path("/proc/self/fd/1").resolve().is_file():  # a terminal, a pipe, or pytest's deleted capture file
        assert "symbolic link" in _error(capsys, "score", table, "--json", tmp_path / "to-stdout.json")
    assert "does not exist" in _error(capsys, "score", table, "--json", tmp_path / "dangling.json")

    (tmp_path / "real.json").write_text("old")
    (tmp_path / "link.json").symlink_to(tmp_path / "real.json")
    files.write_atomically(tmp_path / "link.json", b"new")
    assert (tmp_path / "link.json").is_symlink() and (tmp_path / "real.json").read_text() == "new"


def test_an_input_is_never_a_report(tmp_path, capsys, no_scoring):
    table = _table(tmp_path, "pairs.csv", "source,target\nSatu.,One.\n")
    (tmp_path / "alias.csv").symlink_to(table)
    assert "is an input of this run" in _error(capsys, "score", table, "--csv", table)
    assert "is an input of this run" in _error(capsys, "score", table, "--csv", tmp_path / "alias.csv")
    assert "is an input of this run" in _error(capsys, "score", CORPORA, "--json", CORPORA / "harga-beras.en.txt")
    assert table.read_text() == "source,target\nSatu.,One.\n"


def test_two_reports_on_one_path_is_an_error(tmp_path, capsys, no_scoring):
    same = tmp_path / "report"
    assert "both --csv and --json would write" in _error(
        capsys, "score", _table(tmp_path), "--csv", same, "--json", same
    )


def test_save_names_reports_by_input_and_edition():
    from mtaudit.cli.score import report_name

    en = report_name([CORPORA / "harga-beras.id.txt", CORPORA / "harga-beras.en.txt"], None)
    fr = report_name([CORPORA / "harga-beras.id.txt", CORPORA / "harga-beras.fr.txt"], None)
    assert (en, fr) == ("harga-beras.en", "harga-beras.fr")
    assert report_name([CORPORA], None) == "corpora" and report_name([CORPORA], "zh") == "corpora.zh"
    assert report_name([Path("x/pairs.csv")], None) == "pairs"  # written as pairs.mtaudit.csv: never the input


# ----------------------------------------------------------------------------- all or nothing


def test_a_failed_report_leaves_every_previous_report_and_no_temporary_file(
    tmp_path, capsys, monkeypatch, one_pair_audit
):
    from mtaudit.report import json_report

    old_csv, old_json = tmp_path / "r.csv", tmp_path / "r.json"
    old_csv.write_text("previous csv")
    old_json.write_text("previous json")
    monkeypatch.setattr("mtaudit.pipeline.audit", lambda *a, **k: one_pair_audit)

    def disk_full(audit):
        yield b'{"partial": '
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(json_report, "pieces", disk_full)
    error = _error(capsys, "score", _table(tmp_path), "--csv", old_csv, "--json", old_json)
    assert "No space left on device" in error and "no file of this run was changed" in error
    assert old_csv.read_text() == "previous csv" and old_json.read_text() == "previous json"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv", "r.json", "t.tsv"]


def test_stale_temporary_files_of_dead_runs_are_removed(tmp_path):
    target = tmp_path / "r.json"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True
    )
    stale = tmp_path / f".r.json.mtaudit-{dead.stdout.strip()}-abc.tmp"
    alive = tmp_path / f".r.json.mtaudit-{os.getppid()}-def.tmp"
    other = tmp_path / f".other.json.mtaudit-{dead.stdout.strip()}-ghi.tmp"
    for path in (stale, alive, other):
        path.write_text("partial")
    files.write_atomically(target, b"{}")
    assert not stale.exists() and alive.exists() and other.exists() and target.read_bytes() == b"{}"


def test_new_reports_follow_the_umask_and_replaced_ones_keep_their_mode(tmp_path):
    previous = os.umask(0o027)
    try:
        files.write_atomically(tmp_path / "new.json", b"{}")
        kept = tmp_path / "kept.json"
        kept.write_text("old")
        kept.chmod(0o664)
        files.write_atomically(kept, b"{}")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640
    assert stat.S_IMODE(kept.stat().st_mode) == 0o664


# ----------------------------------------------------------------------------- exit codes


def test_an_internal_error_exits_3_with_one_line_and_debug_shows_the_traceback(tmp_path, capsys, monkeypatch):
    def bug(*args, **kwargs):
        raise ValueError("something mtaudit did not expect\nsecond line")

    monkeypatch.setattr("mtaudit.pipeline.audit", bug)
    table = _table(tmp_path)
    error = _error(capsys, "score", table, code=3)
    assert "internal error: ValueError: something mtaudit did not expect" in error and "--debug" in error
    assert main(["--debug", "score", str(table)]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_a_model_folder_that_cannot_be_written_is_an_error_naming_the_setting(tmp_path, capsys, monkeypatch):
    from mtaudit.model.encoder import Encoder

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MTAUDIT_CACHE_DIR", str(blocker))
    with pytest.raises(MtauditError, match="MTAUDIT_CACHE_DIR"):
        Encoder(cache=files_free_cache()).encode(["Satu."])

    monkeypatch.setenv("MTAUDIT_CACHE_DIR", str(tmp_path / "read-only"))

    def refused(source, target):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("mtaudit.model.conversion.build_atomically", refused)
    error = _error(capsys, "score", _table(tmp_path))
    assert "cannot write the converted model" in error and "Permission denied" in error


def files_free_cache():
    from mtaudit.cache import Cache

    return Cache(None)


def test_a_results_cache_folder_that_is_a_file_degrades_with_a_warning(tmp_path):
    from mtaudit.cache import Cache

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cache = Cache(blocker / "results.sqlite")
    with collected_warnings() as notes:
        assert cache.get_many([b"key"]) == {}
        cache.put_many({b"key": b"value"})
    assert not cache.enabled and len(notes) == 1 and "cache not used" in notes[0]


# ----------------------------------------------------------------------------- tables


@pytest.mark.parametrize("suffix, delimiter", [(".tsv", "\t"), (".csv", ",")])
def test_a_cell_beyond_the_csv_modules_limit_is_a_bad_row(tmp_path, capsys, suffix, delimiter):
    huge = "x" * 140_000
    path = _table(tmp_path, f"big{suffix}", f"source{delimiter}target\nSatu.{delimiter}One.\n{huge}{delimiter}y\n")
    assert f"big{suffix}:3: a cell of over 20,000 characters" in _error(capsys, "score", path)
    with collected_warnings() as notes:
        table = load_table(path, skip_bad_rows=True)
    assert table["source"].tolist() == ["Satu."] and "row skipped" in notes[0]


def test_plain_tsv_cells_may_start_with_a_quotation_mark(tmp_path):
    path = _table(tmp_path, text='source\ttarget\n"Kami pergi," kata dia.\t"We went," he said.\nSatu.\t"One".\n')
    table = load_table(path)
    assert table["source"].tolist() == ['"Kami pergi," kata dia.', "Satu."]
    assert table["target"].tolist() == ['"We went," he said.', '"One".']


def test_a_quoted_tsv_is_still_read_with_csv_quoting(tmp_path):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", quoting=csv.QUOTE_ALL)
    writer.writerows([["source", "target"], ['Dia berkata "ya".', 'He said\t"yes".'], ["Dua.", "Two."]])
    table = load_table(_table(tmp_path, text=buffer.getvalue()))
    assert table["source"].tolist() == ['Dia berkata "ya".', "Dua."]
    assert table["target"].tolist() == ['He said "yes".', "Two."]  # the tab inside the cell is whitespace


# ----------------------------------------------------------------------------- language codes


@pytest.mark.parametrize(
    "given, code", [("EN", "en"), ("en-US", "en"), ("eng", "en"), ("zh-Hans", "zh"), ("zh_CN", "zh"), ("fre", "fr")]
)
def test_language_codes_are_normalised(given, code):
    assert normalise(given) == code


@pytest.mark.parametrize("option", ["--target-lang", "--source-lang"])
@pytest.mark.parametrize("code", ["xx", "english", "e", ""])
def test_an_unknown_language_code_is_one_line_listing_the_supported_ones(tmp_path, capsys, no_scoring, option, code):
    error = _error(capsys, "score", _table(tmp_path), option, code)
    assert f"unknown language code {code!r}" in error and "supported: af, ar," in error and ", zh)" in error


def test_language_codes_in_tables_and_file_names_are_normalised(tmp_path, capsys):
    path = _table(tmp_path, text="source\ttarget\ttarget_lang\nSatu.\tOne.\tEN-gb\nDua.\t二。\tzh-Hans\n")
    assert load_table(path)["target_lang"].tolist() == ["en", "zh"]
    bad = _table(tmp_path, "bad.tsv", "source\ttarget\ttarget_lang\nSatu.\tOne.\ten\nDua.\tTwo.\tEnglish\n")
    assert "bad.tsv: data row 2: target_lang: unknown language code 'English'" in _error(capsys, "score", bad)

    from mtaudit.input.articles import find_articles, language_of

    assert language_of(Path("x.en-US.txt")) == "en" and language_of(Path("notes.old.txt")) is None
    for name in ("a.id.txt", "a.en-US.txt", "notes.old.txt"):
        (tmp_path / name).write_text("Satu.")
    articles, unpaired = find_articles(tmp_path, "id", None)
    assert [(a.doc, list(a.editions)) for a in articles] == [("a", ["en"])] and unpaired == []


# ----------------------------------------------------------------------------- determinism


def test_published_floats_are_rounded_so_tiny_differences_vanish(one_pair_audit):
    from mtaudit.report.columns import PUBLISHED_DIGITS, ordered

    audit = one_pair_audit
    assert ordered(audit.pairs)["risk"].tolist() == [round(0.1234567891, PUBLISHED_DIGITS)]
    nudged = audit.pairs.assign(risk=audit.pairs["risk"] + 1e-9)
    assert ordered(nudged).equals(ordered(audit.pairs))


@pytest.mark.model
def test_reports_are_byte_identical_with_the_cache_on_and_off_and_in_any_chunk_size(tmp_path, monkeypatch, encoder):
    """A table large enough to be checked in several chunks, cold, from the cache, and in
    one chunk: the same bytes."""
    from mtaudit.cache import Cache
    from mtaudit.checks import runner
    from mtaudit.input.articles import article_sentences
    from mtaudit.model.encoder import Encoder

    sources = article_sentences((CORPORA / "harga-beras.id.txt").read_text(), "id")
    targets = article_sentences((CORPORA / "harga-beras.en.txt").read_text(), "en")
    rows = list(zip(sources, targets, strict=False)) * 3
    table = _table(tmp_path, text="source\ttarget\n" + "".join(f"{s}\t{t}\n" for s, t in rows))
    cache = Cache(tmp_path / "results.sqlite")
    outputs = []
    for run, (use_cache, chunk) in enumerate([(False, 7), (True, 7), (True, 1000), (False, 1000)]):
        fresh = Encoder(cache=cache if use_cache else Cache(None))
        fresh._model = encoder.model
        monkeypatch.setattr("mtaudit.model.encoder.Encoder", lambda *a, fresh=fresh, **k: fresh)
        monkeypatch.setattr(runner, "CHUNK_PAIRS", chunk)
        csv_path, json_path = tmp_path / f"{run}.csv", tmp_path / f"{run}.json"
        assert main(["score", str(table), "--quiet", "--csv", str(csv_path), "--json", str(json_path)]) in (0, 1)
        outputs.append((csv_path.read_bytes(), json_path.read_bytes()))
    assert all(output == outputs[0] for output in outputs)
    assert len(json.loads(outputs[0][1])["pairs"]) == len(rows)


# ----------------------------------------------------------------------------- the verdict and small things


@pytest.mark.model
def test_flags_that_do_not_fail_the_run_are_never_called_fail(capsys, shared_model):
    args = ["score", str(CORPORA / "harga-beras.id.txt"), str(CORPORA / "harga-beras.en.txt"), "--quiet"]
    assert main([*args, "--fail-on", "never"]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out and out.startswith("PASS (--fail-on never: the flagged pairs are for review, none fails")
    assert main(args) == 1 and capsys.readouterr().out.startswith("FAIL: ")


@pytest.mark.model
def test_only_flagged_keeps_the_editions_full_counts(capsys, shared_model):
    args = ["score", str(CORPORA / "harga-beras.id.txt"), str(CORPORA / "harga-beras.en.txt")]
    main(args)
    everything = capsys.readouterr().out
    main([*args, "--only-flagged"])
    flagged_only = capsys.readouterr().out
    caption = next(line.strip() for line in everything.splitlines() if "pairs," in line and "flagged" in line)
    assert caption in flagged_only


def test_the_verdict_line_never_wraps_and_titles_stay_on_one_line(one_pair_audit):
    from mtaudit.report import terminal

    audit = one_pair_audit
    audit.model = "a-model-with-a-very-long-name-" * 4
    audit.pairs["doc"] = "two\nlines"
    buffer = io.StringIO()
    console = Console(file=buffer, width=80, force_terminal=False)
    terminal.show(audit, console)
    lines = buffer.getvalue().splitlines()
    assert sum(line.startswith("PASS: ") for line in lines) == 1 and len(lines[-1]) > 80
    assert not any(line.strip() == "lines (en): 1 pairs, 0 flagged, 0 omissions, 0 additions" for line in lines)
    assert any("two\u240alines (en)" in line for line in lines)


def test_version_and_help_text(capsys):
    from mtaudit import __version__

    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.strip() == f"mtaudit {__version__}"
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    help_text = capsys.readouterr().out
    assert "95%" in help_text and "95%%" not in help_text


def test_a_tsv_quoted_only_where_a_cell_holds_a_tab_or_line_break_is_read_quoted(tmp_path):
    """pandas and Excel quote only the cells that need it; here the quoted reading and the
    plain one both give every row two fields, and only the quoted one is right."""
    import pandas as pd

    from mtaudit.errors import InputWarning

    path = tmp_path / "t.tsv"
    pd.DataFrame({"source": ["0\t\n"], "target": [""]}).to_csv(path, sep="\t", index=False)
    with pytest.warns(InputWarning, match="empty source or target"):  # the row is an omission
        table = load_table(path)
    assert table["source"].tolist() == ["0"]  # whitespace in a cell is normalised
