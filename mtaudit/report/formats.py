"""The report files `mtaudit score` can write, one entry per format.

Every format is a function of one signature: the audit in, bytes or an iterable of byte
pieces out (large tables are written in pieces, never held twice in memory). Adding a
format is adding a module with that function and one line here: the command line gets its
``--<name> PATH`` option from this list, and ``--save`` writes the formats marked saved.
The renderers are imported only when a report is written, so parsing options stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from mtaudit.files import Content


@dataclass(frozen=True)
class ReportFormat:
    name: str  # the option (--csv) and the suffix of the files --save writes
    help: str
    renderer: str  # "module:function"
    saved: bool = False  # also written by --save

    def render(self, audit) -> Content:
        module, _, function = self.renderer.partition(":")
        return getattr(import_module(module), function)(audit)


FORMATS = (
    ReportFormat("csv", "write the CSV report here", "mtaudit.report.csv_report:pieces", saved=True),
    ReportFormat("json", "write the JSON report here", "mtaudit.report.json_report:pieces", saved=True),
    ReportFormat(
        "html", "write the editor's review page (one HTML file) here", "mtaudit.report.html_report:pieces", saved=True
    ),
    ReportFormat(
        "junit", "write JUnit XML here: one test case per article edition (CI)", "mtaudit.report.ci:junit_xml"
    ),
    ReportFormat(
        "markdown", "write a Markdown summary here (for a pull-request comment)", "mtaudit.report.ci:markdown_bytes"
    ),
)
