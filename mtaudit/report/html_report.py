"""The editor's review page: one self-contained HTML file.

Per article, each edition's verdict first; then source and translation side by side,
sentence by sentence in reading order, pairs coloured by severity, the words a finding
points at highlighted in both texts with the reason on hover and on keyboard focus, a
switch that shows only the problems, and one that puts the riskiest pairs first (``?order=risk``
in the address opens the page that way). The second is for machine translation the gate
lets through: there the risk still ranks real errors above correct pairs, so the top of each
edition is where an editor's minutes go furthest. Omitted sentences and additions show as gaps.

Safe to open whatever the input held: every piece of input text is escaped (control
characters and bidirectional overrides shown as visible stand-ins first), each text
cell lays itself out by its own direction (``dir="auto"``, so Arabic reads right to left),
and a Content-Security-Policy allows nothing but this file's own style and script (by
their hashes): no fonts, images, frames or requests from anywhere.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from html import escape

import pandas as pd

from mtaudit import __version__
from mtaudit.pipeline import Audit
from mtaudit.report.printable import printable
from mtaudit.report.summary import summary_line
from mtaudit.severity import CRITICAL, MAJOR, MINOR, NONE

STYLE = """
:root{--critical:#b3261e;--major:#c4540a;--minor:#8a6d00;--ok:#2e7d32;--line:#ddd;font-family:system-ui,sans-serif}
body{margin:0 auto;max-width:80rem;padding:1rem;line-height:1.45;color:#1b1b1b}
h1{font-size:1.4rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid var(--line)}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
.verdicts{border-collapse:collapse;margin:.5rem 0}.verdicts td,.verdicts th{padding:.2rem .6rem;text-align:left}
.v-fail{color:var(--critical);font-weight:700}.v-review{color:var(--minor);font-weight:700}.v-pass{color:var(--ok)}
.pairs{width:100%;border-collapse:collapse;table-layout:fixed}
.pairs td,.pairs th{border-top:1px solid var(--line);padding:.35rem .5rem;vertical-align:top;overflow-wrap:anywhere}
.pairs th{text-align:left;font-weight:600}.pairs .n{width:2.5rem;color:#666}.pairs .why{width:24%}
.pairs .risk{width:3.2rem;color:#666;font-variant-numeric:tabular-nums}
tr.critical{background:#fdecea}tr.major{background:#fff1e6}tr.minor{background:#fffbe6}
tr.critical .n{border-left:4px solid var(--critical)}tr.major .n{border-left:4px solid var(--major)}
tr.minor .n{border-left:4px solid var(--minor)}
.gap{color:#777;font-style:italic}
mark{background:#ffd54f;border-bottom:2px solid var(--critical);position:relative;cursor:help}
mark:focus{outline:2px solid #1a73e8}
mark:hover::after,mark:focus::after{content:attr(data-reason);position:absolute;left:0;top:1.6em;z-index:2;
 width:min(22rem,80vw);background:#222;color:#fff;padding:.4rem .5rem;border-radius:4px;font-size:.85rem;
 white-space:normal}
body.problems-only tr.clean{display:none}
.filter{position:sticky;top:0;background:#fff;padding:.4rem 0;border-bottom:1px solid var(--line)}
.filter label{margin-right:1.5rem}
@media (max-width:40rem){.pairs .why,.pairs .risk{display:none}.pairs .n{width:1.8rem}}
"""

SCRIPT = """
document.getElementById('only-problems').addEventListener('change', function (event) {
  document.body.classList.toggle('problems-only', event.target.checked);
});
function orderRows(byRisk) {
  document.querySelectorAll('table.pairs tbody').forEach(function (body) {
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var inReading = a.dataset.order - b.dataset.order;
      return byRisk ? (b.dataset.risk - a.dataset.risk) || inReading : inReading;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
  document.body.dataset.order = byRisk ? 'risk' : 'reading';
}
var riskFirst = document.getElementById('risk-first');
riskFirst.addEventListener('change', function (event) { orderRows(event.target.checked); });
if (new URLSearchParams(location.search).get('order') === 'risk') {
  riskFirst.checked = true;
  orderRows(true);
}
document.body.dataset.ready = 'yes';
"""

SEVERITY_LABEL = {CRITICAL: "critical", MAJOR: "major", MINOR: "minor"}


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy() -> str:
    """Nothing may load from anywhere; only this page's own style and script run."""
    return (
        f"default-src 'none'; style-src {_hash(STYLE)}; script-src {_hash(SCRIPT)}; "
        "img-src 'none'; form-action 'none'; base-uri 'none'"
    )


def pieces(audit: Audit) -> Iterator[bytes]:
    """The page, one article at a time (a month of articles is never held whole as text)."""
    yield _head(audit).encode("utf-8", "backslashreplace")
    verdicts = {(v.doc, v.target_lang): v for v in audit.verdicts}
    for doc, article in audit.pairs.groupby("doc", sort=False):
        yield _article(str(doc), article, verdicts, audit).encode("utf-8", "backslashreplace")
    yield f"<script>{SCRIPT}</script>\n</body>\n</html>\n".encode()


def _head(audit: Audit) -> str:
    title = "mtaudit review: " + ("FAIL" if audit.failed else "PASS")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n<p>{escape(summary_line(audit.pairs))}. The gate fails on "
        f"<b>{escape(audit.options.fail_on)}</b>; threshold {audit.options.threshold:g}; model "
        f"{escape(audit.model)}; mtaudit {escape(__version__)}.</p>\n"
        '<div class="filter"><label><input type="checkbox" id="only-problems"> show only problems</label>'
        '<label><input type="checkbox" id="risk-first"> riskiest first</label></div>\n'
    )


def _article(doc: str, article: pd.DataFrame, verdicts: dict, audit: Audit) -> str:
    parts = [f'<section class="article">\n<h2 dir="auto">{_safe(doc)}</h2>\n<table class="verdicts">']
    parts.append("<tr><th>edition</th><th>verdict</th><th>worst findings</th></tr>")
    editions = list(article.groupby("target_lang", sort=False))
    for lang, _ in editions:
        verdict = verdicts.get((doc, lang))
        if verdict:
            parts.append(
                f'<tr><td><a href="#{_anchor(doc, lang)}">{escape(str(lang))}</a></td>'
                f'<td class="v-{escape(verdict.verdict)}">{escape(verdict.verdict.upper())}</td>'
                f'<td dir="auto">{_safe(verdict.reason)}</td></tr>'
            )
    parts.append("</table>")
    for lang, edition in editions:
        parts.append(_edition(doc, str(lang), edition, audit))
    parts.append("</section>\n")
    return "\n".join(parts)


def _anchor(doc: str, lang: str) -> str:
    return "e-" + hashlib.sha1(f"{doc}\0{lang}".encode("utf-8", "backslashreplace")).hexdigest()[:12]


def _edition(doc: str, lang: str, edition: pd.DataFrame, audit: Audit) -> str:
    rows = [
        f'<h3 id="{_anchor(doc, lang)}" dir="auto">{_safe(doc)} ({escape(lang)})</h3>',
        (
            '<table class="pairs"><thead><tr><th class="n">#</th><th class="risk">risk</th><th>source</th>'
            "<th>translation</th>"
            '<th class="why">why</th></tr></thead><tbody>'
        ),
    ]
    for order, row in enumerate(edition.itertuples(index=False)):
        severity = getattr(row, "severity", NONE) if row.flagged else NONE
        css = SEVERITY_LABEL.get(severity, "clean") if row.flagged else "clean"
        spans = getattr(row, "spans", None) or []
        reason = row.reasons or ""
        why = f"<b>{escape(severity)}</b> · {_safe(reason)}" if row.flagged else _safe(reason)
        rows.append(
            f'<tr class="{css}" data-order="{order}" data-risk="{row.risk:.4f}"><td class="n">{int(row.index)}</td>'
            f'<td class="risk">{row.risk:.2f}</td>'
            f"<td>{_text(row.source, spans, 'source', reason, 'omitted: no source sentence')}</td>"
            f"<td>{_text(row.target, spans, 'target', reason, 'omitted from the translation')}</td>"
            f'<td class="why" dir="auto">{why}</td></tr>'
        )
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _safe(text: str) -> str:
    """Input text for the page: controls and bidi overrides made visible (one character for
    one, so spans keep their offsets), then escaped."""
    return escape(printable(str(text)))


def _text(text: str, spans: list, side: str, reason: str, gap: str) -> str:
    """A sentence, escaped, with the characters the findings point at marked; a gap when empty."""
    if not text:
        return f'<span class="gap">— {escape(gap)} —</span>'
    text = printable(text)
    marks = sorted({(start, end) for _check, span_side, start, end in spans if span_side == side})
    out, position = [], 0
    for start, end in marks:
        if start < position or end <= start:
            continue  # overlapping spans: the first one wins
        out.append(escape(text[position:start]))
        out.append(f'<mark tabindex="0" data-reason="{_safe(reason)}">{escape(text[start:end])}</mark>')
        position = end
    out.append(escape(text[position:]))
    return f'<div dir="auto">{"".join(out)}</div>'
