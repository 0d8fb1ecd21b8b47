"""A clipping's lines to stories: where each story starts, and its title, subtitles, byline,
date, captions and body.

The chrome stage marks which lines are article body. This stage reads the structure around
the body:

1. Body lines that look like photo captions (shown twice in the page, a photo credit, a
   position note like "(왼쪽)" or "(from left)") become captions.
2. The body is cut into stories where a gap between two body runs holds a new headline: after
   a reporter's sign-off, or a headline with subtitles, a kicker or captions (one short line
   between paragraphs is an intertitle, not a new story).
3. Each story's header — the lines just above its body — gives the title (a headline shown
   twice; else the line above the byline and dateline; else the top of the headline group,
   with a short kicker line joined to it), subtitles, captions, byline and date. A headline
   must name what the first paragraphs tell: when the header's does not, the line that echoes
   them most (`fields.echo`) up to TITLE_REACH lines above is the headline, one right above a
   dateline or byline first, and a title with no word of the body is none. A shorter line
   right over the one found that names the story too is the headline, and the one found its
   deck (a subtitle).
4. Paragraphs broken mid-word by a print layout are joined again.

Moving a line into a field is not a removal: its text stays in the record. Every line that
ends in no field and no paragraph keeps its removal reason.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from clipclean.config import Config
from clipclean.stages import fields
from clipclean.stages.chrome import AD_LABEL, MENU, READ_ALSO, RULE_REASONS, flat_clipping, line_reason
from clipclean.stages.layout import width
from clipclean.stages.linefeatures import ends_sentence
from clipclean.stages.repeats import squash

HEADER_LINES = 12
"""How far above a story's first body line its header may reach (non-blank lines)."""
TITLE_REACH = 30
"""How far above a story's first body line its headline may stand when found by its echo
of the body (non-blank lines): share buttons, bylines and pictures may come between."""
ECHO = 0.3
"""A headline found by its echo: at least this share of its terms are in the story's first
paragraphs (`fields.echo`); the header's own headline must echo the body half as much."""
TOP_LINES = 3
"""Of the body's first lines, this many headline-shaped ones may be its headline (under a
section name or a site's tagline that the chrome stage kept)."""
ECHO_BODY_CHARS = 1000
"""How much of the body (from its start) a headline's echo is measured against."""
NO_STORY = "no_story"
"""The reason for a line the chrome stage kept that no story took (a headline, a deck or a
caption with no story under it)."""
MAX_DECK_LINES = 4
"""A headline has at most this many deck lines under it; a longer run of dash-led lines is a list."""
MIN_STORY_WIDTH = 60
"""A run of body narrower than this (display columns: a Han, kana or Hangul character takes
two) after a headline is a teaser, not a story of its own."""
STORY_ABOVE_WIDTH = 150
"""A headline over a byline or date line amid the body opens a new story when the body above it
holds this much (another story's text, not a site's tagline or a teaser), and the body below it
`MIN_STORY_WIDTH` before the next headline."""
HEAD_RUN_WIDTH = 3 * STORY_ABOVE_WIDTH
"""The page's first run of body, one line or two narrower than this, is a headline or a deck over
the first story's header, not a story of its own. (Out of fold, twice `STORY_ABOVE_WIDTH` gave the
same text figures and 4 fewer titles right; a post of one long paragraph is wider.)"""


@dataclass(frozen=True)
class Draft:
    """A story before it gets its id and language."""

    title: str | None
    subtitles: list[str] = field(default_factory=list)
    byline: str | None = None
    published: str | None = None
    dated: str | None = None
    """The line `published` was read from (its language may say how to read it)."""
    captions: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    used: list[int] = field(default_factory=list)
    """0-based numbers of the clipping lines whose text went into this story."""
    kind: str = "article"
    """"article", or "teaser" for an item of a list of teasers (`--teasers`)."""
    body: list[int] = field(default_factory=list)
    """The lines of `used` that are its paragraphs and the captions among them (not its header)."""
    url: str | None = None
    """The source's address, where the clipping gives it alone under the headline."""


def split(
    lines: list[str],
    reasons: list[str | None],
    repeat_of: list[int | None],
    config: Config,
    title_hint: str | None = None,
    articles: Sequence[int] | None = None,
) -> list[Draft]:
    """The stories in a clipping (an empty list when it holds no article text).

    With `articles`, the lines are the main content of articles as an extractor gives them,
    each starting at one of these line numbers: one story each, whose headings and list
    items stay in its body (its captions come from the page's markup, not from here)."""
    # an ad's label, set between paragraphs, is no header's line: it reads as the blank it stands for
    text = [line.strip() if reasons[i] != AD_LABEL else "" for i, line in enumerate(lines)]
    shown_twice = _shown_twice(text, reasons, repeat_of)
    menus = {i for i, reason in enumerate(reasons) if reason == MENU}
    blocks = not flat_clipping(lines)  # with no blank line at all, every line stands in a block
    captions = {
        i
        for i, t in enumerate(text)
        if t
        and not articles
        and repeat_of[i] is None
        and reasons[i] not in RULE_REASONS
        and (i in shown_twice or fields.is_caption(t, in_block=blocks and _in_block(text, i)))
    }
    hint = squash(title_hint or "")
    body = [i for i, t in enumerate(text) if t and reasons[i] is None and repeat_of[i] is None]
    body = [i for i in body if not hint or squash(text[i]) != hint]  # the known title is not body
    body = [i for i in body if i not in captions]
    segments: list[tuple[int, int, list[int]]]
    if articles:
        segments = _article_segments(body, articles)
    else:
        body = _demote_headers(text, body, captions, repeat_of)
        segments = _segments(text, body, captions)
    stories = []
    clipped = not articles
    for k, (start, end, header) in enumerate(segments):
        segment = [i for i in body if start <= i <= end]
        draft = _draft(text, segment, header, captions, shown_twice, repeat_of, menus, config, clipped, not k)
        stories.append(draft)
    if title_hint and stories and not stories[0].title:
        stories[0] = replace(stories[0], title=title_hint)
    elif articles and hint and stories and stories[0].title:  # the line under the known title
        stories[0] = _under_known_title(stories[0], title_hint or "", text)
    if hint and stories and squash(stories[0].title or "") == hint:  # the known title's own line is its title
        titled = {*stories[0].used, *(i for i, t in enumerate(text) if squash(t) == hint)}
        stories[0] = replace(stories[0], used=sorted(titled))
    return stories


