"""`mtaudit score`: audit translations, write the reports asked for, and set the exit code
the publish step reads."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from mtaudit.arguments import positive
from mtaudit.cli.common import (
    EXIT_CODES,
    EXIT_FLAGGED,
    EXIT_PASS,
    add_pair_options,
    add_threshold_option,
    print_warnings,
    progress_bars,
)
from mtaudit.report.formats import FORMATS
from mtaudit.severity import DEFAULT_FAIL_ON, FAIL_ON_CHOICES


def add(commands) -> None:
    score = commands.add_parser(
        "score",
        help="audit translated articles or a table of sentence pairs",
        description="Audit translations. INPUT is two article files (SOURCE TARGET), a directory of "
        "<slug>.<lang>.txt files, or a .tsv/.csv/.jsonl table with source and target columns.",
        epilog=EXIT_CODES,
    )
    score.add_argument("inputs", nargs="+", type=Path, metavar="INPUT")
    score.add_argument(
        "--articles",
        action="store_true",
        help="the INPUTs are files of articles (sources, editions or references, as a commit hook passes the files "
        "it changed): audit each article they belong to with the files beside it; none is a pass",
    )
    add_pair_options(score)
    add_threshold_option(score)
    score.add_argument(
        "--reference",
        type=Path,
        metavar="FILE",
        help="human reference translation: an article (with two article inputs) or one line per table row; "
        "adds sentence chrF and corpus BLEU/chrF/TER (in a directory, name it <slug>.<lang>.ref.txt)",
    )
    for report in FORMATS:
        score.add_argument(f"--{report.name}", type=Path, metavar="PATH", help=report.help)
    score.add_argument(
        "--annotations",
        choices=["auto", "github", "none"],
        default="auto",
        help="print GitHub Actions workflow commands (::error at the article's file and line) and append a summary "
        "to $GITHUB_STEP_SUMMARY; auto (default): when GITHUB_ACTIONS=true",
    )
    saved = ", ".join(r.name.upper() for r in FORMATS if r.saved)
    score.add_argument("--save", action="store_true", help=f"write {saved} reports into --out-dir")
    score.add_argument("--out-dir", type=Path, default=Path("reports"), help="where --save writes (default: reports/)")
    score.add_argument(
        "--fail-on",
        choices=[*FAIL_ON_CHOICES, "flagged"],
        default=DEFAULT_FAIL_ON,
        metavar="{critical,major,minor,omission,never}",
        help="what makes the exit code 1: a flagged pair of this severity or worse (default: major; minor = any "
        "flagged pair, also spelled 'flagged'), only omitted or added sentences, or never (report only)",
    )
    score.add_argument(
        "--calibration",
        type=Path,
        metavar="FILE",
        help="risk combination fitted by `mtaudit calibrate` (default: the shipped one)",
    )
    score.add_argument(
        "--keep-words",
        type=Path,
        metavar="FILE",
        help="source-language words the newsroom keeps untranslated on purpose (a dish, a local institution), "
        "one per line, # for comments: not reported as untranslated",
    )
    _add_engine_options(score)
    score.add_argument("--only-flagged", action="store_true", help="show only flagged pairs in the terminal")
    score.add_argument("--quiet", action="store_true", help="print only the verdict line")


def _add_engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=["local", "dask"],
        default="local",
        help="where the checks run: in this process (default) or on a Dask cluster, for archive audits",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler to use, such as tcp://10.0.0.5:8786 (default: start a local cluster)",
    )
    parser.add_argument("--workers", type=positive, default=2, help="workers of the local Dask cluster (default: 2)")


def run(args: argparse.Namespace) -> int:
    from mtaudit.errors import NothingToAudit
    from mtaudit.files import check_outputs, write_all
    from mtaudit.model.encoder import Encoder
    from mtaudit.pipeline import Options, audit
    from mtaudit.timing import stage

    options = Options(
        args.source_lang,
        args.target_lang,
        args.threshold,
        args.source_col,
        args.target_col,
        args.calibration,
        args.reference,
        args.skip_bad_rows,
        args.engine,
        args.scheduler,
        args.workers,
        args.fail_on,
        args.articles,
        args.keep_words,
    )
    reports = _reports(args, options)
    inputs = [*args.inputs, *(p for p in (args.reference, args.calibration, args.keep_words) if p)]
    check_outputs(list(reports.values()), inputs)  # fail now, not after minutes of scoring
    try:
        with progress_bars(enabled=sys.stderr.isatty() and not args.quiet) as bar:
            encoder = Encoder(args.model, on_progress=bar("encoding new sentences"))
            result = audit(args.inputs, options, encoder, on_progress=bar("checking pairs"))
    except NothingToAudit as nothing:
        print(f"PASS: nothing to audit ({nothing})")
        return EXIT_PASS
    print_warnings(result.warnings)
    with stage("reports"):
        write_all([(output.path, lambda report=report: report.render(result)) for report, output in reports.items()])
        _show(result, args)
        if args.annotations == "github" or (args.annotations == "auto" and os.environ.get("GITHUB_ACTIONS") == "true"):
            _github(result)
    _write_stage_times()
    return EXIT_FLAGGED if result.failed else EXIT_PASS


def _show(result, args: argparse.Namespace) -> None:
    """The terminal output. ``--quiet`` into a log (not a terminal, and no FORCE_COLOR asking
    rich for colours there) prints its lines as plain text: a CI check re-run on an unchanged
    article then never loads rich, a tenth of such a run."""
    if args.quiet and not sys.stdout.isatty() and not os.environ.get("FORCE_COLOR"):
        from mtaudit.report.printable import printable_line
        from mtaudit.report.summary import verdict_lines

        for text, _ in verdict_lines(result):
            print(printable_line(text))
        return
    from rich.console import Console

    from mtaudit.report import terminal

    console = Console()
    if args.quiet:
        terminal.show_verdict(result, console)
    else:
        terminal.show(result, console, only_flagged=args.only_flagged)


def _write_stage_times() -> None:
    """Seconds per stage into the file MTAUDIT_STAGE_TIMES names, when it names one: how
    ``mtaudit bench`` sees where a real ``mtaudit score`` process spends its time."""
    path = os.environ.get("MTAUDIT_STAGE_TIMES")
    if path:
        from mtaudit.files import write_json
        from mtaudit.timing import totals

        write_json(Path(path), totals())


def _github(result) -> None:
    """Workflow commands on stdout, where the runner reads them, and the Markdown summary
    appended to the step summary file the runner names."""
    from mtaudit.report import ci

    for line in ci.github_annotations(result):
        print(line)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as file:
                file.write(ci.markdown_summary(result))
        except OSError as error:
            print(f"mtaudit: warning: {summary}: cannot append the step summary ({error.strerror})", file=sys.stderr)


def _reports(args: argparse.Namespace, options) -> dict:
    """The report file of each format a run writes: those named by their options, and with
    --save the saved formats in --out-dir under ``report_name``."""
    from mtaudit.files import Output

    reports = {r: Output(f"--{r.name}", path) for r in FORMATS if (path := getattr(args, r.name))}
    if args.save:
        name = report_name(args.inputs, options.target_lang)
        for report in (r for r in FORMATS if r.saved):
            reports.setdefault(
                report, Output(f"--save ({report.name})", args.out_dir / f"{name}.mtaudit.{report.name}")
            )
    return reports


def report_name(inputs: list[Path], target_lang: str | None) -> str:
    """What --save names reports after, so that runs over different inputs or editions do
    not overwrite each other's: an article pair gives ``<slug>.<target language>``; a
    directory or a table its own name, plus ``.<language>`` when --target-lang picks one
    edition. The ``.mtaudit`` before the suffix keeps them apart from input tables."""
    from mtaudit.defaults import TARGET_LANG
    from mtaudit.input.articles import article_name

    first = inputs[0]
    if len(inputs) == 2:
        source, target = article_name(first), article_name(inputs[1])
        slug = source.slug if source else first.name.split(".")[0]
        return f"{slug}.{target_lang or (target.lang if target else TARGET_LANG)}"
    stem = first.name if first.is_dir() else first.stem
    return ".".join(filter(None, [stem or "mtaudit", target_lang]))
