"""Where editors and CI already look (issue 16): the HTML review page, GitHub workflow
commands, JUnit XML, the Markdown summary, each sentence's file and line, and the commit
hook's way in (``--articles``). Each format is read back by its consumer's rules."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mtaudit.cli import main
from mtaudit.input.articles import starting_lines
from mtaudit.input.tables import load_table
from mtaudit.report import ci

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "corpora"
# A workflow command as GitHub's runner parses it: ::name key=value,key=value::message, where
# escaped values hold no raw comma, colon, CR or LF and the message no CR or LF.
WORKFLOW_COMMAND = re.compile(r"^::(error|warning) (file=[^,:\r\n]*,)?(line=\d+,)?title=[^,:\r\n]*::[^\r\n]*$")
HOSTILE = '<script>alert(1)</script> <img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a> \u202etxt.exe'


@pytest.fixture
def shared_model(monkeypatch, encoder):
    monkeypatch.setattr("mtaudit.model.encoder.Encoder", lambda *a, **k: encoder)


@pytest.fixture(scope="module")
def corpus_reports(tmp_path_factory, encoder):
    """The sample corpus audited once, with every CI output."""
    import mtaudit.model.encoder

    folder = tmp_path_factory.mktemp("reports")
    original, mtaudit.model.encoder.Encoder = mtaudit.model.encoder.Encoder, lambda *a, **k: encoder
    try:
        args = ["score", str(CORPORA), "--quiet", "--annotations", "github", "--save", "--out-dir", str(folder)]
        args += ["--junit", str(folder / "j.xml"), "--markdown", str(folder / "m.md")]
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(args)
    finally:
        mtaudit.model.encoder.Encoder = original
    return code, out.getvalue(), folder


@pytest.mark.model
def test_every_failing_pair_gets_a_workflow_command_at_its_file_and_line(corpus_reports):
    code, out, _ = corpus_reports
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert code == 1 and commands and all(WORKFLOW_COMMAND.match(c) for c in commands)
    errors = [c for c in commands if c.startswith("::error")]
    assert len(errors) == 8 and sum(c.startswith("::warning") for c in commands) == 1  # the repeated "the"
    expected = {
        # 30 minutes printed as 50: the translation's line 9
        "::error file=" + str(CORPORA / "tol-semarang.en.txt") + ",line=9,": "#8: Numbers disagree",
        # an omitted sentence points at the source's line
        "::error file=" + str(CORPORA / "banjir-pekalongan.id.txt") + ",line=5,": "#5: Omitted",
        "::error file=" + str(CORPORA / "harga-beras.zh.txt") + ",line=11,": "#10: Numbers disagree",
        # an Indonesian word left in the English edition: a major finding of its own
        "::error file=" + str(CORPORA / "harga-beras.en.txt") + ",line=": "Untranslated source words: 'pembeli'",
    }
    for start, message in expected.items():
        assert any(c.startswith(start) and message in c for c in errors), start
    lines = (CORPORA / "tol-semarang.en.txt").read_text(encoding="utf-8").splitlines()
    assert "50 minutes" in lines[9 - 1]


def test_workflow_commands_escape_hostile_text():
    command = ci._command("error", "dir,a:b/x.en.txt", 3, "mtaudit: critical, number", "50%\r\nof ::error::x")
    assert WORKFLOW_COMMAND.match(command)
    assert (
        command
        == "::error file=dir%2Ca%3Ab/x.en.txt,line=3,title=mtaudit%3A critical%2C number::50%25%0D%0Aof ::error::x"
    )


@pytest.mark.model
def test_junit_has_one_case_per_edition_and_a_failure_per_failing_edition(corpus_reports):
    _, _, folder = corpus_reports
    root = ET.parse(folder / "j.xml").getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1 and {"name", "tests", "failures"} <= set(suites[0].attrib)
    cases = suites[0].findall("testcase")
    assert all({"name", "classname"} <= set(c.attrib) for c in cases)
    assert [c.get("name") for c in cases] == [
        "banjir-pekalongan (en)",
        "harga-beras (en)",
        "harga-beras (fr)",
        "harga-beras (zh)",
        "tol-semarang (en)",
    ]
    failures = [c.find("failure") for c in cases]
    assert all(f is not None and f.get("message") for f in failures) and suites[0].get("failures") == "5"
    assert "Numbers disagree" in failures[-1].text


def test_junit_and_markdown_keep_hostile_text_as_text(one_pair_audit):
    audit = one_pair_audit
    audit.pairs.loc[0, ["doc", "target", "reasons", "flagged", "severity", "category"]] = [
        "d|oc\x01",
        HOSTILE,
        "bad | row\nsecond ]]> line",
        True,
        "major",
        "mistranslation",
    ]
    root = ET.fromstring(ci.junit_xml(audit))
    case = root.find("testsuite/testcase")
    assert case.get("classname") == "d|oc\ufffd" and "]]> line" in case.find("failure").text
    summary = ci.markdown_summary(audit)
    assert "<script>" not in summary and "&lt;script&gt;" in summary
    verdict_row, worst_row = [line for line in summary.splitlines() if line.startswith("| ") and "d\\|oc" in line]
    cells = re.compile(r"(?<!\\)\|")  # an unescaped pipe ends a cell
    assert len(cells.findall(verdict_row)) == 6 and len(cells.findall(worst_row)) == 5
    assert "\x01" not in summary and "\u202e" not in summary


def test_html_escapes_every_input_text_and_forbids_anything_external(one_pair_audit):
    from mtaudit.report import html_report

    audit = one_pair_audit
    audit.pairs.loc[0, ["doc", "source", "target", "reasons", "flagged", "severity"]] = [
        HOSTILE,
        HOSTILE,
        HOSTILE,
        HOSTILE,
        True,
        "critical",
    ]
    audit.pairs["spans"] = [[("names", "target", 0, 8)]]
    page = b"".join(html_report.pieces(audit)).decode("utf-8")
    assert page.count("<script") == 1 and "onerror=" not in page.replace("onerror=&quot;", "")
    assert 'href="javascript' not in page and "\u202e" not in page
    assert "default-src 'none'" in page and "script-src 'sha256-" in page and "unsafe-inline" not in page
    assert '<mark tabindex="0"' in page and 'dir="auto"' in page


def _chromium() -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium); the browser test is skipped")
    return browser


def _risks_by_table(dom: str) -> list[list[float]]:
    """Each edition table's pair risks, in the order the rows stand."""
    return [
        [float(risk) for risk in re.findall(r'<tr class="[a-z]+" data-order="\d+" data-risk="([\d.]+)"', body)]
        for body in re.findall(r"<tbody>(.*?)</tbody>", dom, re.DOTALL)
    ]