def _under_known_title(draft: Draft, title: str, text: list[str]) -> Draft:
    """An extractor's article under the page's known title: the line the draft took for its own
    title is the deck under it (a subtitle), or, when it is wider than all the text below it, the
    text's first paragraph (a short post whose first line is shaped like a headline). A deck
    sums up the text it stands over: it is never the longer.

    >>> names = "Park (founder), Lee (treasurer), Choi (captain)"
    >>> draft = Draft(names, paragraphs=["Same crowd."], used=[0, 1], body=[1])
    >>> post = _under_known_title(draft, "Old", [names, "Same crowd."])
    >>> post.title, post.subtitles, post.paragraphs, post.body
    ('Old', [], ['Park (founder), Lee (treasurer), Choi (captain)', 'Same crowd.'], [0, 1])
    """
    line = draft.title or ""
    if width(line) <= sum(map(width, draft.paragraphs)):
        return replace(draft, title=title, subtitles=[line, *draft.subtitles])
    own = [i for i in draft.used if text[i] == line and i not in draft.body]
    return replace(
        draft, title=title, paragraphs=[line, *draft.paragraphs], body=sorted({*own[:1], *draft.body})
    )


def _shown_twice(text: list[str], reasons: list[str | None], repeat_of: list[int | None]) -> set[int]:
    """The lines shown twice one by one (a headline, a caption), not as a passage: not in a run
    repeated in the same order (`repeated_runs`), and none when the lines shown twice hold
    `BODY_TWICE` of the page's kept text or more (the body shown twice in another order or
    layout: a print copy whose paragraphs come between other lines). A line longer than a
    caption (`fields.CAPTION_MAX_CHARS`) counts only when a copy follows within
    `CAPTION_REACH` lines, as a long caption does (under its photo and in its viewer): copied
    further down, it is a paragraph of the body quoted elsewhere (a summary, a box of excerpts).

    >>> long = "The council voted on Monday to close the old bridge to all traffic. " * 3
    >>> text = ["Storm", "A crowd at the harbour.", long, "A crowd at the harbour.", *[""] * 20, long]
    >>> sorted(_shown_twice(text, [None] * len(text), [None, None, None, 1, *[None] * 20, 2]))
    [1]
    """
    copies = [(first, k) for k, first in enumerate(repeat_of) if first is not None]
    twice = {first for first, _ in copies} - repeated_runs(text, repeat_of)
    long = {first for first, _ in copies if len(text[first]) > fields.CAPTION_MAX_CHARS}
    twice -= long - {first for first, k in copies if k - first <= CAPTION_REACH}
    kept = sum(len(t) for i, t in enumerate(text) if reasons[i] is None and repeat_of[i] is None)
    if len(twice) >= RUN_LINES and sum(len(text[i]) for i in twice) >= BODY_TWICE * kept:
        return set()
    return twice


BODY_TWICE = 0.6
"""A body shown twice: its copies hold at least this share of the page's text. (Text mode:
the share of the kept text in lines shown twice; out of fold, 0.5 and 0.7 give the same
figures. Extractor text, `pipeline._passages_shown_twice`: the share of its paragraphs.)"""
CAPTION_REACH = 15
"""A long line shown twice is a caption when its copy follows within this many lines. (Text
mode out of fold: `pages-more` +0.0006, 15 pages up, one down by 0.001; reaches of 11 to 18 give
the same: under 11 a news agency's 460-character caption, shown again 11 lines below, is taken
for body, and from 19 a paragraph quoted 19 lines below it is taken for a caption.)"""
RUN_LINES = 3
"""Lines repeated in the same order this many at a time are a passage shown twice, not captions."""


def repeated_runs(text: list[str], repeat_of: list[int | None]) -> set[int]:
    """The lines (both copies) that repeat as part of a run of consecutive lines repeated
    in the same order (a body shown twice: a print copy, a second tab), not one by one (a
    caption shown twice).

    >>> text = ["Cap", "Other", "A.", "B.", "C.", "Cap", "A.", "B.", "C."]
    >>> sorted(repeated_runs(text, [None, None, None, None, None, 0, 2, 3, 4]))
    [2, 3, 4, 6, 7, 8]
    """
    following = _next_lines(text)
    pairs = [(first, k) for k, first in enumerate(repeat_of) if first is not None]
    runs: set[int] = set()
    for first, k in pairs:
        run = [first, k]
        while len(run) < 2 * RUN_LINES:
            a, b = following[first], following[k]
            if a is None or b is None or repeat_of[b] != a:
                break  # the next lines of the two copies are not a pair in the same order
            first, k = a, b
            run += [first, k]
        if len(run) >= 2 * RUN_LINES:
            runs.update(run)
    return runs


def _next_lines(text: list[str]) -> list[int | None]:
    """The next non-blank line after each line."""
    out: list[int | None] = [None] * len(text)
    after: int | None = None
    for i in range(len(text) - 1, -1, -1):
        out[i] = after
        if text[i]:
            after = i
    return out


def _article_segments(body: list[int], starts: Sequence[int]) -> list[tuple[int, int, list[int]]]:
    """(first body line, last body line, no header) of each article that has body lines."""
    ends = [*starts[1:], body[-1] + 1] if body else []
    segments: list[tuple[int, int, list[int]]] = []
    for start, end in zip(starts, ends, strict=False):
        inside = [i for i in body if start <= i < end]
        if inside:
            segments.append((inside[0], inside[-1], []))
    return segments


