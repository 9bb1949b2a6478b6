"""Article files: what their names say, where they are, and their sentences.

A directory holds each ``<slug>.<src>.txt`` with every edition ``<slug>.<lang>.txt`` beside
it (one article, several editions) and ``<slug>.<lang>.ref.txt`` as that edition's human
reference when present. An article (plain text, Markdown or HTML) becomes its list of
sentences and the line of the file each starts on, so a report can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mtaudit.errors import MtauditError, warn
from mtaudit.input.decode import html_to_text, looks_like_html, read_text
from mtaudit.input.segment import split_long, split_paragraphs, split_sentences
from mtaudit.languages import supported

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown"}
MAX_ARTICLE_CHARS = 2_000_000  # far beyond any news article; a whole archive belongs in a table
MAX_SENTENCE_CHARS = 2_000  # longer: not a sentence; cut so the checks stay fast

_ARTICLE_NAME = re.compile(
    r"(?P<slug>.+)\.(?!ref\.)(?P<lang>[a-z]{2,3}(?:-[A-Za-z]+)?)(?P<ref>\.ref)?(?P<suffix>\.[a-z]+)"
)


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


Sentences = tuple[list[str], list[int | None]]  # an article's sentences and the line each starts on


def read_sentences(path: Path, lang: str) -> Sentences:
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


def slug_of(path: Path, lang: str) -> str:
    name = path.name
    for suffix in sorted(ARTICLE_SUFFIXES, key=len, reverse=True):
        if name.endswith(f".{lang}{suffix}"):
            return name[: -len(f".{lang}{suffix}")]
    return path.stem


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
