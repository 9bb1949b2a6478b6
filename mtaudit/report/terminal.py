"""The per-article risk table in the terminal (rich).

All text from the input is passed to rich as ``Text`` objects, never as markup, so a
sentence containing "[bold]" is shown as written, and goes through ``safe`` first, so
control characters are shown as visible stand-ins instead of reaching the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mtaudit.pipeline import Audit
from mtaudit.report.printable import printable, printable_line
from mtaudit.report.summary import summary_line, verdict_lines
from mtaudit.severity import FAIL, PASS, REVIEW

CAUTION = 0.3
UNRELATED_DETAIL = (
    "its sentences match the source no better than unrelated sentences do; check that the right article was "
    "paired; sentence flags withdrawn"
)


def _risk_cell(risk: float, threshold: float) -> Text:
    style = "bold red" if risk >= threshold else "yellow" if risk >= CAUTION else "green"
    return Text(f"{risk:.2f}", style=style)


SPAN_STYLE = "bold underline magenta"


def safe(text: str, style: str = "") -> Text:
    """Input text as a rich ``Text``: never read as markup, controls made visible."""
    return Text(printable(str(text)), style=style)


def safe_line(text: str, style: str = "") -> Text:
    """Like ``safe``, for text that must stay on one line (a title, a file name): line
    breaks and tabs in it are shown as their control pictures too."""
    return Text(printable_line(str(text)), style=style)


def _highlighted(text: str, spans: list, side: str) -> Text:
    """The sentence with the characters a check points at highlighted."""
    cell = safe(text or "—")
    for _check, span_side, start, end in spans:
        if span_side == side and text:
            cell.stylize(SPAN_STYLE, start, end)
    return cell


def _table(doc: str, pairs, edition, threshold: float) -> Table:
    """The pairs shown (all, or only the flagged ones) under a caption that counts the whole edition."""
    table = Table(title=safe_line(doc, style="bold"), caption=summary_line(edition), show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("risk", justify="right", no_wrap=True)
    table.add_column("source", ratio=3, overflow="fold")  # Chinese and Japanese have no spaces to wrap at
    table.add_column("target", ratio=3, overflow="fold")  # Chinese and Japanese have no spaces to wrap at
    table.add_column("reasons", ratio=3)
    for row in pairs.itertuples():
        spans = getattr(row, "spans", None) or []
        table.add_row(
            str(row.index),
            _risk_cell(row.risk, threshold),
            _highlighted(row.source, spans, "source"),
            _highlighted(row.target, spans, "target"),
            safe(row.reasons, style="red" if row.flagged else ""),
        )
    return table


def show(audit: Audit, console: Console, only_flagged: bool = False) -> None:
    """One table per article and edition, then each edition's verdict (the five lines an
    editor reads first), scores against references where there are any, then the verdict
    line."""
    threshold = audit.options.threshold
    for (doc, lang), pairs in audit.pairs.groupby(["doc", "target_lang"], sort=False):
        title = f"{doc} ({lang})"
        shown = pairs[pairs["flagged"]] if only_flagged else pairs
        if (doc, lang) in audit.not_translations:
            console.print(
                safe_line(f"{title}: NOT A TRANSLATION of this source ({UNRELATED_DETAIL})", style="bold red")
            )
        elif len(shown):
            console.print(_table(title, shown, pairs, threshold))
        else:
            console.print(safe_line(f"{title}: {summary_line(pairs)}"))
    console.print(_verdicts(audit))
    if audit.corpus:
        console.print(_corpus_table(audit))
    show_verdict(audit, console)


VERDICT_STYLES = {FAIL: "bold red", REVIEW: "yellow", PASS: "green"}


def _verdicts(audit: Audit) -> Table:
    """Per edition: the verdict, flagged pairs, worst risk and the worst findings in one line."""
    table = Table(title=Text(f"verdicts (the gate fails on: {audit.options.fail_on})", style="bold"))
    for column in ("verdict", "article", "edition", "flagged", "worst risk", "worst findings"):
        table.add_column(column, justify="right" if column in ("flagged", "worst risk") else "left")
    editions = dict(iter(audit.pairs.groupby(["doc", "target_lang"], sort=False)))
    for verdict in audit.verdicts:
        edition = editions[(verdict.doc, verdict.target_lang)]
        table.add_row(
            Text(verdict.verdict.upper(), style=VERDICT_STYLES[verdict.verdict]),
            safe_line(verdict.doc),
            safe_line(verdict.target_lang),
            f"{int(edition['flagged'].sum())}/{len(edition)}",
            _risk_cell(edition["risk"].max(), audit.options.threshold),
            safe(verdict.reason),
        )
    return table


def _corpus_table(audit: Audit) -> Table:
    table = Table(title=Text("scores against the reference (sacrebleu)", style="bold"))
    for column in ("edition", "metric", "score", "segments", "signature"):
        table.add_column(column, justify="right" if column in ("score", "segments") else "left", overflow="fold")
    for score in audit.corpus:
        cells = (score.target_lang, score.metric, f"{score.score:.2f}", str(score.segments), score.signature)
        table.add_row(*map(safe, cells))
    return table


def show_verdict(audit: Audit, console: Console) -> None:
    """``verdict_lines`` in colour, never wrapped, whatever the width of the log."""
    *unpaired, (verdict, failed) = verdict_lines(audit)
    for text, _ in unpaired:
        console.print(safe_line(text, style="yellow"), soft_wrap=True)
    console.print(safe_line(verdict, style="bold red" if failed else "bold green"), soft_wrap=True)