def _in_block(text: list[str], i: int) -> bool:
    """True when the line has a non-blank neighbour (it sits in a block, not alone)."""
    return bool((i > 0 and text[i - 1]) or (i + 1 < len(text) and text[i + 1]))


def _demote_headers(
    text: list[str], body: list[int], captions: set[int], repeat_of: list[int | None]
) -> list[int]:
    """Body lines that are really a story's header: deck lines, and headlines after a
    reporter's sign-off or above a deck line, a caption or another header line. Walked
    bottom-up, so a headline group above a story is taken off the body as a whole. A line of
    a hard-wrapped paragraph (one that a body line continues, or that continues the body line
    above it) is never a header, whatever the lines below it were taken for, and neither is
    an item of a list (`_list_items`) or a line that introduces what follows (`fields.introduces`;
    text mode out of fold, training seeds 0/1: `pages-more` +0.0005/+0.0003, `pages-cjk`
    +0.0005/+0.0005). A line that repeats an earlier one exactly
    is no header line below a headline: a caption shown under each of a post's photos, which
    would otherwise take every sentence above a photo that ends in "!" or "?" off the body. (A
    near repeat may be the next teaser of a list whose items one template makes, which this
    walk takes off the body as it should. Text mode out of fold, training seeds 0-2:
    `pages-more` +0.0007, `dev/pages` +0.0012, each seed up; the other sets unchanged.)

    >>> post = ["A day at the park!", "The crowd was huge at noon!", "We stayed till nine!"]
    >>> text = ["Park Daily", post[0], post[1], "Park Daily", post[2], "Park Daily"]
    >>> _demote_headers(text, [1, 2, 4], set(), [None, None, None, 0, None, 0])
    [1, 2, 4]
    """
    kept = set(body)
    lines_of_body = set(body)
    items = _list_items(text, body)
    chars_above = list(itertools.accumulate((width(text[i]) for i in body), initial=0))
    for i in reversed(body):
        after = _neighbour(text, i, +1)
        before = _neighbour(text, i, -1)
        if (after is not None and after in lines_of_body and _broken(text[i], text[after])) or (
            before is not None and before in lines_of_body and _broken(text[before], text[i])
        ):
            continue  # a line of a hard-wrapped paragraph, not a headline
        if i in items:
            continue
        if fields.is_subtitle(text[i]):
            kept.discard(i)
        elif fields.is_headline(text[i]) and not fields.introduces(text[i]):
            signed_off = before is not None and (
                fields.is_byline(text[before]) or fields.is_email(text[before])
            )
            deck_below = after is not None and (
                after in captions
                or (fields.is_subtitle(text[after]) and after not in items)
                or (
                    after not in kept
                    and not _exact_repeat(text, repeat_of, after)
                    and fields.is_headline(text[after])
                )
            )
            # a headline with a byline or date line right under it or over it, under another
            # story's paragraph: both open a story
            credit = next((j for j in (after, before) if j is not None and fields.is_credit(text[j])), None)
            if credit is not None and _opens_story(text, body, chars_above, min(i, credit), max(i, credit)):
                kept.difference_update((i, credit))
            elif signed_off or deck_below:
                kept.discard(i)
    return [i for i in body if i in kept]


def _opens_story(text: list[str], body: list[int], chars_above: list[int], first: int, last: int) -> bool:
    """Whether a headline and its credit line (lines `first` to `last`) amid the body open a
    story: `STORY_ABOVE_WIDTH` of body above them, ending a sentence or in a label of one term
    (the section's name over the headline, which the chrome stage kept), and a story below."""
    k = bisect.bisect_left(body, first)
    above = text[body[k - 1]]
    return (
        chars_above[k] >= STORY_ABOVE_WIDTH
        and (ends_sentence(above) or fields.is_label(above))  # or the section's name over it
        and _story_below(text, body[bisect.bisect_right(body, last) :])
    )


def _story_below(text: list[str], below: list[int]) -> bool:
    """Whether the body lines `below` open with `MIN_STORY_WIDTH` of text before a headline."""
    chars = 0
    for i in below:
        if chars >= MIN_STORY_WIDTH or fields.is_headline(text[i]):
            break
        chars += width(text[i])
    return chars >= MIN_STORY_WIDTH


def _exact_repeat(text: list[str], repeat_of: list[int | None], i: int) -> bool:
    """Whether line i repeats an earlier line word for word (not only nearly)."""
    first = repeat_of[i]
    return first is not None and squash(text[i]) == squash(text[first])


def _list_items(text: list[str], body: list[int]) -> set[int]:
    """Body lines that are the items of a list, not the deck lines or headlines of a story:
    lines led by a dash whose run is longer than MAX_DECK_LINES, or follows a line that
    introduces it (ending in a colon or a semicolon) or ends a sentence ("Here is the full
    changelog:", then twenty items); and the block of two lines or more right below a body line
    that ends in a colon, a list whose bullets the clipping lost ("Here's what you will learn:",
    then five short lines). (The block: text mode out of fold, training seeds 0-2, `pages-more`
    +0.0008, each seed up; the other sets unchanged.)

    >>> page = ["Changes:", "- Faster start", "- Fewer crashes", "", "Storm hits coast", "- Roofs torn off"]
    >>> _list_items(page, [0, 1, 2, 4, 5])
    {1, 2}
    >>> page = ["You will learn:", "", "How to read faster", "How to take notes", "", "Storm hits"]
    >>> _list_items(page, [0, 2, 3, 5])
    {2, 3}
    """
    runs: list[list[int]] = []
    for i, line in enumerate(text):
        if line[:1] in "-–—" and fields.is_subtitle(line):  # the dash first: most lines need no match
            if runs and _neighbour(text, i, -1) == runs[-1][-1]:
                runs[-1].append(i)
            else:
                runs.append([i])
    items: set[int] = set()
    for run in runs:
        lead = _neighbour(text, run[0], -1)
        if len(run) > MAX_DECK_LINES or (
            lead is not None and (text[lead].endswith((":", "：", ";")) or ends_sentence(text[lead]))
        ):
            items.update(run)
    for lead in body:
        first = _neighbour(text, lead, +1)
        if first is not None and text[lead].endswith((":", "：")):
            block = list(itertools.takewhile(lambda i: bool(text[i]), range(first, len(text))))
            if len(block) >= 2:
                items.update(block)
    return items.intersection(body)


