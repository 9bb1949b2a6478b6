"""Reports in the forms CI systems read natively.

- GitHub Actions workflow commands: one ``::error`` per pair that fails the gate and one
  ``::warning`` per flagged pair below it, at the translation's file and line (the source's
  for an omitted sentence), so the pull request shows them on the article's line;
- a Markdown summary (verdict per edition, the worst pairs) for ``$GITHUB_STEP_SUMMARY`` or a
  pull-request comment;
- JUnit XML, one test case per article edition, which GitLab, Jenkins and Azure DevOps show.

Input text reaches each format escaped by that format's own rules.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pandas as pd

from mtaudit.pairs import OMISSION
from mtaudit.pipeline import Audit
from mtaudit.report.printable import printable
from mtaudit.report.summary import summary_line
from mtaudit.severity import FAIL, failing_pairs, worst_first

WORST_PAIRS_SHOWN = 10
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# ----------------------------------------------------------------------------- GitHub workflow commands


def escape_data(text: str) -> str:
    """A workflow command's message (GitHub's escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (GitHub's escapeProperty)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotations(audit: Audit) -> Iterator[str]:
    """``::error`` for each pair that fails the gate, ``::warning`` for each flagged pair
    below it, and an ``::error`` for each edition that is not a translation of its source."""
    pairs = audit.pairs
    failing = failing_pairs(pairs, audit.options.fail_on)
    for index, row in pairs[pairs["flagged"] | failing].iterrows():
        command = "error" if failing[index] else "warning"
        file, line = location(row)
        title = f"mtaudit: {row.get('severity', '') or 'flagged'} {row.get('category', '') or ''}".strip()
        message = f"{row['doc']} ({row['target_lang']}) #{row['index']}: {row['reasons'] or 'flagged'}"
        yield _command(command, file, line, title, message)
    for doc, lang in audit.not_translations:
        edition = pairs[(pairs["doc"] == doc) & (pairs["target_lang"] == lang)]
        file, _ = location(edition.iloc[0])
        yield _command(
            "error", file, 1, "mtaudit: not a translation", f"{doc} ({lang}): not a translation of its source"
        )


def _command(command: str, file: str, line: int | None, title: str, message: str) -> str:
    properties = [f"file={escape_property(file)}"] if file else []
    if file and line:
        properties.append(f"line={int(line)}")
    properties.append(f"title={escape_property(title)}")
    return f"::{command} {','.join(properties)}::{escape_data(message)}"


def location(row) -> tuple[str, int | None]:
    """The file and line an editor fixes: the translation's, or the source's for an omission."""
    side = "source" if row.get("alignment") == OMISSION else "target"
    file = row.get(f"{side}_file") or ""
    line = row.get(f"{side}_line")
    return str(file), int(line) if line is not None and not pd.isna(line) else None


# ----------------------------------------------------------------------------- Markdown


def markdown_cell(text) -> str:
    """Text for a Markdown table cell: no HTML (GitHub renders it), no table breaks, one line,
    controls and bidi overrides shown as visible stand-ins."""
    text = printable(str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = re.sub(r"[\r\n\t]+", " ", text)
    return re.sub(r"([\\|`*_\[\]])", r"\\\1", text)


def markdown_bytes(audit: Audit) -> bytes:
    """The Markdown summary as the ``--markdown`` file."""
    return markdown_summary(audit).encode("utf-8")


def markdown_summary(audit: Audit) -> str:
    verdict = "FAIL" if audit.failed else "PASS"
    lines = [
        f"## mtaudit: {verdict}",
        "",
        f"{markdown_cell(summary_line(audit.pairs))}; the gate fails on **{audit.options.fail_on}**.",
        "",
        "| verdict | article | edition | flagged | worst findings |",
        "|---|---|---|---|---|",
    ]
    flagged_counts = audit.pairs.groupby(["doc", "target_lang"], sort=False)["flagged"].agg(["sum", "size"])
    for v in audit.verdicts:
        count = flagged_counts.loc[(v.doc, v.target_lang)]
        mark = {FAIL: "❌ fail"}.get(v.verdict, "⚠️ review" if v.verdict == "review" else "✅ pass")
        lines.append(
            f"| {mark} | {markdown_cell(v.doc)} | {markdown_cell(v.target_lang)} | "
            f"{int(count['sum'])}/{int(count['size'])} | {markdown_cell(v.reason)} |"
        )
    worst = worst_first(audit.pairs).head(WORST_PAIRS_SHOWN)
    if len(worst):
        lines += ["", "### Worst pairs", "", "| severity | where | translation | reason |", "|---|---|---|---|"]
        for _, row in worst.iterrows():
            file, line = location(row)
            where = f"{row['doc']} ({row['target_lang']}) #{row['index']}" + (
                f", {file}:{line}" if file and line else ""
            )
            lines.append(
                f"| {markdown_cell(row['severity'])} | {markdown_cell(where)} | "
                f"{markdown_cell(row['target'] or '(omitted)')} | {markdown_cell(row['reasons'])} |"
            )
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- JUnit


def _xml_text(text) -> str:
    return _XML_INVALID.sub("\ufffd", str(text))


def junit_xml(audit: Audit) -> bytes:
    """One test suite, one test case per article edition; an edition that fails the gate is
    a failure listing its pairs and reasons, one below it passes with its findings as output."""
    failing = failing_pairs(audit.pairs, audit.options.fail_on)
    verdicts = audit.verdicts
    failures = sum(v.verdict == FAIL for v in verdicts)
    suites = ET.Element("testsuites", name="mtaudit", tests=str(len(verdicts)), failures=str(failures), errors="0")
    suite = ET.SubElement(
        suites, "testsuite", name="mtaudit", tests=str(len(verdicts)), failures=str(failures), errors="0", skipped="0"
    )
    editions = dict(iter(audit.pairs.groupby(["doc", "target_lang"], sort=False)))
    for v in verdicts:
        edition = editions[(v.doc, v.target_lang)]
        case = ET.SubElement(
            suite, "testcase", classname=_xml_text(v.doc), name=_xml_text(f"{v.doc} ({v.target_lang})")
        )
        file, _ = location(edition.iloc[0])
        if file:
            case.set("file", _xml_text(file))
        details = "\n".join(
            f"#{row['index']} [{row.get('severity', '')}] {':'.join(map(str, location(row)))} {row['reasons']}"
            for index, row in edition[edition["flagged"] | failing[edition.index]].iterrows()
        )
        if v.verdict == FAIL:
            failure = ET.SubElement(case, "failure", message=_xml_text(v.reason), type="mtaudit")
            failure.text = _xml_text(details)
        elif details:
            ET.SubElement(case, "system-out").text = _xml_text(details)
    ET.indent(suites)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True) + b"\n"
