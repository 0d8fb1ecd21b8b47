"""One clipping's kept lines to stories: title, subtitles, byline, date, captions and body.

Moving a line into a field (title, caption, ...) is not a removal: the text stays in the
record. Only chrome and repeats are removals, counted and explained elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from clipclean.config import Config
from clipclean.stages.dedup import squash

_SENTENCE_END = re.compile(r"[.!?。！？…\"'”’»)\]]$|[다요죠음]\.?$")
_SUBTITLE_MARK = re.compile(r"^[-–—·•▶▷■□◆◇○●]\s*")
_BYLINE = re.compile(
    r"^\[?[^\]]{0,30}[가-힣]{2,4}\s*(?:기자|특파원|논설위원|선임기자)\]?(?:\s*\S+@\S+)?$"
    r"|^(?:by|written by|von|par|por|di)\s+\w",
    re.IGNORECASE,
)
_BYLINE_MAX_CHARS = 80
_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[.\-/년]\s*(?P<m>\d{1,2})\s*[.\-/월]\s*(?P<d>\d{1,2})(?!\d)"
    r"(?:\s*일)?(?:(?P<gap>[^\d\n]{0,12}?)(?P<H>\d{1,2}):(?P<M>\d{2}))?"
)
_DATELINE_MAX_CHARS = 40
_PM = re.compile(r"오후|午後|下午|p\.?m\.?", re.IGNORECASE)
_AM = re.compile(r"오전|午前|上午|a\.?m\.?", re.IGNORECASE)


@dataclass(frozen=True)
class Draft:
    """A story before it gets its id and language."""

    title: str | None
    subtitles: list[str] = field(default_factory=list)
    byline: str | None = None
    published: str | None = None
    captions: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    """0-based numbers of the clipping lines this story was made from."""


def split(
    lines: list[str],
    keep: list[bool],
    repeat_of: list[int | None],
    config: Config,
    title_hint: str | None = None,
) -> list[Draft]:
    """The stories in a clipping. For now every clipping is one story."""
    kept = [i for i, line in enumerate(lines) if keep[i] and line.strip()]
    shown_twice = {first for first in repeat_of if first is not None}
    title, rest = _title(lines, kept, config, title_hint)
    subtitles, rest = _subtitles(lines, rest, config)
    captions = [lines[i].strip() for i in rest if i in shown_twice]
    rest = [i for i in rest if i not in shown_twice]
    byline_at = next((i for i in rest if _is_byline(lines[i])), None)
    rest = [i for i in rest if i != byline_at]
    published, date_at = _published(lines, rest)
    rest = [i for i in rest if i != date_at]
    if published is None and byline_at is not None:
        published = parse_date(lines[byline_at])
    if not rest and not title:
        return []
    return [
        Draft(
            title=title,
            subtitles=subtitles,
            byline=lines[byline_at].strip().strip("[]") if byline_at is not None else None,
            published=published,
            captions=captions,
            paragraphs=[lines[i].strip() for i in rest],
            lines=kept,
        )
    ]


def _title(
    lines: list[str], kept: list[int], config: Config, hint: str | None
) -> tuple[str | None, list[int]]:
    """A known title (from HTML metadata) or a first line that reads like a headline."""
    if hint:
        return hint, [i for i in kept if squash(lines[i]) != squash(hint)]
    if len(kept) < 2:
        return None, kept
    first = lines[kept[0]].strip()
    if len(first) <= config.title_max_chars and not _SENTENCE_END.search(first):
        return first, kept[1:]
    return None, kept


def _subtitles(lines: list[str], rest: list[int], config: Config) -> tuple[list[str], list[int]]:
    """Deck lines: the run of short dash- or bullet-led lines right under the headline."""
    subtitles: list[str] = []
    for i in rest:
        line = lines[i].strip()
        if not _SUBTITLE_MARK.match(line) or len(line) > config.title_max_chars:
            break
        subtitles.append(_SUBTITLE_MARK.sub("", line))
    return subtitles, rest[len(subtitles) :]


def _is_byline(line: str) -> bool:
    line = line.strip()
    return len(line) <= _BYLINE_MAX_CHARS and bool(_BYLINE.search(line))


def _published(lines: list[str], rest: list[int]) -> tuple[str | None, int | None]:
    """The date on the story's first dateline (a short line that carries a date), and its line.

    Dates inside body sentences are events, not the publication date, so they are not used.
    """
    for i in rest:
        if len(lines[i].strip()) <= _DATELINE_MAX_CHARS:
            iso = parse_date(lines[i])
            if iso:
                return iso, i
    return None, None


def parse_date(text: str) -> str | None:
    """The first numeric date in a line as ISO 8601, with the time when one follows.

    >>> parse_date("입력 2021.06.07 오후 3:05"), parse_date("2021년 6월 7일"), parse_date("13.2021")
    ('2021-06-07T15:05', '2021-06-07', None)
    """
    for match in _DATE.finditer(text):
        year, month, day = (int(match.group(name)) for name in ("y", "m", "d"))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        if match.group("H"):
            iso += _time(int(match.group("H")), int(match.group("M")), match.group("gap") or "")
        return iso
    return None


def _time(hour: int, minute: int, gap: str) -> str:
    if _PM.search(gap) and hour < 12:
        hour += 12
    elif _AM.search(gap) and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else ""