def _neighbour(text: list[str], i: int, step: int) -> int | None:
    j = i + step
    while 0 <= j < len(text) and not text[j]:
        j += step
    return j if 0 <= j < len(text) else None


def _segments(text: list[str], body: list[int], captions: set[int]) -> list[tuple[int, int, list[int]]]:
    """(first body line, last body line, header lines) of each story. A run narrower than
    MIN_STORY_WIDTH is the story's above it; the page's first run, when it is one line or two
    (not starting as a wrapped line's lower-case end), is the first story's: its headline, its
    deck or both, kept by the chrome stage above the labels it took out (byline, date, source,
    views, share buttons). (Text mode, every dev clipping, against no such rule: 86 pages
    change; against the pages' metadata titles 637 -> 659 right, none fewer; body unchanged
    on `pages-more`, where four L3S and Dragnet pages lose 0.02-0.09, as their gold keeps the
    headline in the text or a comment's snippet came with it, and others gain.)"""
    if not body:
        return []
    cuts = [0]
    run_chars = 0
    for k in range(1, len(body)):
        run_chars += width(text[body[k - 1]])
        gap = [i for i in range(body[k - 1] + 1, body[k]) if text[i]]
        if _starts_story(text, gap, captions, run_chars):
            cuts.append(k)
            run_chars = 0
    segments = []
    for n, cut in enumerate(cuts):
        last = (cuts[n + 1] if n + 1 < len(cuts) else len(body)) - 1
        segments.append((body[cut], body[last]))
    merged = [segments[0]]
    for start, end in segments[1:]:
        chars = sum(width(text[i]) for i in body if start <= i <= end)
        if chars < MIN_STORY_WIDTH:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    if len(merged) > 1 and _over_first_story(text, [i for i in body if i <= merged[0][1]]):
        merged[:2] = [(merged[0][0], merged[1][1])]  # a headline or deck above the first story's header
    headers = []
    for n, (start, _end) in enumerate(merged):
        floor = merged[n - 1][1] + 1 if n else 0
        above = [i for i in range(floor, start) if text[i]]
        headers.append(above[-TITLE_REACH:])
    return [(start, end, header) for (start, end), header in zip(merged, headers, strict=True)]


def _over_first_story(text: list[str], run: list[int]) -> bool:
    """Whether the page's first run of body is a headline, a deck or both over the first story's
    header: one line or two, narrower than `HEAD_RUN_WIDTH` together (not a post of one long
    paragraph), not a wrapped line's lower-case end, nor a lede cut short ("…"), which is a
    teaser's."""
    return (
        len(run) <= 2
        and sum(width(text[i]) for i in run) < HEAD_RUN_WIDTH
        and not text[run[0]][:1].islower()
        and not text[run[-1]].endswith(("…", "..."))
    )


def _starts_story(text: list[str], gap: list[int], captions: set[int], run_chars: int) -> bool:
    """A gap between body runs opens a new story when it holds a headline with company: a
    byline or a date line under it, or over it under a story (`run_chars` of body above)."""
    # a label of one term ("Ingredientes", "解決方法") is an intertitle, no new story's headline
    headlines = [i for i in gap if fields.is_headline(text[i]) and not fields.is_label(text[i])]
    if not headlines:
        return False
    if any(fields.is_byline(text[i]) for i in gap if i < headlines[-1]):
        return True  # a sign-off, then a new headline
    above = run_chars >= STORY_ABOVE_WIDTH
    company = [
        i
        for i in gap
        if i in captions
        or fields.is_headline(text[i])
        or fields.is_subtitle(text[i])
        or ((above or i > headlines[0]) and fields.is_credit(text[i]))
    ]
    return len(company) >= 2


