"""Which lines of a clipping are portal chrome rather than article text.

A tagger: it returns a reason for each line it would remove (None keeps the line);
the pipeline applies the verdicts and counts the reasons. Blank lines are layout,
not content, and are never reported.
"""

from __future__ import annotations

import re

NO_LETTERS = "no_letters"
COPYRIGHT = "copyright"

_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_COPYRIGHT = re.compile(
    r"(?:^|\W)(?:©|ⓒ|\(c\)|copyright\b|all rights reserved|무단\s?전재|재배포\s?금지|"
    r"版权所有|版權所有|無断転載|無斷轉載|alle rechte vorbehalten|tous droits réservés)",
    re.IGNORECASE,
)
_COPYRIGHT_MAX_CHARS = 200


def classify(lines: list[str]) -> list[str | None]:
    """One verdict per line: the reason to remove it, or None to keep it.

    >>> classify(["Seoul wins award", "", "▶ ▶ ▶", "ⓒ 2021 Example News. All rights reserved."])
    [None, None, 'no_letters', 'copyright']
    """
    return [line_reason(line) for line in lines]


def line_reason(line: str) -> str | None:
    """Why one line, on its own, is chrome (None when nothing says so)."""
    stripped = line.strip()
    if not stripped:
        return None
    if not _LETTER_OR_DIGIT.search(stripped):
        return NO_LETTERS
    if len(stripped) <= _COPYRIGHT_MAX_CHARS and _COPYRIGHT.search(stripped):
        return COPYRIGHT
    return None
