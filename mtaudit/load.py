"""Readers for the three input forms, all producing the same pairs table.

Columns: ``doc``, ``index`` (position in the document), ``source``, ``target``,
``alignment`` (1-1, 1-2, 2-1, omission, addition, or "given" for table rows), plus
``id`` and ``reference`` when a table provides them.

- two article files (plain text or Markdown): segmented and aligned;
- a directory: ``<slug>.<src>.txt`` paired with ``<slug>.<tgt>.txt`` anywhere below it;
- a table (.tsv, .csv, .jsonl) of sentence pairs, scored as given.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mtaudit.align import align
from mtaudit.encoder import Encoder
from mtaudit.errors import MtauditError
from mtaudit.segment import split_paragraphs, split_sentences

TABLE_SUFFIXES = {".tsv", ".csv", ".jsonl"}
ARTICLE_SUFFIXES = {".txt", ".md", ".markdown"}
PAIR_COLUMNS = ["doc", "index", "source", "target", "alignment"]


@dataclass
class Loaded:
    pairs: pd.DataFrame
    unpaired: list[str] = field(default_factory=list)  # article files with no partner


# ----------------------------------------------------------------------------- text files


def read_text(path: Path) -> str:
    """A text file's content; UTF-8 (with or without BOM), else a one-line error."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise MtauditError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise MtauditError(f"{path}: is a directory, expected a file") from None
    except OSError as error:
        raise MtauditError(f"{path}: cannot read ({error.strerror})") from None
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MtauditError(f"{path}: looks like a binary file, not text")
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise MtauditError(f"{path}: not valid UTF-8 text (save it as UTF-8 and try again)")


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
    source_path: Path, target_path: Path, encoder: Encoder, source_lang: str, target_lang: str, doc: str | None = None
) -> pd.DataFrame:
    sources = article_sentences(read_text(source_path), source_lang)
    targets = article_sentences(read_text(target_path), target_lang)
    for path, sentences in ((source_path, sources), (target_path, targets)):
        if not sentences:
            raise MtauditError(f"{path}: the file is empty (no sentences to audit)")
    beads = align(sources, targets, encoder.encode)
    rows = [
        {
            "doc": doc or _slug(source_path, source_lang),
            "index": position,
            "source": " ".join(sources[i] for i in bead.source),
            "target": " ".join(targets[j] for j in bead.target),
            "alignment": bead.kind,
        }
        for position, bead in enumerate(beads, start=1)
    ]
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


def _slug(path: Path, lang: str) -> str:
    name = path.name
    for suffix in sorted(ARTICLE_SUFFIXES, key=len, reverse=True):
        if name.endswith(f".{lang}{suffix}"):
            return name[: -len(f".{lang}{suffix}")]
    return path.stem


# ----------------------------------------------------------------------------- directories


def find_article_pairs(
    directory: Path, source_lang: str, target_lang: str
) -> tuple[list[tuple[Path, Path]], list[str]]:
    """Matching (source, target) files below a directory, and the files left unpaired."""
    by_slug: dict[tuple[Path, str], dict[str, Path]] = {}
    for path in sorted(directory.rglob("*")):
        match = re.fullmatch(r"(?P<slug>.+)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z]+)?)(?P<suffix>\.[a-z]+)", path.name)
        if not path.is_file() or not match or match["suffix"] not in ARTICLE_SUFFIXES:
            continue
        if match["lang"] in (source_lang, target_lang):
            by_slug.setdefault((path.parent, match["slug"]), {})[match["lang"]] = path
    pairs, unpaired = [], []
    for (_, _), files in sorted(by_slug.items()):
        if source_lang in files and target_lang in files:
            pairs.append((files[source_lang], files[target_lang]))
        else:
            unpaired += [str(p) for p in files.values()]
    return pairs, unpaired


def load_directory(directory: Path, encoder: Encoder, source_lang: str, target_lang: str) -> Loaded:
    pairs, unpaired = find_article_pairs(directory, source_lang, target_lang)
    if not pairs:
        raise MtauditError(f"{directory}: no article pairs named <slug>.{source_lang}.txt and <slug>.{target_lang}.txt")
    frames = []
    for source_path, target_path in pairs:
        doc = str(source_path.relative_to(directory).with_name(_slug(source_path, source_lang)))
        frames.append(load_article_pair(source_path, target_path, encoder, source_lang, target_lang, doc=doc))
    return Loaded(pd.concat(frames, ignore_index=True), unpaired)


# ----------------------------------------------------------------------------- tables


def load_table(
    path: Path, source_col: str = "source", target_col: str = "target", keep: list[str] | tuple[str, ...] = ()
) -> pd.DataFrame:
    """Rows of sentence pairs, scored as given (no alignment). ``keep`` names further
    columns that must be present and are carried along (such as a label)."""
    raw = _read_table(path)
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
            "doc": raw["doc"].astype(str) if "doc" in raw else path.stem,
            "index": range(1, len(raw) + 1),
            "source": _text_column(raw[source_col]),
            "target": _text_column(raw[target_col]),
            "alignment": "given",
        }
    )
    # an empty cell is content with no counterpart, like an unaligned sentence in an article
    table.loc[table["target"] == "", "alignment"] = "omission"
    table.loc[table["source"] == "", "alignment"] = "addition"
    for optional in ("id", "reference"):
        if optional in raw:
            table[optional] = _text_column(raw[optional])
    for column in keep:
        table[column] = raw[column].to_numpy()
    return table


def _read_table(path: Path) -> pd.DataFrame:
    """Decoded once by ``read_text`` (same errors and encodings as articles), then parsed."""
    suffix = path.suffix.lower()
    text = read_text(path)
    try:
        if suffix == ".jsonl":
            return _read_jsonl(path, text)
        return pd.read_csv(io.StringIO(text), sep="\t" if suffix == ".tsv" else ",", dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise MtauditError(f"{path}: the file is empty") from None
    except pd.errors.ParserError as error:
        raise MtauditError(f"{path}: cannot parse the table ({str(error).strip()})") from None


def _read_jsonl(path: Path, text: str) -> pd.DataFrame:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise MtauditError(f"{path}:{number}: not valid JSON ({error.msg})") from None
        if not isinstance(row, dict):
            raise MtauditError(f"{path}:{number}: expected a JSON object per line")
        rows.append(row)
    return pd.DataFrame(rows)


def _text_column(column: pd.Series) -> pd.Series:
    return column.fillna("").astype(str).map(lambda s: " ".join(s.split()))