def _draft(
    text: list[str],
    segment: list[int],
    header: list[int],
    captions: set[int],
    shown_twice: set[int],
    repeat_of: list[int | None],
    menus: set[int],
    config: Config,
    clipping: bool = True,
    leading: bool = True,
) -> Draft:
    """One story from its body lines and the lines above them (`clipping`: from a text clipping
    or a rendered page, not an extractor's text; `leading`: the page's first story, whose header
    is the page's top, not an aside between two stories)."""
    limit = config.title_max_chars
    head = fields.read_header(text, header[-HEADER_LINES:], shown_twice, repeat_of, limit)
    body = _opening_terms(text, segment)
    top = TOP_LINES if clipping else 1  # an extractor's text: its title is known, its first line may be it
    headline = _echoed_headline(text, header, segment, top, limit, head.title, body)
    deck = None
    if headline is not None:
        deck, headline = _over_deck(text, headline, segment, repeat_of, menus, limit)
        segment = [i for i in segment if i != deck]
    if headline is not None:  # its fields stand below it; its date may stand above it too
        above = [i for i in segment if i < headline]  # a section name, a site's tagline: no story's
        segment = [i for i in segment if i > headline] if headline in segment else segment
        under = _under(text, headline, segment)
        around = sorted(
            {*header[-HEADER_LINES:], *above, headline, *(i for i in header if i > headline), *under}
        )
        head = fields.read_header(text, around, shown_twice, repeat_of, limit, title=headline)
        if deck is not None:  # the line found was the deck under it
            subtitles = _unique([text[deck], *head.subtitles])
            head = replace(head, subtitles=subtitles, used=sorted({*head.used, deck}))
    else:
        stray = []  # the header's title, which names nothing the story tells
        if head.title is not None and not fields.shares_a_term(head.title, body):
            stray = head.title_lines
            head = _untitled(head, text, body)
            first_heads = _credited(text, segment, 0, limit)
        else:
            first_heads = head.title is None and len(segment) > 1 and _first_headline(text, segment, limit)
        credit = (
            [segment[0]]
            if clipping and not first_heads and head.title is None and _credited(text, segment, 1, limit)
            else []
        )
        if stray and leading and not (first_heads or credit):
            lines = [i for i in header[-HEADER_LINES:] if text[i] not in {text[j] for j in stray}]
            head = _retitled(text, lines, head, body, limit)
        if first_heads or credit:  # a clean article, or one under a menu: its first line is the headline
            title, segment = segment[len(credit)], segment[len(credit) + 1 :]
            below = fields.read_header(
                text, [*credit, title, *_under(text, title, segment)], shown_twice, repeat_of, limit, title
            )
            head = _above_and_below(head, below)
    # an address alone under the headline is the source's (a clipper's "Source: …" link)
    addressed = head.title and len(segment) > 1 and fields.is_address(text[segment[0]], site_name=False)
    source = segment[:1] if addressed else []
    segment = segment[len(source) :]
    tail = [i for i in range(segment[-1] + 1, segment[-1] + 4) if i < len(text) and text[i]]
    signoff = [text[i] for i in tail[:2] if fields.is_byline(text[i]) or fields.is_email(text[i])]
    paragraphs = [text[i] for i in segment]
    prefix_byline, paragraphs[0] = fields.split_byline_prefix(paragraphs[0])
    # a byline or a dateline the chrome stage kept as the body's first lines stays in the text
    # (for an extractor's text, the page's metadata gives them); one among them taken for a
    # caption (a date line shown over each story of a page) gives its field and is no caption;
    # one the chrome stage took out between them (under a lede) gives its field too
    inside = [i for i in sorted(captions) if segment[0] <= i <= segment[-1] and not fields.is_label(text[i])]
    first = segment[:2]
    between = [i for i in range(first[0], first[-1]) if i not in segment and fields.is_credit(text[i])]
    between = between if clipping else []
    opening_at = sorted({*first, *between, *(i for i in inside if i < first[-1])}) if clipping else []
    opening = [text[i] for i in opening_at]
    bylines = [b for b in (head.byline, prefix_byline, *filter(fields.is_byline, opening), *signoff) if b]
    datelines = [*bylines, *(t for t in opening if fields.is_dateline(t, fields.DATED_MAX_CHARS))]
    dated, published = (head.dated, head.published)
    if published is None:  # the first of the lines below the header that gives a date
        dated, published = next(((t, d) for t in datelines if (d := fields.parse_date(t))), (None, None))
    if published is None and clipping and (published := fields.lede_date(paragraphs[0])):
        dated = paragraphs[0]  # or the dateline that opens the first paragraph
    credits = {dated, *bylines[:1]}  # the opening's date line or byline, shown twice, is not a caption
    return Draft(
        title=fields.headline_text(head.title, body) if head.title else None,
        subtitles=head.subtitles,
        byline=bylines[0].strip("[]/ ") if bylines else None,
        published=published,
        dated=dated,
        captions=_unique(head.captions + [text[i] for i in inside if text[i] not in credits]),
        paragraphs=join_broken(paragraphs),
        used=sorted(
            {*head.used, *source, *segment, *inside, *between, *(i for i in tail[:2] if text[i] in signoff)}
        ),
        body=sorted({*segment, *inside}),
        url=text[source[0]] if source else None,
    )


OVER_DECK_WIDTH = 20
"""A headline over its deck is this many display columns wide at least (not a section's label)."""


def _over_deck(
    text: list[str],
    echoed: int,
    segment: list[int],
    repeat_of: list[int | None],
    menus: set[int],
    max_chars: int,
) -> tuple[int | None, int]:
    """The deck and the headline, where the line found by its echo has a shorter headline right
    above it (no menu's item, no breadcrumb trail, no date line) that names what the story tells
    too: a headline is set over its deck, not under it, and a deck, being longer, may echo the
    body more. A deck right under its headline and over the byline or the date line may be the
    shorter of the two (a headline over a deck over "Հեղինակ՝ …", "Economists say state should
    temper spending" over "Possible slowdown could squeeze budget" over "By …"). Else no deck,
    and the line found is the headline."""
    above = next((i for i in range(echoed - 1, max(echoed - 3, -1), -1) if text[i]), None)
    after = next((i for i in range(echoed + 1, min(echoed + 3, len(text))) if text[i]), None)
    credited = above == echoed - 1 and after is not None and fields.is_credit(text[after])
    if (
        above is None
        or above in menus
        or repeat_of[above] is not None
        or width(text[above]) < OVER_DECK_WIDTH
        or (width(text[above]) >= width(text[echoed]) and not credited)
        or fields.is_numbered(text[above])  # a breadcrumb trail's item ("4. Berlin-Marathon: …")
        or fields.trail_end(text[above]) is not None  # a breadcrumb trail ("Home » The headline")
        or fields.is_dateline(text[above], fields.DATED_MAX_CHARS)  # a section's name and the date
        or text[above].endswith((":", "："))  # a kicker
        or not fields.is_headline(text[above], max_chars)
    ):
        return None, echoed
    rest = _opening_terms(text, [i for i in segment if i > echoed])
    echo = fields.echo(text[above], rest)
    return (echoed, above) if echo > ECHO and echo >= fields.echo(text[echoed], rest) / 2 else (None, echoed)


def _credited(text: list[str], segment: list[int], at: int, max_chars: int) -> bool:
    """Whether the body's line `at` (its first or second) is its headline, the other of the two
    its byline or date line, where the header above gives no title: headline-shaped, and some of
    its terms in the text below. (Some, not `ECHO`: the words of Turkish or Finnish take
    endings, so a headline's "limanda" is the text's "limana" or "limanın".)"""
    if len(segment) < 3 or not fields.is_credit(text[segment[1 - at]]):
        return False
    rest = _opening_terms(text, segment[2:])
    return _first_headline(text, segment[at:], max_chars) and fields.echo(text[segment[at]], rest) > 0


