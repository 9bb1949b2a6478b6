"""Readers for the three input forms, all producing the same pairs table.

Columns: ``doc``, ``index`` (position in the document), ``source``, ``target``,
``alignment`` (1-1, 1-2, 2-1, omission, addition, or "given" for table rows),
``target_lang``, plus ``id`` and ``reference`` when the input provides them.

- two article files (plain text or Markdown): segmented and aligned;
- a directory: each ``<slug>.<src>.txt`` with every edition ``<slug>.<lang>.txt`` beside
  it (one article, several editions), and ``<slug>.<lang>.ref.txt`` as that edition's
  human reference when present;
- a table (.tsv, .csv, .jsonl) of sentence pairs, scored as given.

A reference article is aligned to the source like a translation is, so each pair gets the
reference sentences of its own source sentences.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mtaudit.align import align
from mtaudit.decode import clean_text, html_to_text, looks_like_html, read_text, text_lines, warn
from mtaudit.errors import MtauditError, NothingToAudit
from mtaudit.languages import normalise, supported
from mtaudit.model.encoder import Encoder
from mtaudit.segment import split_long, split_paragraphs, split_sentences

TABLE_SUFFIXES = {".tsv", ".csv", ".jsonl"}
ARTICLE_SUFFIXES = {".txt", ".md", ".markdown"}
PAIR_COLUMNS = ["doc", "index", "source", "target", "alignment", "target_lang"]
# Where each sentence came from, so a report can point an editor (or a CI annotation) at the
# line to fix: the article files and the line a sentence starts on; a table's row line.
LOCATION_COLUMNS = ["source_file", "source_line", "target_file", "target_line"]
DEFAULT_TARGET_LANG = "en"
MAX_ARTICLE_CHARS = 2_000_000  # far beyond any news article; a whole archive belongs in a table
MAX_SENTENCE_CHARS = 2_000  # longer: not a sentence; cut so the checks stay fast
MAX_CELL_CHARS = 20_000  # a table cell longer than this is a broken row, not a sentence
SHOWN_ROWS = 10  # row numbers a warning lists before "and N more"
_ARTICLE_NAME = re.compile(
    r"(?P<slug>.+)\.(?!ref\.)(?P<lang>[a-z]{2,3}(?:-[A-Za-z]+)?)(?P<ref>\.ref)?(?P<suffix>\.[a-z]+)"
)


@dataclass
class Loaded:
    pairs: pd.DataFrame
    unpaired: list[str] = field(default_factory=list)  # article files with no partner


@dataclass
class Article:
    """One source article and the files that go with it, by target language."""

    doc: str
    source: Path
    editions: dict[str, Path] = field(default_factory=dict)
    references: dict[str, Path] = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleName:
    slug: str
    lang: str  # normalised (``x.en-US.txt`` -> en)
    reference: bool


def article_name(path: Path) -> ArticleName | None:
    """What an article file's name says: ``harga-beras.zh.txt`` is the zh edition of
    harga-beras. None for names that are not ``<slug>.<lang>[.ref].<suffix>`` with a
    supported language (``notes.old.txt`` is not an Old-something edition)."""
    match = _ARTICLE_NAME.fullmatch(path.name)
    lang = supported(match["lang"]) if match and match["suffix"] in ARTICLE_SUFFIXES else None
    return ArticleName(match["slug"], lang, bool(match["ref"])) if lang else None


def language_of(path: Path) -> str | None:
    """The language a file name gives (``harga-beras.zh.txt`` -> zh), if any."""
    name = article_name(path)
    return name.lang if name else None


# ----------------------------------------------------------------------------- text files


_MARKDOWN_LINE = re.compile(r"^\s{0,3}(?:#{1,6}\s+|[-*+]\s+|>\s?|\d+[.)]\s+)")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\S))|((?<=\S)[*_](?!\w))")


def article_sentences(text: str, lang: str) -> list[str]:
    """Sentences of an article: a title line and Markdown headings or list items stand
    alone; other lines of a paragraph are joined, then split into sentences."""
    sentences = []
    for paragraph in split_paragraphs(text):
        lines = [line for line in paragraph.split("\n") if line.strip()]
        block: list[str] = []
        for line in lines:
            if _MARKDOWN_LINE.match(line):
                sentences += split_sentences(" ".join(block), lang)
                block = []
                sentences += split_sentences(_plain(_MARKDOWN_LINE.sub("", line)), lang)
            else:
                block.append(_plain(line))
        sentences += split_sentences(" ".join(block), lang)
    return sentences


def _plain(line: str) -> str:
    line = _MARKDOWN_LINK.sub(r"\1", line)
    return _MARKDOWN_EMPHASIS.sub("", line)


def load_article_pair(
    source_path: Path,
    target_path: Path,
    encoder: Encoder,
    source_lang: str,
    target_lang: str,
    doc: str | None = None,
    reference_path: Path | None = None,
) -> pd.DataFrame:
    source = _sentences(source_path, source_lang)
    target = _sentences(target_path, target_lang)
    reference = _sentences(reference_path, target_lang) if reference_path is not None else None
    doc = doc or _slug(source_path, source_lang)
    return _aligned_pairs(source_path, source, target_path, target, encoder, target_lang, doc, reference)


Sentences = tuple[list[str], list[int | None]]  # an article's sentences and the line each starts on


def _aligned_pairs(
    source_path: Path,
    source: Sentences,
    target_path: Path,
    target: Sentences,
    encoder: Encoder,
    target_lang: str,
    doc: str,
    reference: Sentences | None,
) -> pd.DataFrame:
    """The pairs table of one edition: its sentences aligned with the source's."""
    (sources, source_lines), (targets, target_lines) = source, target
    beads = align(sources, targets, encoder.encode)
    rows = [
        {
            "doc": doc,
            "index": position,
            "source": " ".join(sources[i] for i in bead.source),
            "target": " ".join(targets[j] for j in bead.target),
            "alignment": bead.kind,
            "target_lang": target_lang,
            "source_file": str(source_path),
            "source_line": source_lines[bead.source[0]] if bead.source else None,
            "target_file": str(target_path),
            "target_line": target_lines[bead.target[0]] if bead.target else None,
        }
        for position, bead in enumerate(beads, start=1)
    ]
    pairs = pd.DataFrame(rows, columns=PAIR_COLUMNS + LOCATION_COLUMNS)
    pairs[["source_line", "target_line"]] = pairs[["source_line", "target_line"]].astype("Int64")
    if reference is not None:
        pairs["reference"] = _references_by_bead(sources, beads, reference[0], encoder)
    return pairs


