"""Tables of sentence pairs (.tsv, .csv, .jsonl), scored as given.

Decoded like articles, then parsed row by row so that a bad row is named by its line;
each row keeps the line it starts on.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd

from mtaudit.defaults import TARGET_LANG
from mtaudit.errors import MtauditError, warn
from mtaudit.input.decode import clean_text, read_text, text_lines
from mtaudit.languages import normalise
from mtaudit.pairs import UNPAIRED, given_pairs

TABLE_SUFFIXES = {".tsv", ".csv", ".jsonl"}
MAX_CELL_CHARS = 20_000  # a table cell longer than this is a broken row, not a sentence
SHOWN_ROWS = 10  # row numbers a warning lists before "and N more"


def load_table(
    path: Path,
    source_col: str = "source",
    target_col: str = "target",
    keep: list[str] | tuple[str, ...] = (),
    target_lang: str | None = None,
    skip_bad_rows: bool = False,
) -> pd.DataFrame:
    """Rows of sentence pairs, scored as given (no alignment). ``keep`` names further
    columns that must be present and are carried along (such as a label). The target
    language is the ``target_lang`` column's, else ``target_lang``, else English."""
    raw, lines = _read_table(path, skip_bad_rows)
    missing = [c for c in (source_col, target_col, *keep) if c not in raw.columns]
    if missing:
        found = ", ".join(map(str, raw.columns)) or "none"
        raise MtauditError(
            f"{path}: missing column {' and '.join(map(repr, missing))} (columns found: {found}; "
            "use --source-col/--target-col to map yours)"
        )
    if raw.empty:
        raise MtauditError(f"{path}: the table has no rows")
    table = given_pairs(
        _text_column(raw["doc"]) if "doc" in raw else path.stem,
        _text_column(raw[source_col]),
        _text_column(raw[target_col]),
        _table_languages(path, raw, target_lang),
        file=str(path),
        lines=lines,
    )
    _warn_empty_cells(path, table)
    for optional in ("id", "reference"):
        if optional in raw:
            table[optional] = _text_column(raw[optional])
    if "id" in table:
        _warn_duplicate_ids(path, table["id"])
    for column in keep:
        table[column] = raw[column].to_numpy()
    return table


def _warn_empty_cells(path: Path, table: pd.DataFrame) -> None:
    rows = (table.index[table["alignment"].isin(UNPAIRED)] + 1).tolist()
    if rows:
        warn(
            f"{path}: {len(rows)} row(s) with an empty source or target (data rows {_listed(rows)}); "
            "reported as omissions/additions"
        )


def _warn_duplicate_ids(path: Path, ids: pd.Series) -> None:
    repeated = ids[ids.duplicated(keep=False) & (ids != "")]
    for value, rows in list(repeated.groupby(repeated, sort=False).groups.items())[:5]:
        warn(f"{path}: id {value!r} appears in data rows {_listed([r + 1 for r in rows])}; each row is scored")


def _listed(rows: list[int]) -> str:
    """Row numbers for a warning: the first few and how many more, so that a table with
    50,000 bad rows still gets a one-line warning."""
    more = f" and {len(rows) - SHOWN_ROWS} more" if len(rows) > SHOWN_ROWS else ""
    return ", ".join(map(str, rows[:SHOWN_ROWS])) + more


def _table_languages(path: Path, raw: pd.DataFrame, target_lang: str | None) -> pd.Series | str:
    if "target_lang" not in raw:
        return target_lang or TARGET_LANG
    languages = raw["target_lang"].fillna("").astype(str).str.strip()
    blank = languages == ""
    if blank.any() and not target_lang:
        row = int(blank.to_numpy().argmax()) + 1
        raise MtauditError(f"{path}: data row {row}: empty target_lang (fill it in or give --target-lang)")
    normalised = {}
    for code in languages[~blank].unique():
        row = int((languages == code).to_numpy().argmax()) + 1
        normalised[code] = normalise(code, f"{path}: data row {row}: target_lang")
    return languages.map(normalised).where(~blank, target_lang)