def _retitled(
    text: list[str], header: list[int], head: fields.Header, body: set[str], limit: int
) -> fields.Header:
    """The header of a story whose header's title named nothing it tells (a section's name,
    "Horoskope"; "お問い合わせ"; the author's name) and whose body opens with no headline, read
    again without that line and its copies, and with no line taken for one shown twice (the
    evidence that misled), as long as its title names nothing either (the section's name shown
    twice, then the author's name over the date): its headline, when it names a word of the
    story's opening (`fields.content_terms`: "Get the latest news" shares only "the" with a story) and echoes
    it as the header's own headline must (half `ECHO`); else the header as it was, untitled.
    (Text mode, shipped model, every dev clipping: 10 stories that had no title get their
    headline, nothing else changes. Counting short words too, 7 more get a title, 6 of them a
    stray line: "Continue reading the main story", "Log In Search", a cookie notice.)"""
    again = fields.read_header(text, header, set(), [None] * len(text), limit)
    while again.title is not None and not fields.shares_a_term(again.title, body):
        named = {text[i] for i in again.title_lines}
        rest = [i for i in header if text[i] not in named]
        if len(rest) == len(header):
            return head  # a title from no line of its own: nothing left to leave out
        header = rest
        again = fields.read_header(text, header, set(), [None] * len(text), limit)
    if again.title is None or not fields.content_terms(fields.terms(again.title) & body):
        return head  # it names nothing but a short word ("the", "for") the story uses too
    if not fields.is_headline(again.title, limit) or again.title[:1].islower():
        return head  # a notice's sentences, a line of a paragraph
    return again if fields.echo(again.title, body) >= ECHO / 2 else head


def _untitled(head: fields.Header, text: list[str], body: set[str]) -> fields.Header:
    """A header without its title, which names nothing the story tells ("Print", "Anzeige", a
    menu's items read as a headline and its deck), and without the deck lines under it that
    name nothing either (the menu's other items)."""
    deck = [i for i in head.used if text[i].lstrip("-–— ") in head.subtitles]
    stray = {*head.title_lines, *(i for i in deck if not fields.shares_a_term(text[i], body))}
    return replace(
        head,
        title=None,
        subtitles=[line for line in head.subtitles if fields.shares_a_term(line, body)],
        used=[i for i in head.used if i not in stray],
        title_lines=[],
    )


def _under(text: list[str], headline: int, segment: list[int]) -> list[int]:
    """The lines between a headline that stands in a story's body and the body's next line: its
    byline, date or deck, where the chrome stage took them out ("Yazar: Ayşe Demir" as a menu's
    item, say), are the story's header all the same."""
    return [i for i in range(headline + 1, segment[0]) if text[i]]


def _above_and_below(above: fields.Header, below: fields.Header) -> fields.Header:
    """The header of a story whose headline is its body's first line: the title and what stands
    under it (`below`), and, where that does not say, the byline or date above it (`above`)."""
    dated, published = (above.dated, above.published) if above.published else (below.dated, below.published)
    return replace(
        below,
        subtitles=[*above.subtitles, *below.subtitles],
        captions=[*above.captions, *below.captions],
        byline=below.byline or above.byline,
        published=published,
        dated=dated,
        used=sorted({*above.used, *below.used}),
    )


def _first_headline(text: list[str], segment: list[int], max_chars: int) -> bool:
    """Whether a body's first line is its headline: headline-shaped, not the first line of a
    paragraph wrapped short (`_runs_on`), nor one that ends in a colon over a list's item (it
    opens the list: "In this webinar we will cover:" over "- Quality Score")."""
    first, after = text[segment[0]], text[segment[1]]
    return (
        fields.is_headline(first, max_chars) and not _runs_on(first, after) and not _opens_list(first, after)
    )


def _opens_list(line: str, after: str) -> bool:
    """Whether a line ending in a colon stands over a list's item: it opens the list.

    >>> _opens_list("In this webinar we will cover:", "- Quality Score"), _opens_list("Analysis:", "Rain.")
    (True, False)
    """
    return line.endswith((":", "：")) and (fields.is_bullet(after) or after.startswith("- "))


def _runs_on(before: str, after: str) -> bool:
    """Whether a line left open runs on into the next, which starts in lower case and is no
    byline ("by Jane Doe"): a paragraph wrapped short, not a headline over its text. Only letters
    with a case tell: under a Han or Hangul headline, the text's first line starts as a wrapped
    line's would (which is why `_broken` is no test for a body's first line).

    >>> _runs_on("It was only a few months ago that lawmakers, worried", "about layoffs, said")
    True
    >>> _runs_on("Storm closes the coast road", "by Jane Doe")
    False
    >>> _runs_on("폭우로 도로 통제", "도로가 통제됐다."), _runs_on("Storm closes the coast road", "https://x.example/a")
    (False, False)
    """
    return (
        len(before) >= _JOIN_MIN_CHARS
        and bool(_ENDS_OPEN.search(before))
        and after[:1].islower()
        and not fields.is_credit(after)
        and not fields.is_byline(after)
        and not fields.is_address(after)
    )


