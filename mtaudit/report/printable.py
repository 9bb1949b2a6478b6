"""Text from the input made safe to print in a terminal.

A sentence, a file name or an error message can hold ANSI escape sequences or other
control characters that would recolour, move the cursor, retitle or clear an editor's
terminal, and bidirectional overrides that make text display in a misleading order.
Each such character is shown as one visible stand-in character instead (so highlighted
spans keep their offsets): C0 controls as their Unicode control pictures (ESC as ␛), DEL
as ␡, C1 controls and bidi overrides as �."""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _stand_in(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def printable(text: str) -> str:
    """``text`` with every terminal control character replaced by a visible stand-in."""
    return _UNSAFE.sub(_stand_in, text)


def printable_line(text: str) -> str:
    """Like ``printable``, for text that must stay on one line (a title, a file name, the
    verdict): line breaks and tabs are shown as their control pictures too."""
    return printable(text).replace("\n", "\u240a").replace("\t", "\u2409")