def _render(browser: str, page: Path, profile: Path, *options: str, query: str = "") -> subprocess.CompletedProcess:
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
    ]
    return subprocess.run(
        [browser, *flags, *options, page.as_uri() + query], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.model
def test_the_review_page_renders_in_chromium_with_its_script_and_inert_input(corpus_reports, tmp_path, encoder):
    browser = _chromium()
    _, _, folder = corpus_reports
    page = folder / "corpora.mtaudit.html"
    dom = _render(browser, page, tmp_path / "profile", "--dump-dom").stdout
    assert 'data-ready="yes"' in dom, "the page's own script ran under its Content-Security-Policy"
    assert dom.count('class="critical"') == 5 and "omitted from the translation" in dom
    assert "harga-beras (zh)" in dom and "经济学家预计本月食品通胀率将达到<mark" in dom  # 8.5 is highlighted
    shot = _render(
        browser, page, tmp_path / "profile2", "--window-size=1280,1600", f"--screenshot={tmp_path / 'p.png'}"
    )
    assert shot.returncode == 0 and (tmp_path / "p.png").stat().st_size > 10_000
    reading = _risks_by_table(dom)
    assert any(risks != sorted(risks, reverse=True) for risks in reading), "reading order is not risk order"
    ranked = _render(browser, page, tmp_path / "profile4", "--dump-dom", query="?order=risk").stdout
    assert 'data-order="risk"' in ranked, "?order=risk opens the page with the riskiest pairs first"
    ranked_risks = _risks_by_table(ranked)
    assert ranked_risks == [sorted(risks, reverse=True) for risks in reading]

    hostile = tmp_path / "hostile.tsv"  # a table: an article with tags would be read as HTML and stripped
    hostile.write_text(f"source\ttarget\nHarga beras naik. {HOSTILE}\tRice prices rose. {HOSTILE}\n", encoding="utf-8")
    import mtaudit.model.encoder

    original, mtaudit.model.encoder.Encoder = mtaudit.model.encoder.Encoder, lambda *a, **k: encoder
    try:
        main(["score", str(hostile), "--quiet", "--html", str(tmp_path / "h.html")])
    finally:
        mtaudit.model.encoder.Encoder = original
    dom = _render(browser, tmp_path / "h.html", tmp_path / "profile3", "--dump-dom").stdout
    elements = _elements(dom)
    assert 'data-ready="yes"' in dom and [tag for tag, _ in elements].count("script") == 1
    links = [dict(attrs).get("href", "") for tag, attrs in elements if tag == "a"]
    assert links and all(link.startswith("#") for link in links), "only the page's own edition links"
    assert not any(tag in ("img", "iframe", "object", "embed") for tag, _ in elements)
    assert not any(name.startswith("on") for _, attrs in elements for name, _ in attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom and "\u202e" not in dom


def _elements(html: str) -> list[tuple[str, list]]:
    """Every element of a page with its attributes, as a browser's parser sees the markup."""
    from html.parser import HTMLParser

    found: list[tuple[str, list]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, attrs))

    Collector().feed(html)
    return found


# ----------------------------------------------------------------------------- where sentences come from


def test_each_sentence_knows_the_line_it_starts_on():
    text = "Judul Berita\n\nKalimat satu. Kalimat\ndua berlanjut.\n\n- butir daftar\n"
    assert starting_lines(text, ["Judul Berita", "Kalimat satu.", "Kalimat dua berlanjut.", "butir daftar"]) == [
        1,
        3,
        3,
        6,
    ]


def test_table_rows_know_their_line_even_across_quoted_line_breaks(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('source,target\n"Satu\nbaris.",One line.\n\nDua.,Two.\n', encoding="utf-8")
    table = load_table(path)
    assert table["source_line"].tolist() == [2, 5] and table["target_file"].tolist() == [str(path)] * 2


@pytest.mark.model
def test_a_commit_hook_audits_the_articles_its_changed_files_belong_to(tmp_path, capsys, shared_model):
    for name in ("harga-beras.id.txt", "harga-beras.en.txt", "harga-beras.zh.txt", "tol-semarang.id.txt"):
        shutil.copy(CORPORA / name, tmp_path / name)
    (tmp_path / "notes.txt").write_text("not an article", encoding="utf-8")
    report = tmp_path / "out" / "r.json"
    assert main(["score", "--articles", str(tmp_path / "harga-beras.zh.txt"), "--quiet", "--json", str(report)]) == 1
    import json

    document = json.loads(report.read_text(encoding="utf-8"))
    assert {(v["doc"], v["target_lang"]) for v in document["verdicts"]} == {
        ("harga-beras", "en"),
        ("harga-beras", "zh"),
    }
    capsys.readouterr()
    assert main(["score", "--articles", str(tmp_path / "notes.txt"), str(tmp_path / "tol-semarang.id.txt")]) == 0
    assert capsys.readouterr().out.startswith("PASS: nothing to audit")


def test_the_pre_commit_hook_names_article_files_and_a_command_mtaudit_accepts():
    import shlex

    import yaml

    from mtaudit.cli import build_parser

    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    files = re.compile(hook["files"])
    assert all(files.search(p.name) for p in CORPORA.glob("*.txt"))
    assert files.search("x.en-US.md") and files.search("x.en.ref.txt") and not files.search("notes.txt")
    command = shlex.split(hook["entry"])
    assert command[0] == "mtaudit" and hook["pass_filenames"] and hook["language"] == "system"
    args = build_parser().parse_args([*command[1:], "a.id.txt", "a.en.txt", "b.zh.txt"])
    assert args.articles and len(args.inputs) == 3


@pytest.mark.model
def test_a_report_format_is_one_entry_in_the_registry(tmp_path, monkeypatch, shared_model):
    """A format listed in report/formats.py gets its --<name> option and its file, and --save
    writes it when marked saved, with no other change: here a second Markdown writer."""
    from mtaudit.cli import score
    from mtaudit.report.formats import FORMATS, ReportFormat

    extra = ReportFormat("summary", "write a summary here", "mtaudit.report.ci:markdown_bytes", saved=True)
    monkeypatch.setattr(score, "FORMATS", (*FORMATS, extra))
    article = [str(CORPORA / "harga-beras.id.txt"), str(CORPORA / "harga-beras.en.txt")]
    main(["score", *article, "--quiet", "--summary", str(tmp_path / "one.md")])
    main(["score", *article, "--quiet", "--save", "--out-dir", str(tmp_path)])
    assert (tmp_path / "one.md").read_text(encoding="utf-8").startswith("## mtaudit:")
    assert (tmp_path / "harga-beras.en.mtaudit.summary").read_bytes() == (tmp_path / "one.md").read_bytes()
