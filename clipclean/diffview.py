"""A clipping shown line by line: what the pipeline kept (and as which field) and what it cut, and why.

`rows` is pure: it labels each line of the clipping from the stories and removals that
`clipclean.pipeline.clean_clipping` returned. `render` turns the rows into a rich table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from clipclean.records import Removal, Story

#: Roles of kept lines, in the order a line's role is decided when its text fills several fields.
FIELD_ROLES = ("title", "subtitle", "caption", "byline")
BODY = "body"
BLANK = ""

_FIELD_STYLES = {"title": "bold", "subtitle": "bold italic", "caption": "italic", "byline": "cyan"}
_REMOVED_STYLE = "dim"
_REASON_STYLE = "red dim"
_LEADING_MARKS = re.compile(r"^[^\w\s]+\s*")  # the dash or bullet a subtitle line starts with


@dataclass(frozen=True)
class Row:
    """One line of the clipping as the pipeline treated it."""

    line: int
    """1-based line number, as in `Removal.line`."""
    text: str
    role: str
    """The removal reason for a removed line; else title, subtitle, caption, byline, body, or "" (blank)."""
    removed: bool = False


def rows(lines: list[str], stories: list[Story], removals: list[Removal]) -> list[Row]:
    """Label every line: removed with its reason, or kept as a field, body or blank.

    >>> story = Story("x-0", "x", 0, "Cat wins", ["A deck"], None, None, None, [], "Body.", None, "utf-8")
    >>> [(r.line, r.role) for r in rows(["Cat wins", "- A deck", "", "Body.", "▶"], [story],
    ...                                   [Removal(5, "▶", "no_letters")])]
    [(1, 'title'), (2, 'subtitle'), (3, ''), (4, 'body'), (5, 'no_letters')]
    """
    reasons = {removal.line: removal.reason for removal in removals}
    fields = _field_texts(stories)
    out = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if number in reasons:
            out.append(Row(number, text, reasons[number], removed=True))
        else:
            out.append(Row(number, text, _kept_role(text, fields)))
    return out


def _field_texts(stories: list[Story]) -> dict[str, set[str]]:
    """For each field role, the texts the stories put in it."""
    fields: dict[str, set[str]] = {role: set() for role in FIELD_ROLES}
    for story in stories:
        fields["title"].update(filter(None, [story.title]))
        fields["subtitle"].update(story.subtitles)
        fields["caption"].update(story.captions)
        fields["byline"].update(filter(None, [story.byline]))
    return fields


def _kept_role(text: str, fields: dict[str, set[str]]) -> str:
    """The field a kept line went to, matched by its text (fields drop a leading dash or brackets)."""
    if not text:
        return BLANK
    candidates = {text, text.strip("[]"), _LEADING_MARKS.sub("", text)}
    return next((role for role in FIELD_ROLES if candidates & fields[role]), BODY)


def render(view: Iterable[Row]) -> Table:
    """The rows as a table: line number, role or reason, text; removed lines dim, fields styled."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("role", no_wrap=True)
    table.add_column("text", overflow="fold")
    for row in view:
        if row.removed:
            table.add_row(str(row.line), Text(row.role, _REASON_STYLE), Text(row.text), style=_REMOVED_STYLE)
        else:
            style = _FIELD_STYLES.get(row.role, "")
            shown_role = "" if row.role == BODY else row.role
            table.add_row(str(row.line), Text(shown_role, style), Text(row.text, style))
    return table


def tally(view: Iterable[Row]) -> str:
    """One line counting the kept lines and the removed ones by reason (blank lines are neither).

    >>> tally([Row(1, "Cat", "title"), Row(2, "", ""), Row(3, "▶", "no_letters", True),
    ...        Row(4, "ⓒ", "copyright", True)])
    'clipclean: 1 lines kept, 2 removed: copyright 1, no_letters 1'
    """
    view = list(view)
    removed = Counter(row.role for row in view if row.removed)
    kept = sum(1 for row in view if not row.removed and row.role != BLANK)
    by_reason = ", ".join(f"{reason} {n}" for reason, n in sorted(removed.items()))
    return f"clipclean: {kept} lines kept, {sum(removed.values())} removed" + (
        f": {by_reason}" if by_reason else ""
    )