def _echoed_headline(
    text: list[str],
    header: list[int],
    segment: list[int],
    top: int,
    max_chars: int,
    layout: str | None,
    body: set[str],
) -> int | None:
    """The line that names what the story's first paragraphs tell (`fields.echo`), when the
    headline the header's layout gives (`layout`) does not: of the headline-shaped lines above
    the body (TITLE_REACH) and its first `top` lines (while headline-shaped), the one with the
    highest echo over ECHO of what follows it, the nearest on a tie (`body`: the terms of the
    body's opening). Such a line right above a dateline or a byline is the headline, whatever
    the layout gives, as news pages set them. None to keep the layout's reading."""
    best, best_echo, against = None, ECHO, body
    for k in range(min(len(segment) - 1, top)):  # the body's first lines, while headline-shaped
        i = segment[k]
        below = text[segment[k + 1]]
        wrapped = _broken(text[i], below) if k else _runs_on(text[i], below)
        if not fields.is_headline(text[i], max_chars) or wrapped or _opens_list(text[i], below):
            break  # prose, a line of a hard-wrapped paragraph, or what a list's items follow
        rest = _opening_terms(text, segment[k + 1 :])  # what follows it, for it and the layout to echo
        if (score := fields.echo(text[i], rest)) > ECHO and fields.is_credit(text[segment[k + 1]]):
            return i
        if score > best_echo:
            best, best_echo, against = i, score, rest
    for k in reversed(range(len(header))):
        i = header[k]
        if (score := fields.echo(text[i], body)) <= ECHO or not fields.is_headline(text[i], max_chars):
            continue
        if fields.trail_end(text[i]) == "":
            continue  # a trail of sections ("Local News > Riverside County") names no story
        after = header[k + 1] if k + 1 < len(header) else segment[0]  # the body's first line, for the last
        if fields.is_credit(text[after]) and text[i] != layout:
            return i
        if score > best_echo:
            best, best_echo, against = i, score, body
    if best is None or (
        layout is not None
        and fields.echo(layout, against) >= best_echo / 2
        and fields.content_terms(fields.terms(layout) & against)  # not by "on" or "the" alone
    ):
        return None
    return best


def _opening_terms(text: list[str], lines: list[int]) -> set[str]:
    """The terms of a body's first ECHO_BODY_CHARS characters."""
    found: set[str] = set()
    chars = 0
    for i in lines:
        if chars >= ECHO_BODY_CHARS:
            break
        found |= fields.terms(text[i])
        chars += len(text[i])
    return found


def join_asides(drafts: list[Draft], lines: list[str]) -> list[Draft]:
    """Stories that are one article cut by an aside (a block of related headlines, a gallery,
    a box of job ads inside it) or by an intertitle made whole again. A story with no headline
    of its own, or whose title names the text of the story before it at least as well as its
    own text (`fields.echo`), continues that story; its title's and header's lines leave the
    record and keep their removal reasons. So does a story headed by its headline alone (no
    byline, date or deck), after a story that ends with its text and not with its credits, but
    its headline stays, an intertitle of the text (`_intertitle`: an intertitle under a line the
    model took out, a share bar or "the story goes on", read as the next story's headline). A
    dateline or a byline alone heads the story after it instead (`_credits_ahead`).

    >>> text = ["Storm hits towns", "Heavy storms hit three towns on Monday.", "More storms hit towns",
    ...         "By Ann Lee", "The storms cut power to the towns for hours."]
    >>> a = Draft("Storm hits towns", paragraphs=[text[1]], used=[0, 1], body=[1])
    >>> b = Draft("More storms hit towns", byline=text[3], paragraphs=[text[4]], used=[2, 3, 4], body=[4])
    >>> [(d.title, d.used) for d in join_asides([a, b], text)]
    [('Storm hits towns', [0, 1, 4])]
    >>> [(d.title, d.used) for d in join_asides([a, replace(b, title=None)], text)]
    [('Storm hits towns', [0, 1, 4])]
    >>> c = replace(b, title="Power cut for hours", byline=None, used=[2, 4])
    >>> [(d.paragraphs[1], d.used) for d in join_asides([a, c], text)]
    [('Power cut for hours', [0, 1, 2, 4])]
    >>> len(join_asides([a, replace(c, byline="By Ann Lee", used=[2, 3, 4])], text))
    2
    """
    joined: list[Draft] = []
    for draft in _credits_ahead(drafts):
        before = joined[-1] if joined else None
        if before is None or not draft.kind == before.kind == "article":
            joined.append(draft)
        elif _continues(draft, before, lines):
            joined[-1] = _joined(before, draft, [], [])
        elif _intertitle(draft, before):
            header = [i for i in draft.used if i not in draft.body]
            joined[-1] = _joined(before, draft, [draft.title or ""], header)
        else:
            joined.append(draft)
    return joined


def _joined(before: Draft, draft: Draft, heading: list[str], header: list[int]) -> Draft:
    """`before` with `draft`'s text after its own, under `heading` (from the `header` lines)."""
    return replace(
        before,
        captions=_unique(before.captions + draft.captions),
        paragraphs=before.paragraphs + heading + draft.paragraphs,
        used=sorted({*before.used, *header, *draft.body}),
        body=sorted({*before.body, *header, *draft.body}),
    )


def _credits_ahead(drafts: list[Draft]) -> list[Draft]:
    """The drafts, each story with no headline that is only a dateline or a byline ("Tuesday,
    26th December 2006" above a newspaper page's first story) made the first line of the story
    after it, and that story's date or byline where it has none of its own."""
    headed: list[Draft] = []
    for draft in reversed(drafts):
        after = headed[-1] if headed else None
        if after is not None and draft.kind == after.kind == "article" and _credit_only(draft):
            headed[-1] = replace(
                after,
                byline=after.byline or draft.byline,
                published=after.published or draft.published,
                dated=after.dated if after.published else draft.dated,
                paragraphs=draft.paragraphs + after.paragraphs,
                used=sorted({*draft.used, *after.used}),
                body=sorted({*draft.body, *after.body}),
            )
            continue
        headed.append(draft)
    return headed[::-1]


def _credit_only(draft: Draft) -> bool:
    return (
        not draft.title
        and bool(draft.paragraphs)
        and all(fields.is_credit(p.strip()) for p in draft.paragraphs)
    )