def _sentences(path: Path, lang: str) -> Sentences:
    """The article's sentences and the line of the file each starts on (None for an HTML
    article, whose lines are not the text's)."""
    text = read_text(path)
    if len(text) > MAX_ARTICLE_CHARS:
        raise MtauditError(
            f"{path}: {len(text):,} characters is more than one article can be (at most {MAX_ARTICLE_CHARS:,}); "
            "audit large collections as a table of sentence pairs"
        )
    html = looks_like_html(text)
    if html:
        warn(f"{path}: HTML markup removed; only the text is audited")
        text = html_to_text(text)
    sentences = article_sentences(text, lang)
    if any(len(s) > MAX_SENTENCE_CHARS for s in sentences):
        warn(f"{path}: sentences over {MAX_SENTENCE_CHARS:,} characters were cut into pieces to be audited")
        sentences = [piece for s in sentences for piece in split_long(s, MAX_SENTENCE_CHARS)]
    if not sentences:
        raise MtauditError(f"{path}: the file is empty (no sentences to audit)")
    return sentences, [None] * len(sentences) if html else starting_lines(text, sentences)


def starting_lines(text: str, sentences: list[str]) -> list[int]:
    """The 1-based line each sentence starts on: its first word, looked for after the
    previous sentence's (Markdown marks and line breaks inside a sentence do not matter)."""
    lines, cursor, line = [], 0, 1
    for sentence in sentences:
        first = sentence.split()[0] if sentence.split() else ""
        found = text.find(first, cursor) if first else -1
        if found >= 0:
            line += text.count("\n", cursor, found)
            cursor = found + len(first)
        lines.append(line)
    return lines


def _references_by_bead(sources: list[str], beads: list, references: list[str], encoder: Encoder) -> list[str]:
    """For each bead, the reference sentences aligned to its source sentences."""
    by_source: dict[int, list[int]] = {}
    for bead in align(sources, references, encoder.encode):
        for i in bead.source:
            by_source.setdefault(i, []).extend(bead.target)
    return [
        " ".join(references[j] for j in dict.fromkeys(j for i in bead.source for j in by_source.get(i, [])))
        for bead in beads
    ]


def _slug(path: Path, lang: str) -> str:
    name = path.name
    for suffix in sorted(ARTICLE_SUFFIXES, key=len, reverse=True):
        if name.endswith(f".{lang}{suffix}"):
            return name[: -len(f".{lang}{suffix}")]
    return path.stem


# ----------------------------------------------------------------------------- directories