def _read_table(path: Path, skip_bad_rows: bool) -> tuple[pd.DataFrame, list[int]]:
    """Decoded by ``read_text`` (same errors and encodings as articles), then parsed row by
    row, so that a bad row is named by its line. With ``skip_bad_rows`` it is left out with
    a warning instead."""
    text = read_text(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        rows, lines = _jsonl_rows(path, text, skip_bad_rows)
        return pd.DataFrame(rows), lines
    if suffix == ".tsv":
        quoted = _is_quoted_tsv(text)
        header, rows, lines = _delimited_rows(path, text, "\t", skip_bad_rows, quoted)
    else:
        header, rows, lines = _delimited_rows(path, text, ",", skip_bad_rows, quoted=True)
    return pd.DataFrame(rows, columns=header, dtype=object), lines


_QUOTED_FIELD = re.compile(r'"(?:[^"]|"")*"')


def _is_quoted_tsv(text: str) -> bool:
    """Whether a .tsv file uses CSV quoting. Plain TSV has none: a tab separates fields,
    a line ends a row, and a cell may start with a quotation mark (``"Kami pergi," kata
    dia.``). A file is read as quoted only when it clearly is: every cell that starts with
    a quotation mark is one whole quoted field (some cell doing so), or the quoted reading
    gives every row the same number of fields and either puts a tab or a line break inside
    a cell (which plain TSV cannot hold) or is the only reading that does so."""
    cells = [cell for line in text_lines(text) for cell in line.split("\t") if cell.startswith('"')]
    if not cells:
        return False
    if all(_QUOTED_FIELD.fullmatch(cell) for cell in cells):
        return True
    quoted_rows = _rows(text, quoted=True)
    if not _field_counts_agree(quoted_rows):
        return False
    holds_separators = any("\t" in cell or "\n" in cell for row in quoted_rows for cell in row)
    return holds_separators or not _field_counts_agree(_rows(text, quoted=False))


def _rows(text: str, quoted: bool) -> list[list[str]]:
    return [row for row in _csv_reader(text, "\t", quoted) if any(cell.strip() for cell in row)]


def _field_counts_agree(rows: list[list[str]]) -> bool:
    return all(len(row) == len(rows[0]) for row in rows)


def _csv_reader(text: str, delimiter: str, quoted: bool):
    # The csv module stops at 131,072 characters a field with an exception of its own; cells are
    # measured against MAX_CELL_CHARS instead, so an oversized one is a bad row like any other.
    csv.field_size_limit(2**31 - 1)
    quoting = csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE
    return csv.reader(io.StringIO(text), delimiter=delimiter, quoting=quoting)


def _bad_row(message: str, skip_bad_rows: bool) -> None:
    if not skip_bad_rows:
        raise MtauditError(f"{message} (fix it, or use --skip-bad-rows to leave such rows out)")
    warn(f"{message}; row skipped")


def _delimited_rows(
    path: Path, text: str, delimiter: str, skip_bad_rows: bool, quoted: bool
) -> tuple[list[str], list[list[str]], list[int]]:
    """The header, the rows, and the line each row starts on."""
    reader = _csv_reader(text, delimiter, quoted)
    header = next((row for row in reader if any(cell.strip() for cell in row)), [])
    header = [name.strip() for name in header]
    repeated = sorted({name for name in header if header.count(name) > 1 and name})
    if repeated:
        raise MtauditError(f"{path}: column {', '.join(map(repr, repeated))} appears more than once in the header")
    rows, lines = [], []
    ended = reader.line_num  # the line the previous row ended on
    for row in reader:
        starts, ended = ended + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        while len(row) > len(header) and not row[-1].strip():  # trailing empty fields
            row = row[:-1]
        if len(row) != len(header):
            _bad_row(f"{path}:{reader.line_num}: {len(row)} fields where the header has {len(header)}", skip_bad_rows)
        elif _oversized(row):
            _bad_row(f"{path}:{reader.line_num}: a cell of over {MAX_CELL_CHARS:,} characters", skip_bad_rows)
        else:
            rows.append(row)
            lines.append(starts)
    return header, rows, lines


def _jsonl_rows(path: Path, text: str, skip_bad_rows: bool) -> tuple[list[dict], list[int]]:
    rows, lines = [], []
    for number, line in enumerate(text_lines(text), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            _bad_row(f"{path}:{number}: not valid JSON ({error.msg})", skip_bad_rows)
            continue
        if not isinstance(row, dict):
            _bad_row(f"{path}:{number}: expected a JSON object per line", skip_bad_rows)
            continue
        if _oversized(map(_cell, row.values())):
            _bad_row(f"{path}:{number}: a value of over {MAX_CELL_CHARS:,} characters", skip_bad_rows)
            continue
        rows.append({key: clean_text(_cell(value), f"{path}:{number}") for key, value in row.items()})
        lines.append(number)
    return rows, lines


def _oversized(cells) -> bool:
    return any(len(cell) > MAX_CELL_CHARS for cell in cells)


def _cell(value) -> str:
    """A JSON value as table text: null is an empty cell, numbers and lists as JSON writes them."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _text_column(column: pd.Series) -> pd.Series:
    return column.fillna("").astype(str).map(lambda s: " ".join(s.split()))