def _intertitle(draft: Draft, before: Draft) -> bool:
    """Whether `draft`'s title is an intertitle of the story before it: a headline alone (no
    byline, date or deck of its own), one line, over a body, after a story that ends with its
    text, not with its credits (a byline, a reporter's address) as a story on a page of several
    may. (A pointer to other stories taken for a title is none: `_continues` leaves it out.)"""
    header = [i for i in draft.used if i not in draft.body]
    return (
        bool(draft.title)
        and line_reason(draft.title or "") != READ_ALSO
        and draft.byline is None
        and draft.published is None
        and not draft.subtitles
        and bool(draft.body)
        and len(header) == 1
        and bool(before.body)
        and max(before.used) == max(before.body)
    )


def _continues(draft: Draft, before: Draft, lines: list[str]) -> bool:
    """Whether `draft` continues the story `before` it: it has no headline of its own (or only a
    pointer to other stories taken for one), or its title names the text before it at least as
    well as its own."""
    if not draft.title or line_reason(draft.title) == READ_ALSO:
        return True  # no headline, or a pointer to other stories ("Lesen Sie auch") taken for one
    ahead = fields.echo(draft.title, _opening_terms(lines, draft.body))
    return ahead > 0 and fields.echo(draft.title, _opening_terms(lines, before.body[::-1])) >= ahead


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if squash(item) not in seen:
            seen.add(squash(item))
            out.append(item)
    return out


_ENDS_OPEN = re.compile(r"[\w,、，،]$")
"""A paragraph left open: its last character a letter, a digit or a comma (of any script)."""
_STARTS_CJK = re.compile(r"^[가-힣\u3040-\u30ff\u4e00-\u9fff]")
_JOIN_MIN_CHARS = 20


def join_broken(paragraphs: list[str]) -> list[str]:
    """Join paragraphs that a print layout broke mid-sentence.

    A paragraph that ends without closing punctuation, followed by one that starts like a
    continuation (lower case in any script, Hangul, kana or Han), is the same paragraph. Between Hangul or
    CJK characters the break was mid-word, so nothing is put between the halves (but a line
    that ended its paragraph without a mark, `_ended_unmarked`, is not joined at all); a
    hyphen that split a Latin word is removed; otherwise the halves are joined with a space.

    >>> rest = "했고, 교통 유관기관이 참여하는 협업팀도 꾸려 올해 사고가 잦았던 "
    >>> rest += "교차로 서른 곳의 신호 체계와 차로를 모두 바꿨다."
    >>> [len(p) for p in join_broken(["특히 지난 4월부터 안전속도 5030을 전면 시행", rest, "끝."])]
    [92, 2]

    >>> join_broken(["It was a very long exam-", "ple of work, and", "it ended.", "New paragraph."])
    ['It was a very long example of work, and it ended.', 'New paragraph.']
    >>> join_broken(["この前、買い物に子供と一緒に行った時に、", "息子が急に走り出した。"])
    ['この前、買い物に子供と一緒に行った時に、息子が急に走り出した。']
    >>> join_broken(["Совет проголосовал в понедельник за", "закрытие старого моста."])
    ['Совет проголосовал в понедельник за закрытие старого моста.']
    >>> join_broken(["Storm closes the coast road near the harbour", "https://x.example/storm", "the road"])
    ['Storm closes the coast road near the harbour', 'https://x.example/storm', 'the road']
    """
    out: list[str] = []
    for k, paragraph in enumerate(paragraphs):
        if out and _broken(out[-1], paragraph) and not _ended_unmarked(paragraphs[k - 1], paragraph):
            out[-1] = _glue(out[-1], paragraph)
        else:
            out.append(paragraph)
    return out


def _ended_unmarked(line: str, after: str) -> bool:
    """Whether a line that ends in a CJK or Hangul character, above one that starts with one,
    ended its paragraph without a mark rather than being cut mid-word: it holds a whole
    sentence already (a casual paragraph whose last sentence has no full stop), it is a dateline
    or a byline, or it and the line below are both short (`_CUT_CJK_CHARS`: a list of headlines,
    a heading above a short paragraph). A line cut mid-word is a sentence's first part, and the
    rest of its paragraph follows.

    >>> _ended_unmarked("2019年9月26日 10:56 东方日报", "据新华社消息，今日交通运输部举行新闻发布会。" * 3)
    True
    >>> _ended_unmarked("駅前に新しい店ができた。夜になると雰囲気が増す", "東京の中でも")
    True
    >>> _ended_unmarked("시청 앞 광장에 새 분수 생겨", "주말 비 소식에 나들이객 줄어")
    True
    """
    if not (fields.is_cjk(line[-1]) and fields.is_cjk(after[0])):
        return False
    if _SENTENCE_INSIDE.search(line) or fields.is_credit(line):
        return True
    return len(line) < _CUT_CJK_CHARS and len(after) < _CUT_CJK_CHARS


_CUT_CJK_CHARS = 60
"""Characters: a line cut mid-word by a print layout is as long as the layout's lines, or the
rest of its paragraph follows it; headlines and headings are shorter."""
_SENTENCE_INSIDE = re.compile(r"[.!?](?=\s)|[。！？](?=.)")


def _broken(before: str, after: str) -> bool:
    return (
        len(before) >= _JOIN_MIN_CHARS
        and bool(_ENDS_OPEN.search(before) or _hyphen_break(before))
        and (after[:1].islower() or bool(_STARTS_CJK.match(after)))  # a lower-case letter of any script
        and not fields.is_subtitle(before)
        and not fields.is_address(before)
        and not fields.is_address(after)
    )


def _hyphen_break(text: str) -> bool:
    """A word split by a hyphen at the line's end ("exam-", "прави-"): a lower-case letter before it."""
    return text[-1:] == "-" and text[-2:-1].islower()


def _glue(before: str, after: str) -> str:
    if _hyphen_break(before):
        return before[:-1] + after
    if (fields.is_cjk(before[-1]) or before[-1] in "、，") and fields.is_cjk(after[0]):
        return before + after
    return f"{before} {after}"