def find_articles(directory: Path, source_lang: str, target_lang: str | None) -> tuple[list[Article], list[str]]:
    """Source articles below a directory with their editions (every language found, or
    only ``target_lang``) and references, and the files left unpaired."""
    by_slug: dict[tuple[Path, str], dict[tuple[str, bool], Path]] = {}
    for path in sorted(directory.rglob("*")):
        name = article_name(path)
        if not name or not path.is_file():
            continue
        if name.lang == source_lang or target_lang in (None, name.lang):
            by_slug.setdefault((path.parent, name.slug), {})[(name.lang, name.reference)] = path
    articles, unpaired = [], []
    for (folder, slug), files in sorted(by_slug.items()):
        source = files.pop((source_lang, False), None)
        editions = {lang: p for (lang, ref), p in files.items() if not ref and lang != source_lang}
        references = {lang: p for (lang, ref), p in files.items() if ref and lang in editions}
        if source is None or not editions:
            unpaired += [str(p) for p in ([source] if source else []) + list(files.values())]
            continue
        unpaired += [str(p) for (lang, ref), p in files.items() if ref and lang not in editions]
        doc = str((folder / slug).relative_to(directory))
        articles.append(Article(doc, source, dict(sorted(editions.items())), references))
    return articles, unpaired


def load_directory(directory: Path, encoder: Encoder, source_lang: str, target_lang: str | None) -> Loaded:
    articles, unpaired = find_articles(directory, source_lang, target_lang)
    if not articles:
        editions = f"<slug>.{target_lang}.txt" if target_lang else "a translation <slug>.<lang>.txt"
        raise MtauditError(f"{directory}: no articles named <slug>.{source_lang}.txt with {editions} beside them")
    return Loaded(_load_articles(articles, encoder, source_lang), unpaired)


def load_changed_articles(paths: list[Path], encoder: Encoder, source_lang: str, target_lang: str | None) -> Loaded:
    """The articles that some of their files belong to (a source, an edition or a reference,
    as a commit hook passes the files it changed), each with everything found beside it."""
    wanted = {(path.resolve().parent, name.slug) for path in paths if (name := article_name(path))}
    articles, unpaired = [], []
    for folder in sorted({folder for folder, _ in wanted}):
        found, lonely = find_articles(folder, source_lang, target_lang)
        articles += [a for a in found if (folder, Path(a.doc).name) in wanted and Path(a.doc).parent == Path(".")]
        unpaired += [p for p in lonely if (folder, article_name(Path(p)).slug) in wanted]
    if not articles:
        raise NothingToAudit("none of these files belongs to an article with a source and an edition beside it")
    return Loaded(_load_articles(articles, encoder, source_lang), unpaired)


def _load_articles(articles: list[Article], encoder: Encoder, source_lang: str) -> pd.DataFrame:
    """Every file is read and split once (a source serves all its editions), and all
    sentences go through the model together, in full batches under one progress bar,
    before any article is aligned."""
    read: dict[Path, Sentences] = {}
    for article in articles:
        read[article.source] = _sentences(article.source, source_lang)
        for lang, path in [*article.editions.items(), *article.references.items()]:
            read[path] = _sentences(path, lang)
    encoder.encode([sentence for sentences, _ in read.values() for sentence in sentences])
    frames = [
        _aligned_pairs(
            article.source,
            read[article.source],
            path,
            read[path],
            encoder,
            lang,
            article.doc,
            read.get(article.references.get(lang)),
        )
        for article in articles
        for lang, path in article.editions.items()
    ]
    return pd.concat(frames, ignore_index=True)


# ----------------------------------------------------------------------------- tables


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
    table = pd.DataFrame(
        {
            "doc": _text_column(raw["doc"]) if "doc" in raw else path.stem,
            "index": range(1, len(raw) + 1),
            "source": _text_column(raw[source_col]),
            "target": _text_column(raw[target_col]),
            "alignment": "given",
            "target_lang": _table_languages(path, raw, target_lang),
            "source_file": str(path),
            "source_line": pd.array(lines, dtype="Int64"),
            "target_file": str(path),
            "target_line": pd.array(lines, dtype="Int64"),
        }
    )
    mark_unpaired(table)
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
    rows = (table.index[table["alignment"].isin(["omission", "addition"])] + 1).tolist()
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


def mark_unpaired(table: pd.DataFrame) -> None:
    """An empty cell is content with no counterpart, like an unaligned sentence in an article."""
    table.loc[table["target"] == "", "alignment"] = "omission"
    table.loc[table["source"] == "", "alignment"] = "addition"


def read_lines(path: Path) -> list[str]:
    """A line-parallel file as sacrebleu reads it: one segment per line (whitespace normalised)."""
    return [" ".join(line.split()) for line in text_lines(read_text(path))]


def read_reference_lines(path: Path, rows: int) -> list[str]:
    """A reference file for a table: one line per row."""
    lines = read_lines(path)
    if len(lines) != rows:
        raise MtauditError(f"{path}: {len(lines)} reference lines for {rows} table rows (one line per row is needed)")
    return lines


def _table_languages(path: Path, raw: pd.DataFrame, target_lang: str | None) -> pd.Series | str:
    if "target_lang" not in raw:
        return target_lang or DEFAULT_TARGET_LANG
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
