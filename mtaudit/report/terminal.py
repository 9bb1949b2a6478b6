"""The per-article risk table in the terminal (rich).

All text from the input is passed to rich as ``Text`` objects, never as markup, so a
sentence containing "[bold]" is shown as written, and goes through ``safe`` first, so
control characters are shown as visible stand-ins instead of reaching the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mtaudit.pipeline import Audit
from mtaudit.report.printable import printable
from mtaudit.report.summary import summary_line

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


def _highlighted(text: str, spans: list, side: str) -> Text:
    """The sentence with the characters a check points at highlighted."""
    cell = safe(text or "—")
    for _check, span_side, start, end in spans:
        if span_side == side and text:
            cell.stylize(SPAN_STYLE, start, end)
    return cell


def _table(doc: str, pairs, threshold: float) -> Table:
    table = Table(title=safe(doc, style="bold"), caption=summary_line(pairs), show_lines=True, expand=True)
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
    """One table per article and edition, an overview when there are several, scores
    against references where there are any, then the verdict."""
    threshold = audit.options.threshold
    editions = audit.pairs.groupby(["doc", "target_lang"], sort=False)
    for (doc, lang), pairs in editions:
        title = f"{doc} ({lang})"
        shown = pairs[pairs["flagged"]] if only_flagged else pairs
        if (doc, lang) in audit.not_translations:
            console.print(safe(f"{title}: NOT A TRANSLATION of this source ({UNRELATED_DETAIL})", style="bold red"))
        elif len(shown):
            console.print(_table(title, shown, threshold))
        else:
            console.print(safe(f"{title}: {summary_line(pairs)}"))
    if editions.ngroups > 1:
        console.print(_overview(audit.pairs, threshold))
    if audit.corpus:
        console.print(_corpus_table(audit))
    show_verdict(audit, console)


def _overview(pairs, threshold: float) -> Table:
    """Per article, each edition's flagged count and worst risk."""
    languages = list(dict.fromkeys(pairs["target_lang"]))
    table = Table(title=Text("overview: flagged pairs and worst risk per edition", style="bold"))
    table.add_column("article")
    for lang in languages:
        table.add_column(safe(lang), justify="right")
    for doc, article in pairs.groupby("doc", sort=False):
        cells = []
        for lang in languages:
            edition = article[article["target_lang"] == lang]
            if edition.empty:
                cells.append(Text("—", style="dim"))
                continue
            worst = edition["risk"].max()
            cell = Text(f"{int(edition['flagged'].sum())}/{len(edition)} ")
            cell.append_text(_risk_cell(worst, threshold))
            cells.append(cell)
        table.add_row(safe(doc), *cells)
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
    for path in audit.unpaired:
        console.print(safe(f"unpaired file (no translation or no source found): {path}", style="yellow"))
    threshold = audit.options.threshold
    verdict = "FAIL" if audit.failed else "PASS"
    console.print(
        safe(
            f"{verdict}: {summary_line(audit.pairs)} (threshold {threshold:g}, model {audit.model})",
            style="bold red" if verdict == "FAIL" else "bold green",
        )
    )
