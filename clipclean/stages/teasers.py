"""Teasers: the items of a section page, a search result list or a front page.

A teaser is a headline with the first words of its story, cut short by "…" or "...", or cut
at one fixed width that every item of the list shares: what a list of stories shows of each
one. Teasers are not stories: a page made of them gives no
story by default, and with `--teasers` each becomes a record of its own (`kind: "teaser"`),
for people who collect headlines. The lede is the line that ends cut short; its headline is
the short line just above it, when there is one (some lists show both on one line).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from clipclean.stages.layout import width
from clipclean.stages.linefeatures import ends_sentence, sentence_final

_CUT_SHORT = re.compile(r"(?<![.…⋯])(?:…|\.\.|⋯)[.…⋯]*[\"'”’»)\]」』]*(?P<tail>(?:\s+[^\s.…]+){0,5})\s*$")
"""An ellipsis at the end, or before a short tail: the outlet or the age of the story."""
_TAIL_MAX_CHARS = 24
_LETTER = re.compile(r"[^\W\d_]")
LEDE_MIN_CHARS = 50
"""A line cut short with less text than this is a cut headline, not a lede."""
LEDE_MAX_WIDTH = 700
"""A line cut short with more text than this (display columns) is a paragraph, not a lede."""
TITLE_MAX_CHARS = 150
MIN_TEASERS = 3
"""A page with fewer items cut short is not a list of teasers."""
CUT_MIN_WIDTH = 120
"""Ledes cut at a fixed width are at least this wide (display columns)."""
CUT_SLACK = 2
"""... and within this many columns of each other (a wide character at the cut)."""


@dataclass(frozen=True)
class Teaser:
    title: str | None
    lede: str
    lines: tuple[int, ...]
    """0-based numbers of the lines it was read from."""


def cut_short(text: str) -> bool:
    """Whether a text holds an ellipsis that may cut a lede short (a quick test, before `find`).

    >>> cut_short("Winds tore roofs off houses along the …"), cut_short("Winds tore roofs off.")
    (True, False)
    """
    return "…" in text or ".." in text or "⋯" in text


def is_lede(text: str) -> bool:
    """A line cut short by an ellipsis, long enough to be the start of a story.

    >>> is_lede("The council met on Monday to vote on the budget for the year …"), is_lede("Read more...")
    (True, False)
    >>> is_lede("The council met on Monday to vote on the budget for the year … Daily News 1 day ago")
    True
    """
    end = text[-_TAIL_MAX_CHARS - 8 :]
    if "…" not in end and ".." not in end and "⋯" not in end:
        return False  # most lines: no search
    cut = _CUT_SHORT.search(text)
    return (
        cut is not None
        and len(cut["tail"]) <= _TAIL_MAX_CHARS
        and cut.start() >= LEDE_MIN_CHARS
        and width(text) <= LEDE_MAX_WIDTH
        and bool(_LETTER.search(text))
    )


def ledes(text: list[str]) -> set[int]:
    """The lines (stripped) that are ledes: cut short by an ellipsis (`is_lede`), or cut at
    one width that `MIN_TEASERS` or more lines of the page share (within `CUT_SLACK`), none
    ending a sentence and none running on from or into another such line (as the lines of a
    paragraph hard-wrapped at a fixed width do); no paragraph trailing off (`_trails_off`).

    >>> cut = ("The council voted nine to four on Monday night for the plan that the mayor had put "
    ...        "to the city hall in the spring and summer of")
    >>> page = ["Budget", cut, "1 hour ago", "Storm", cut[::-1], "2 hours ago", "Fire", cut.upper(), "Done."]
    >>> sorted(ledes(page)), sorted(ledes([cut, cut[::-1], cut.upper()]))
    ([1, 4, 7], [])
    """
    found = {i for i, t in enumerate(text) if is_lede(t)}
    # a line is at most twice as wide as it is long: shorter lines are neither cut nor just under a cut
    widths = {i: width(t) for i, t in enumerate(text) if 2 * len(t) >= CUT_MIN_WIDTH - _SHARP}
    wide = {i for i, w in widths.items() if w >= CUT_MIN_WIDTH and not ends_sentence(text[i])}
    shown = [i for i, t in enumerate(text) if t]
    # a line of a paragraph hard-wrapped at a fixed width runs on from or into another
    wrapped = {k for i, j in itertools.pairwise(shown) if i in wide and j in wide for k in (i, j)}
    cut = sorted((widths[i], i) for i in wide - wrapped)
    start = 0
    for end in range(1, len(cut) + 1):  # groups of widths within CUT_SLACK of their first
        if end < len(cut) and cut[end][0] - cut[start][0] <= CUT_SLACK:
            continue
        low = cut[start][0]
        # text wrapped at a width has lines of every width just under it; a cut is sharp
        below = sum(1 for w in widths.values() if low - _SHARP <= w < low)
        if end - start >= MIN_TEASERS and 2 * below < end - start:
            found |= {i for _, i in cut[start:end]}
        start = end
    return {i for i in found if not _trails_off(text, i, found)}


def _trails_off(text: list[str], i: int, found: set[int]) -> bool:
    """Whether a line cut short by an ellipsis is a paragraph trailing off: a whole sentence
    before the ellipsis (in Korean and Japanese, a sentence's ending: "…했어요..."), no outlet or
    age after it, and no headline above it (a post's previous paragraph, or its date). A list's
    item that shows a post's first sentence stands under the post's title.

    >>> lede = "지난주에 가족들이랑 제주도에 다녀왔어요. 첫날부터 비가 내리기 시작했어요..."
    >>> _trails_off(["2026. 5. 12.", lede], 1, {1}), _trails_off(["제주도 여행 후기", lede], 1, {1})
    (True, False)
    """
    cut = _CUT_SHORT.search(text[i])
    if cut is None or cut["tail"] or not sentence_final(text[i][: cut.start()].rstrip()):
        return False
    above = _previous(text, i)
    return above is None or above in found or not _titleish(text[above])


_SHARP = 20
"""Lines this much narrower than a cut width: few when lines are cut at it, many when wrapped."""


def find(lines: list[str], cut: set[int] | None = None) -> list[Teaser]:
    """The teasers of a page, in page order, each item once (a list shown twice gives its
    items once). `cut`: the page's `ledes`, when they are already known.

    >>> page = ["Home", "", "Storm hits coast",
    ...         "Winds of 120 km/h tore roofs off houses all along the coast in the …", "",
    ...         "Budget passes...", "The council voted nine to four for the plan that the mayor put to …"]
    >>> [(t.title, t.lines) for t in find(page)]
    [('Storm hits coast', (2, 3)), ('Budget passes...', (5, 6))]
    """
    text = [line.strip() for line in lines]
    cut = ledes(text) if cut is None else cut
    # a cut line right above a longer one is that teaser's cut headline
    titles = {
        i for i in cut if (j := _next(text, i)) is not None and j in cut and _title_above(text[i], text[j])
    }
    found: list[Teaser] = []
    seen: set[str] = set()
    for i in sorted(cut):
        if i in titles or text[i] in seen:
            continue
        seen.add(text[i])
        above = _previous(text, i)
        if above is not None and (above in titles or (above not in cut and _titleish(text[above]))):
            found.append(Teaser(text[above], text[i], (above, i)))
        else:
            found.append(Teaser(None, text[i], (i,)))
    return found


def _previous(text: list[str], i: int) -> int | None:
    """The nearest non-blank line above, at most two lines up."""
    return next((j for j in range(i - 1, max(-1, i - 3), -1) if text[j]), None)


def _next(text: list[str], i: int) -> int | None:
    return next((j for j in range(i + 1, min(len(text), i + 3)) if text[j]), None)


def _title_above(title: str, lede: str) -> bool:
    return len(title) <= TITLE_MAX_CHARS and 2 * len(title) <= len(lede) + LEDE_MIN_CHARS


def _titleish(text: str) -> bool:
    return len(text) <= TITLE_MAX_CHARS and bool(_LETTER.search(text))
