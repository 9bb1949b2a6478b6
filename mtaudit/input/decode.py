"""From bytes on disk to clean text: encodings, line ends, markup and invalid characters.

Input comes from wire services, CMS exports and MT vendors, so every reader goes through
here. What can be repaired is repaired with a warning (an ``InputWarning``, which the
pipeline collects and the command line prints); what cannot becomes a one-line
``MtauditError`` naming the file.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from mtaudit.errors import MtauditError, warn

_BOMS_UTF16 = (b"\xff\xfe", b"\xfe\xff")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls other than tab and line ends, DEL, and C1 controls: never part of real text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
BINARY_CONTROL_SHARE = 0.05  # more control characters than this: a binary file, not text


def read_text(path: Path) -> str:
    """A text file's content with line ends normalised to ``\\n``.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are; anything else
    that is text is read as Windows-1252 (a superset of Latin-1 for printable text), with a
    warning, since that is what older Windows CMS exports use. Binary and empty files are
    one-line errors."""
    data = _read_bytes(path)
    if not data.strip():
        raise MtauditError(f"{path}: the file is empty")
    text = _decode(path, data)
    controls = len(_CONTROL.findall(text[:65536]))
    if "\x00" in text[:8192] or controls > BINARY_CONTROL_SHARE * min(len(text), 65536):
        raise MtauditError(f"{path}: looks like a binary file, not text")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return clean_text(text, str(path))


def text_lines(text: str) -> list[str]:
    """Lines split at ``\\n`` only (not at the Unicode separators that ``str.splitlines``
    also breaks on, which may legitimately appear inside a JSON string or a sentence)."""
    lines = text.split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def clean_text(text: str, where: str) -> str:
    """Replace what no later stage can handle: lone surrogates (from JSON escapes such as
    ``"\\ud800"``) become U+FFFD, and control characters become spaces."""
    repaired = _LONE_SURROGATE.sub("\ufffd", text)
    repaired = _CONTROL.sub(" ", repaired)
    if repaired != text:
        warn(f"{where}: replaced invalid or control characters")
    return repaired


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise MtauditError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise MtauditError(f"{path}: is a directory, expected a file") from None
    except OSError as error:
        raise MtauditError(f"{path}: cannot read ({error.strerror})") from None


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(_BOMS_UTF16):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise MtauditError(f"{path}: starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
    if b"\x00" in data[:8192]:
        raise MtauditError(f"{path}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    warn(f"{path}:{line}: not valid UTF-8; read as Windows-1252/Latin-1 (save the file as UTF-8 to be sure)")
    return text


# ----------------------------------------------------------------------------- markup

_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|b|i|em|strong|h[1-6]|li|ul|ol|img|figure|script|style)\b[^>]*>", re.IGNORECASE
)
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "blockquote", "section", "article", "header", "footer", "title"}
_BLOCK_TAGS |= {"h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "table", "tr"}
_HIDDEN_TAGS = {"script", "style", "noscript", "template", "head"}


def looks_like_html(text: str) -> bool:
    return len(_HTML_TAG.findall(text[:200_000])) >= 2


def html_to_text(text: str) -> str:
    """The readable text of an HTML article: block elements become paragraphs, scripts and
    styles are dropped, entities are decoded."""
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _HIDDEN_TAGS:
            self.hidden += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)
