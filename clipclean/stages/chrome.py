"""Which lines of a clipping are article text, and why the others are not.

A tagger: `classify` returns, for each line, None (article text) or the reason it is not.
Three cheap rules come first (a line without letters; a copyright footer; a pointer to
another story, "Read also: …", and the list under such a heading). Every other line
is scored by a two-pass tree ensemble over site-independent features (see linefeatures and
training/train_chrome.py): its own shape, its neighbours, blank-line blocks, runs of short
lines, position, repeats, and the page's main block; a clipping with no blank line at all, by
a second such model learnt for it (`flat_clipping`). What the model keeps is then kept whole
where the page's layout says it belongs together: a wrapped paragraph (`whole_paragraphs`) and
a list (`whole_lists`); a paragraph it doubted above the kept text's end that names what the
kept text names is kept too (`on_topic`), and so are a live report's entries (`live_entries`),
which the model reads as a thread of comments. The reason given for a line the model rejects
says what it looked like:
a menu (a run of short lines), something outside the article's main block, or other
boilerplate next to it.

Blank lines are layout, not content, and are never reported. Later stages may move a
rejected line into a field (a headline, a byline) instead of dropping it.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from pathlib import Path
from statistics import median_high

import numpy as np

from clipclean.config import MODEL_PATH
from clipclean.stages.fields import (
    MONTH_NAMES,
    content_terms,
    date_pattern,
    echo,
    introduces,
    is_bullet,
    is_numbered,
    list_number,
    terms,
)
from clipclean.stages.layout import width
from clipclean.stages.linefeatures import (
    NAMES,
    SECOND_NAMES,
    TERMINALS,
    ends_sentence,
    line_table,
    main_block,
    second_pass,
    unmarked_prose,
)
from clipclean.stages.trees import TreeEnsemble

NO_LETTERS = "no_letters"
COPYRIGHT = "copyright"
MENU = "menu"
OUTSIDE = "outside_article"
BOILERPLATE = "boilerplate"
COMMENTS = "comments"
READ_ALSO = "read_also"
AD_LABEL = "ad_label"
CONSENT = "consent"
SUBSCRIBE = "subscribe"
TAGS = "tags"
RULE_REASONS = frozenset({NO_LETTERS, COPYRIGHT, READ_ALSO, AD_LABEL, CONSENT, SUBSCRIBE, TAGS})
"""Reasons from the rules alone: such lines are never repeats of, nor taken back into, a story."""

THRESHOLD = 0.5
NEAR = 0.35
"""A sentence scoring at least this, inside the span of accepted article lines, is kept too."""
RELATIVE = 0.5
"""On a page where no line is sure, lines scoring this share of the page's best are kept."""
WRAPPED_CHARS = 50
"""A line this long that ends no sentence, over a line in lower case with no blank line between,
is a wrapped paragraph's line running on: as long as a line of prose set in a fixed width (a
wire story, a mail, a page of `<pre>`), longer than a menu's labels or a share bar's."""

_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_COPYRIGHT = re.compile(
    r"(?:^|\W)(?:©|ⓒ|(?:\(c\)|copyright)\s*(?:©|\(c\)|(?:19|20)\d\d)|all rights reserved|"
    r"무단\s?전재|재배포\s?금지|무단\s?복제|"
    r"版权所有|版權所有|無断転載|無斷轉載|alle rechte vorbehalten|tous droits réservés|"
    r"todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati)",
    re.IGNORECASE,
)
_COPYRIGHT_MAX_CHARS = 200
_COPYRIGHT_WORD = re.compile(r"(?:^|\W)(?:copyright\b|\(c\))", re.IGNORECASE)
"""The word or "(c)" alone makes a footer ("Copyright Information", "Privacy | Copyright",
"(c) Example News Service") unless the line is a sentence of prose (`_PROSE_WORDS` words or
more, ending a sentence): an article about copyright law says the word in many of its
sentences, and a list's third item may start with "(c)"."""
_PROSE_WORDS = 6
_COMMENT_HEADER = re.compile(
    r"^(?:\d+\.\s*)?\S.{0,80}?\s(?:says|said|wrote|writes|schrieb|schreibt|sagt|meint|skrev|skriver|"
    r"säger|siger|escribió|dice|escreveu|disse|a écrit|dit|ha scritto|ha detto|zegt|schreef|napisał|"
    r"pisze|napsal|říká|говорит|пишет|написал|говорить|пише|dedi ki|yazdı|berkata|menulis)\s*[:：]$"
    r"|\bcommented on$",
    re.IGNORECASE,
)
"""A comment's header in a blog's words for "says:" (WordPress's own, in the languages it is most
used in)."""
_MIN_COMMENT_HEADERS = 2
_TERMINAL_ENDS = tuple(TERMINALS)


def classify(lines: list[str], model: Path | None = MODEL_PATH) -> list[str | None]:
    """One verdict per line: None for article text, else the reason it is not.

    `model` is the weights file; with None only the rules apply (for text an extractor
    already cleaned): the line rules (`line_reason`), and the cut of readers' comments below the article.

    >>> classify(["", "▶ ▶ ▶", "ⓒ 2021 Example News. All rights reserved."])
    [None, 'no_letters', 'copyright']
    """
    verdicts = _pointed_lists(lines, [line_reason(line) for line in lines])
    if not model:
        return _cut_comments(lines, verdicts)
    index, table = line_table(lines)
    if not index:
        return verdicts
    flat = flat_clipping(lines)
    score = article_scores(table, model, flat=flat)
    texts = [lines[i].strip() for i in index]
    keep = on_topic(texts, whole_lists(select(score, table), index, texts, flat), score, table)
    short_run = table[:, NAMES.index("short_run")]
    block = _block_of(score, table)
    for k, i in enumerate(index):
        if verdicts[i] is None and not keep[k]:
            verdicts[i] = MENU if short_run[k] >= 0.3 else OUTSIDE if not block[k] else BOILERPLATE
    return _cut_comments(lines, live_entries(lines, _phrase_written(lines, verdicts)))


_PHRASE_WIDTH = 60
"""A line of a post written a phrase a line is at most this wide (display columns)."""
_GOES_ON = re.compile(r"(?:[はがをにでともへやのてね、，]|って|けど|から|ので|たら|ながら)$")
_PHRASE_ENDS = re.compile(
    r"(?:[{t}]|ます|ました|です|でした|ません|た|だ)[{c}]*$".format(
        t=TERMINALS, c=re.escape("\"'”’»“‘›)]」』")
    )
)
_TAIL_MARKS = r"[\s♡♥☆★~～ー笑wｗ\u2600-\u27bf\ufe0f\u200d\U0001f000-\U0001faff]"
_PHRASE_TAIL = re.compile(rf"(?<!{_TAIL_MARKS}){_TAIL_MARKS}+$")
"""The emoji, hearts, stars, laughs ("笑", "w") and long marks a post sets after a phrase (from
the run's start only: the search is linear)."""
_PHRASE_LINES = 10
_PHRASE_SHARE = 0.5
_PHRASE_REACH = 4


def _phrase_written(lines: list[str], verdicts: list[str | None]) -> list[str | None]:
    """The verdicts with a post written a phrase a line taken back from the model: a Japanese
    blog's way ("今日は", "家族3人で", "いちご狩りに", "行ってきました🍓"), each line too short for
    the model to tell from a menu's items. Such a line ends as a phrase goes on (a particle, a
    verb's joining form, a comma) or as a sentence ends, before the emoji and marks a post sets
    after them; a menu's items and a list's headlines are nouns or sentences, not phrases that
    go on. On a page with `_PHRASE_LINES` lines that go on or more, a line the model took out
    (not a rule) is text again where `_PHRASE_SHARE` of the lines around it, `_PHRASE_REACH`
    each way, are phrases, two of them going on."""
    shown = [i for i, line in enumerate(lines) if line.strip()]
    kinds = [_phrase(lines[i].strip()) for i in shown]
    if kinds.count(2) < _PHRASE_LINES:
        return verdicts
    out = list(verdicts)
    for k, i in enumerate(shown):
        if out[i] in (MENU, OUTSIDE, BOILERPLATE):
            around = kinds[max(0, k - _PHRASE_REACH) : k + _PHRASE_REACH + 1]
            if around.count(2) >= 2 and len(around) - around.count(0) >= _PHRASE_SHARE * len(around):
                out[i] = None
    return out


def _phrase(text: str) -> int:
    """2 for a short line of Japanese that goes on into the next, 1 for one that ends a
    sentence, else 0."""
    if not _KANA.search(text) or width(text) > _PHRASE_WIDTH:
        return 0
    text = _PHRASE_TAIL.sub("", text)
    if text.endswith(("...", "…")):
        return 0  # a headline cut short
    return 2 if _GOES_ON.search(text) else 1 if _PHRASE_ENDS.search(text) else 0


_KANA = re.compile(r"[\u3040-\u309f]")


def live_entries(lines: list[str], verdicts: list[str | None]) -> list[str | None]:
    """The verdicts with a live report's entries taken back from the model. A live report
    (a "live blog") tells its story in timestamped entries under its summary, each a header with
    a clock time ("20:24Antony Clements-Thrower", "2 hours ago10:05 Jon King", "13.45 BST"), its
    own headline and a few paragraphs; the model reads the run of them as it reads a thread of
    readers' comments, outside the article's main block. An entry's headline names what its
    paragraphs tell (`fields.echo`), a comment's first line does not; and a list of other
    stories, each a time, a headline and one line of lede, has no entry of several paragraphs.
    On a page with `LIVE_ENTRIES` entries of `_ENTRY_PARAGRAPHS` paragraphs or more, each
    entry's headline and prose (lines that end a sentence) the model took out are text again;
    its header, and what is not prose in it (a picture's credit, an embedded post's lines), stay
    out.

    >>> said = ["The coast road was closed by floods on Monday night, the police said."]
    >>> said += ["It stays shut until the water goes down, which may take a week."]
    >>> entry = ["{}:05 Ann Lee", "Floods close the coast road", *said]
    >>> page = ["Rain hit the coast all day, and more is on its way tonight."]
    >>> page += [line.format(hour) for hour in (9, 10, 11) for line in entry]
    >>> live_entries(page, [None] + [OUTSIDE] * 12)[1:5]
    ['outside_article', None, None, None]
    >>> live_entries(page[:9], [None] + [OUTSIDE] * 8)[1:5]  # two entries: no live report
    ['outside_article', 'outside_article', 'outside_article', 'outside_article']
    """
    shown = [i for i, line in enumerate(lines) if line.strip()]
    text = [lines[i].strip() for i in shown]
    headers = [k for k, line in enumerate(text) if _entry_header(line)]
    entries = []
    for n, k in enumerate(headers):
        end = headers[n + 1] if n + 1 < len(headers) else min(len(text), k + 2 + _ENTRY_LINES)
        body = [j for j in range(k + 2, end) if _prose_line(text[j])]
        if k + 1 < end and body and _entry_headline(text[k + 1], [text[j] for j in body]):
            entries.append([k + 1, *body])
    if (
        sum(len(entry) > _ENTRY_PARAGRAPHS for entry in entries) < LIVE_ENTRIES
    ):  # an entry: headline, paragraphs
        return verdicts
    out = list(verdicts)
    for k in itertools.chain.from_iterable(entries):
        if out[shown[k]] in (MENU, OUTSIDE, BOILERPLATE):
            out[shown[k]] = None
    return out


LIVE_ENTRIES = 3
"""A live report has at least this many entries (a page with two dated, headed paragraphs is
no live report)."""
_ENTRY_PARAGRAPHS = 2
"""An entry tells in paragraphs: a list of other stories' headlines, each with a time and one
line of lede, is no live report."""
_ENTRY_LINES = 12
"""How far below its header the last entry's prose may reach (non-blank lines): no header
below it bounds it."""
_ENTRY_HEADER_WIDTH = 60
_ENTRY_HEADLINE_WIDTH = 200
_ENTRY_ECHO = 0.3
"""The share of a headline's terms its entry's prose uses (the bar `split.ECHO` sets a headline)."""
_CLOCK = re.compile(r"(?<![\d:.])(?:[01]?\d|2[0-3])[:.][0-5]\d(?![\d]|[:.]\d)")
"""A time of day ("20:24", "9.05"), not a date's part ("12.05.2024") nor a score's."""


def _entry_header(line: str) -> bool:
    """Whether a line is a live report entry's header: a short line with a time of day, no sentence."""
    return width(line) <= _ENTRY_HEADER_WIDTH and bool(_CLOCK.search(line)) and not ends_sentence(line)


def _prose_line(line: str) -> bool:
    """Whether a line is a paragraph of an entry: wide, and ending a sentence with a mark. (In
    Thai or Lao, which mark none, an entry's headline and a comment's first line are alike.)"""
    return width(line) >= _PROSE_WIDTH and ends_sentence(line) and not unmarked_prose(line)


def _entry_headline(line: str, body: list[str]) -> bool:
    """Whether a line is an entry's headline over its prose `body`: no sentence, no time, and
    naming what the body tells."""
    return (
        width(line) <= _ENTRY_HEADLINE_WIDTH
        and not ends_sentence(line)
        and not _CLOCK.search(line)
        and echo(line, terms(" ".join(body))) >= _ENTRY_ECHO
    )


def classify_extracted(lines: list[str], model: Path | None = MODEL_PATH) -> list[str | None]:
    """One verdict per line of an extractor's main text: the rules (`classify` with no model),
    and its lists and tables read by the model. An extractor keeps a site's menu laid out as a
    table or a list ("| Home | |", "| Scores | |") as it keeps an article's: an item or a row of
    under `_DATA_CELLS` filled cells that holds no prose (`_holds_prose`) is a menu's when the
    model scores it under `EXTRACTED_MENU`, and so is a wider row that is its table's only one
    ("| Home | News | Sport | Weather |"): a table of data has two such rows or more, one under
    the other; so is every item of a list half of whose items are (`_whole_menus`). Prose, and a
    table of data, stay as the extractor has them. The extractor's text may also start or end
    with a site's chrome (a trail, a section's name, a row of links, a line asking readers to
    follow the site): see `_trim_edges`.

    >>> classify_extracted(["| Home | |", "| 1 | Kyle Busch | 5040 | 5 |"], None)
    [None, None]
    """
    verdicts = classify(lines, None)
    text = [line.strip() for line in lines]
    items = {
        i
        for i, line in enumerate(text)
        if verdicts[i] is None and _menu_shaped(line, line.startswith("|") and _lone_row(text, i))
    }
    edges = _at_edges(text, verdicts) and _prose_width(text) >= EDGE_PROSE
    if not model or not (items or edges):
        return verdicts  # most extracted texts start and end with prose and hold no item: no model
    index, table = line_table(lines)
    score = dict(zip(index, article_scores(table, model), strict=True))
    verdicts = [MENU if i in items and score[i] < EXTRACTED_MENU else v for i, v in enumerate(verdicts)]
    verdicts = _whole_menus(text, items, verdicts)
    return _trim_edges(text, verdicts, score) if edges else verdicts


def _whole_menus(text: list[str], items: set[int], verdicts: list[str | None]) -> list[str | None]:
    """The verdicts with every item of a list (`_list_item`; three or more, one under the other)
    of which half or more are a menu's items made a menu's too: a site's list of editions or
    sections is one menu, though the model scores a few of its items ("- Germany", "- CNET
    Japan") just over `EXTRACTED_MENU`. (HTML mode, the seed-0 fold models and those retrained at
    this change's parent: pages-cjk +0.0017 / +0.0015, pages-more +0.0001 / +0.0001; six and four
    pages up, none down.)

    >>> text = ["- Asia", "- China", "- France", "It rained all day."]
    >>> _whole_menus(text, {0, 1, 2}, [MENU, None, MENU, None])
    ['menu', 'menu', 'menu', None]
    """
    out = list(verdicts)
    shown = [i for i, line in enumerate(text) if line]
    run: list[int] = []
    for i in [*shown, -1]:
        if i in items and _list_item(text[i]):
            run.append(i)
            continue
        if len(run) >= 3 and 2 * sum(out[k] == MENU for k in run) >= len(run):
            for k in run:
                out[k] = out[k] or MENU
        run = []
    return out


EDGE_CHROME = 0.3
EDGE_PROSE = 150
"""An extractor's text that holds this many columns of prose (`_prose_width`) loses the lines at
its start and its end that the model scores under EDGE_CHROME, up to the first that is prose or
a list's item (`_trim_edges`). (HTML mode, fold models of training seeds 0 / 1 / 2: pages-cjk
+0.0035 / +0.0020 / +0.0033, pages-more +0.0009 / +0.0009 / +0.0007, dev/pages +0.0001 /
+0.0005 / +0.0001, pages-ko +0.0002 / 0 / +0.0002, no set down; with seed 0, 0.2 and 0.4 give
pages-more +0.0003 and +0.0013, pages-cjk +0.0027 and +0.0038.)"""


def _trim_edges(text: list[str], verdicts: list[str | None], score: dict[int, float]) -> list[str | None]:
    """The verdicts with the chrome at both ends of an extractor's text marked BOILERPLATE: from
    each end, the lines it keeps, while each is no prose, no list's item (a short text's own
    list, such as the teams of a tournament) and scores under EDGE_CHROME. A short text (under
    EDGE_PROSE of prose, such as a blog written a phrase a line) is left as it is: its lines
    are all short. The article's headline at the top of the text, when the model scores it low,
    goes too: HTML mode takes the title from the page's metadata.

    >>> text = ["News > World", "", "It rained all day in the town and the river rose.", "Follow us"]
    >>> _trim_edges(text, [None] * 4, {0: 0.1, 2: 0.9, 3: 0.2})
    ['boilerplate', None, None, 'boilerplate']
    >>> _trim_edges(["- Denmark", "It rained all day."], [None] * 2, {0: 0.1, 1: 0.9})
    [None, None]
    """
    out = list(verdicts)
    kept = [i for i, verdict in enumerate(verdicts) if verdict is None and text[i]]
    for run in (kept, kept[::-1]):
        for i in run:
            if score[i] >= EDGE_CHROME or _holds_prose(text[i]) or _list_item(text[i]):
                break
            out[i] = BOILERPLATE
    return out


def _at_edges(text: list[str], verdicts: list[str | None]) -> bool:
    """Whether the first or the last line an extractor's text keeps may be chrome (no prose, no
    list's item)."""
    kept = [line for line, verdict in zip(text, verdicts, strict=True) if verdict is None and line]
    return any(not (_holds_prose(line) or _list_item(line)) for line in kept[:1] + kept[-1:])


def _list_item(line: str) -> bool:
    """A list's item, as an extractor writes it ("- Denmark", "• Wales", "3) Portugal"); not a table's row.

    >>> _list_item("- Denmark"), _list_item("3) Portugal"), _list_item("| Home |")
    (True, True, False)
    """
    return not line.startswith("|") and (line.startswith("- ") or is_bullet(line) or is_numbered(line))


def _prose_width(text: list[str]) -> int:
    """Columns of prose in an extractor's text: paragraphs (or table cells) of `_PARAGRAPH_WIDTH`
    columns or more that end a sentence."""
    cells = [cell for line in text for cell in (_cells(line) if line.startswith("|") else [line])]
    return sum(width(cell) for cell in cells if width(cell) >= _PARAGRAPH_WIDTH and ends_sentence(cell))


_PARAGRAPH_WIDTH = 100
"""As `pages.prose_width` counts a paragraph."""


def _menu_shaped(line: str, alone: bool = False) -> bool:
    """A list item ("- Scores") or a table row of under `_DATA_CELLS` filled cells ("| Home | |"),
    as trafilatura writes them, with no prose in it; with `alone` (the row has no wide row above
    or below it), a row of any number of cells.

    >>> _menu_shaped("| Home | |"), _menu_shaped("- Scores"), _menu_shaped("| 1 | Kyle Busch | 5040 |")
    (True, True, False)
    >>> _menu_shaped("| Home | News | Sport |", alone=True)
    True
    """
    if line.startswith("- "):
        cells = [line[2:].strip()]
    elif line.startswith("|"):
        cells = _cells(line)
        if len(cells) >= _DATA_CELLS and not alone:
            return False
    else:
        return False
    return not any(_holds_prose(cell) for cell in cells)


def _lone_row(text: list[str], i: int) -> bool:
    """Whether no wide table row (`_DATA_CELLS` filled cells or more) stands right above or below
    line i (blank lines aside): a one-row table is no table of data.

    >>> rows = ["| Pos. | Team | Points |", "| 1 | Rovers | 54 |", "", "Text.", "| Home | News | Sport |"]
    >>> [_lone_row(rows, i) for i in (0, 1, 4)]
    [False, False, True]
    """
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(text) and not text[k]:
            k += step
        if 0 <= k < len(text) and text[k].startswith("|") and len(_cells(text[k])) >= _DATA_CELLS:
            return False
    return True


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip("|").split("|") if cell.strip()]


def _holds_prose(cell: str) -> bool:
    return len(cell) >= _CELL_PROSE_CHARS or (len(cell) >= _PROSE_WIDTH and ends_sentence(cell))


EXTRACTED_MENU = 0.15
"""An extractor's list item or table row scored under this by the model is a menu's. (HTML mode,
the fold models of training seeds 0-2: pages-more +0.0012 to +0.0014, pages-cjk +0.0016 to
+0.0019, pages-ko -0.0001 to -0.0004, dev/pages unchanged; 0.1 and 0.2 give about as much.)"""
_DATA_CELLS = 3
_CELL_PROSE_CHARS = 200
"""A row of 3 filled cells or more is a table of data (a league's standings), and a cell of 200
characters, or of a sentence of `_PROSE_WIDTH` or more, is prose (an article laid out in a
table's cell)."""


def _cut_comments(lines: list[str], verdicts: list[str | None]) -> list[str | None]:
    """Readers' comments follow the article: from the first comment on, nothing is article
    text. A comment thread is found by its headers' words ("2. joe says:", "Ann on May 3, 2019
    at 4:47 pm said:"), in any language by its shape (`thread_start`), or by the count of
    comments or the heading above it (`count_heading`), or by the comment form's heading
    (`form_heading`), or by a long run of posts signed with a name alone (`signed_thread`),
    whichever comes first."""
    headers = [i for i, line in enumerate(lines) if _comment_header(line.strip())]
    found = [
        headers[0] if len(headers) >= _MIN_COMMENT_HEADERS else None,
        thread_start(lines, verdicts),
        count_heading(lines, verdicts),
        form_heading(lines, verdicts),
        signed_thread(lines, verdicts),
    ]
    start = min((i for i in found if i is not None), default=None)
    if start is None:
        return verdicts
    if not any(v is None and lines[i].strip() for i, v in enumerate(verdicts[:start])):
        return verdicts  # no article above the comments: leave the page to the model
    return [v if i < start or not lines[i].strip() else (v or COMMENTS) for i, v in enumerate(verdicts)]


def thread_start(lines: list[str], verdicts: list[str | None]) -> int | None:
    """Where a thread of posts begins below the article, if there is one: at least
    `_THREAD_POSTS` posts in a row, each a short header with a time or a date ("by joe (4711) on
    Tuesday July 24, @09:10AM", "27. liz on October 23rd, 2012 2:21 pm", "06-29-2004, 09:31 AM",
    or a name and a date in words, `_signed_date`) followed by a little prose (`_POST_WIDTH`
    columns at the median: readers' comments, not the timestamped updates of a live report),
    each header at most `_THREAD_GAP` lines after the previous one, and `_ARTICLE_WIDTH` columns
    of article text above the thread. A header is shorter than most of the page's prose lines,
    or, on a page of prose wrapped narrow, opens with the same two words as `_THREAD_POSTS` other
    dated lines. The article's own dated line, where it opens the run, is no post
    (`_without_own_header`); the thread's heading, right above the run, is its start (`_headed`).

    >>> reply = "So sorry for everyone on the coast who lost a home to this storm."
    >>> page = ["The storm tore roofs off houses along the coast on Monday. " * 8]
    >>> page += [line for n in range(5) for line in (f"joe{n} on May {n}, 2019 at 4:{n}7 pm", reply)]
    >>> thread_start(page, [None] * len(page)), thread_start(page[:9], [None] * 9)
    (1, None)
    """
    text = [line.strip() for line in lines]
    kept = [i for i, t in enumerate(text) if t and verdicts[i] is None]
    prose = sorted(width(t) for t in text if width(t) >= _PROSE_WIDTH)
    if not kept or not prose:
        return None
    most = min(_HEADER_WIDTH, _HEADER_SHARE * median_high(prose))
    dated = [
        i
        for i, t in enumerate(text)
        if i > kept[0]
        and width(t) <= _HEADER_WIDTH
        and len(t.split()) >= _HEADER_WORDS
        and not t.endswith(_TERMINAL_ENDS)
        and (_POST_TIME.search(t) or _signed_date(t))
    ]
    openings = Counter(_opening(text[i]) for i in dated)
    # shorter than most prose, or opening as `_THREAD_POSTS` others do ("Comment #12 - Posted by:")
    headers = [i for i in dated if width(text[i]) <= most or openings[_opening(text[i])] >= _THREAD_POSTS]
    if not headers:
        return None
    body = {
        header: sum(width(t) for t in text[header + 1 : end] if width(t) >= _PROSE_WIDTH)
        for header, end in zip(headers, [*headers[1:], len(text)], strict=True)
    }
    # a dated line with no prose under it belongs to a list of links, not to a thread
    runs = _runs([header for header in headers if body[header]], _THREAD_GAP)
    runs = [_without_own_header(run, text, body) for run in runs]
    posts = [
        run for run in runs if len(run) >= _THREAD_POSTS and median_high(body[h] for h in run) <= _POST_WIDTH
    ]
    if not posts:
        return None
    start = _headed(text, posts[0])  # the first run of posts (a long thread may break into several)
    return start if _article_above(text, verdicts, start) else None


def _headed(text: list[str], run: list[int]) -> int:
    """Where a run of posts begins: at its heading ("Comments", "Responses", "댓글") when one
    stands above its first header, no further than a post's usual length (the median distance
    between its headers), else at its first header. A blog that signs each comment under it
    ("Posted by: joe at May 3, 2012 6:31 AM") has its first comment between the two.

    >>> page = ["Story.", "Comments", "Great!", "Posted by: Jo at May 3", "Yes.", "Posted by: Al at May 3"]
    >>> _headed(page, [3, 5]), _headed(page[2:], [1, 3])
    (1, 1)
    """
    usual = median_high(b - a for a, b in itertools.pairwise(run))
    for i in range(run[0] - 1, max(-1, run[0] - 1 - usual), -1):
        if _HEADING.match(text[i]):
            return i
    return run[0]


def _without_own_header(run: list[int], text: list[str], body: dict[int, int]) -> list[int]:
    """A run of dated headers without its first when that is the article's own header: the
    article's dated line ("Posted by the editor on Monday July 23, @08:24PM") opens a run of
    readers' headers ("by joe (4711) on Monday July 23, @08:25PM") when the article is short, and
    its form (its first word, `_form`) is one that no other header of the run takes, while most
    of them share one (`_THREAD_FORM`). Where the article's header has the readers' form ("by ed
    on May 3, 2012" over "by joe on May 3, 2012 at 4:56 am"), the article under it tells it: its
    prose (`body`, in columns) is `_OWN_BODY` times the posts' usual length and more.

    >>> run = ["Posted by ed on May 3, 9:10", *(f"by joe{n} on May 3, 9:1{n}" for n in range(5))]
    >>> posts = dict.fromkeys(range(6), 300)
    >>> _without_own_header(list(range(6)), run, posts), _without_own_header(list(range(5)), run[1:], posts)
    ([1, 2, 3, 4, 5], [0, 1, 2, 3, 4])
    >>> _without_own_header(list(range(5)), run[1:], {**posts, 0: 6000})
    [1, 2, 3, 4]
    """
    forms = Counter(_form(text[h]) for h in run)
    if forms[_form(text[run[0]])] == 1 and forms.most_common(1)[0][1] >= _THREAD_FORM * len(run):
        return run[1:]
    first, usual = body[run[0]], median_high(body[h] for h in run[1:]) if len(run) > 1 else 0
    if first >= _ARTICLE_WIDTH and first >= _OWN_BODY * usual:
        return run[1:]
    return run


def _signed_date(line: str) -> bool:
    """Whether a line is a post's header that signs it with a name and a date with its month's
    name, and no time ("27. liz - August 8, 2012", "Jermaine 07 Nov 12", "Ann on May 3, 2019"):
    a name (`_NAME_WIDTH` columns and `_NAME_WORDS` words at most), then the date, which ends
    the line. A dated line of another shape (an article's "Written on May 3, 2012 by Ann in
    Comics", a blog's "Tuesday May 3, 2012 | permalink", a forum's "Registered: May 3, 2012")
    heads no post unless it shows a time.

    >>> _signed_date("3. Jim - August 8, 2012"), _signed_date("Jermaine 07 Nov 12")
    (True, True)
    >>> _signed_date("Written on May 3, 2012 by Ann in Comics"), _signed_date("Registered: May 3, 2012")
    (False, False)
    """
    if not line[-1:].isdigit():
        return False  # the date ends the line with its year: most lines need no search
    date = date_pattern(_DATE_AT_END).search(line, max(0, len(line) - _DATE_CHARS))
    if date is None:
        return False
    name = _POST_NUMBER.sub("", line[: date.start()]).strip()
    if name[-1:] in _NAME_ENDS:
        name = name[:-1].rstrip()  # "liz - August 8"
    else:
        head, _, last = name.rpartition(" ")
        if head and len(last) <= _CONNECTOR_CHARS and last.isalpha():
            name = head.rstrip()  # "Ann on May 3", "Jo am 3. Mai"
    return bool(_NAME.match(name)) and width(name) <= _NAME_WIDTH and len(name.split()) <= _NAME_WORDS


_NAME_ENDS = "-–—|,·"


def _form(line: str) -> str:
    """A header's first word, digits aside ("by", "Posted", "0."): the same on most headers of one
    thread."""
    return _DIGITS.sub("0", line.split()[0])


def _runs(at: list[int], gap: int) -> list[list[int]]:
    """Line numbers (ascending) in runs, each at most `gap` lines below the one before.

    >>> _runs([3, 5, 40, 41], 10)
    [[3, 5], [40, 41]]
    """
    runs: list[list[int]] = []
    for i in at:
        if not runs or i - runs[-1][-1] > gap:
            runs.append([])
        runs[-1].append(i)
    return runs


def count_heading(lines: list[str], verdicts: list[str | None]) -> int | None:
    """The line that heads a thread with its count of comments ("12 Comments", "Comments (5)",
    "3 Responses to “The bridge”", "댓글 3"), if the page has one such line below
    `_ARTICLE_WIDTH` columns of article text, and the next line is no paragraph of prose: a
    comment's header, a sort order or the comment form. (A count above the article, a link to its
    comments, stands right over the article's first paragraph, and a count under each post of
    a blog's front page is there several times.) On a page with no count, the thread's heading
    (the word for comments alone, `_HEADING`) heads it, if the page has one such line below the
    article and the next line is narrower than `_HEADED_WIDTH`: a blog's "Comments" over its
    readers' posts, or over the comment form when there are none, not the article's own
    intertitle ("Comment", over a paragraph on giving journalists a comment). The word with a
    colon ("Comments:") labels the form's field: where a page has both, the bare word heads.

    >>> article = ["The storm tore roofs off houses along the coast on Monday. " * 8]
    >>> count_heading([*article, "2 Comments", "1. joe says:", "So sorry."], [None] * 4)
    1
    >>> above, below = ["2 Comments", *article], [*article, "2 Comments", *article]
    >>> count_heading(above, [None] * 2), count_heading(below, [None] * 3)
    (None, None)
    >>> count_heading(["2 Comments", *article, "2 Comments", "1. joe says:"], [None] * 4)
    2
    >>> form = [*article, "Comments", "Your comment will show once the author has approved it."]
    >>> count_heading(form, [None] * 3), count_heading([*form, "Comments"], [None] * 4)
    (1, None)
    >>> count_heading([*form, "Comments:"], [None] * 4)
    1
    """
    text = [line.strip() for line in lines]
    counts = [i for i, t in enumerate(text) if len(t) <= _COUNT_MAX_CHARS and _COUNT.match(t)]
    below = [i for i in counts if _article_above(text, verdicts, i)]
    if len(below) == 1:
        after = next((t for t in text[below[0] + 1 :] if t), "")
        return below[0] if width(after) < _HEADER_WIDTH else None
    headings = [i for i, t in enumerate(text) if _HEADING.match(t)]
    headings = [i for i in headings if not text[i].endswith((":", "："))] or headings
    if counts or len(headings) != 1:
        return None
    at = headings[0]
    after = next((t for t in text[at + 1 :] if t), "")
    return at if _article_above(text, verdicts, at) and width(after) < _HEADED_WIDTH else None


def form_heading(lines: list[str], verdicts: list[str | None]) -> int | None:
    """The comment form's heading ("Leave a Reply", "Post a Comment", "Add new comment",
    "Lascia un commento", "댓글 남기기"), the last one on the page, if it stands below
    `_ARTICLE_WIDTH` columns of article text: the form follows the article and its comments, or
    stands between the two. (A blog's front page shows "Leave a comment" under each post: the
    last is under the last post.)

    >>> article = ["The storm tore roofs off houses along the coast on Monday. " * 8]
    >>> form_heading(["Leave a comment", *article, "Leave a Reply", "Your email address"], [None] * 4)
    2
    >>> form_heading(["Leave a comment", *article], [None] * 2)
    """
    text = [line.strip() for line in lines]
    found = [i for i, t in enumerate(text) if len(t) <= _FORM_MAX_CHARS and _FORM.match(t)]
    return found[-1] if found and _article_above(text, verdicts, found[-1]) else None


def signed_thread(lines: list[str], verdicts: list[str | None]) -> int | None:
    """Where a long thread of posts signed with a name alone (no date, no "says:") begins below
    the article, if there is one. A post's header is a short line (`_NAME_WIDTH` columns and
    `_NAME_WORDS` words at most) of a name's characters ("Derek Halpern", "joe_42", "J-F
    (Ottawa)"), no sentence, right above a line of prose. A thread is `_SIGNED_POSTS` headers or
    more, each at most `_SIGNED_GAP` lines below the one before, over short posts
    (`_SIGNED_POST_WIDTH` columns at the median), below `_ARTICLE_WIDTH` columns of article
    text, and its names are those of people who answer each other: one at least posts twice,
    yet most names differ (`_SIGNED_DISTINCT`). A listicle's items all differ, and a
    transcript's few speakers take turns.

    >>> post = "I liked this a lot, and my kids did too. Thanks for writing it up."
    >>> names = [f"Reader{n}" for n in range(20)] + ["Reader3"]
    >>> page = ["The storm tore roofs off houses along the coast on Monday. " * 8]
    >>> page += [line for name in names for line in (name, post)]
    >>> signed_thread(page, [None] * len(page)), signed_thread(page[:-2], [None] * (len(page) - 2))
    (1, None)
    """
    text = [line.strip() for line in lines]
    nonblank = [i for i, t in enumerate(text) if t]
    below = dict(itertools.pairwise(nonblank))
    headers = [
        i
        for i in nonblank
        if width(text[i]) <= _NAME_WIDTH
        and len(text[i].split()) <= _NAME_WORDS
        and _NAME.match(text[i])
        and not ends_sentence(text[i])
        and i in below
        and width(text[below[i]]) >= _PROSE_WIDTH
    ]
    for run in _runs(headers, _SIGNED_GAP):
        names = Counter(text[i] for i in run)
        posts = [sum(width(t) for t in text[a + 1 : b]) for a, b in itertools.pairwise([*run, run[-1] + 2])]
        if (
            len(run) >= _SIGNED_POSTS
            and max(names.values()) >= 2
            and len(names) >= _SIGNED_DISTINCT * len(run)
            and median_high(posts) <= _SIGNED_POST_WIDTH
            and _article_above(text, verdicts, run[0])
        ):
            return run[0]
    return None


def _article_above(text: list[str], verdicts: list[str | None], at: int) -> bool:
    """Whether `_ARTICLE_WIDTH` columns of article text stand above line `at` (a thread follows
    an article; a page that is all posts is left to the model)."""
    return (
        sum(width(t) for t, v in zip(text[:at], verdicts, strict=False) if t and v is None) >= _ARTICLE_WIDTH
    )


_COUNT_WORDS = (
    r"comments?|responses?|replies|thoughts?|reactions?|kommentare?|kommentarer|commentaires?|"
    r"comentarios?|comentários?|comment[io]|reacties?|komentarz[ey]?|комментари[йяеви]*|коментар[іів]*|"
    r"yorum(?:lar)?|kommentit|kommenttia?|komentář[eů]?|komentár(?:e|ov)?|hozzászólás(?:ok)?|"
    r"comentari(?:i|u|s)?|komentar[aie]?|σχόλι[αο]|bình luận|تعليقات|التعليقات|نظرات|תגובות|"
    r"टिप्पणियाँ|टिप्पणियां|ความคิดเห็น|댓글|コメント|评论|評論|留言"
)
_COUNT = re.compile(
    rf"^\d+\s*(?:件の)?\s*(?:{_COUNT_WORDS})(?:\W.*)?$|"
    rf"^(?:{_COUNT_WORDS})\s*[(\[（［【:：]?\s*\d+\s*(?:件|条|條|개|건)?\s*[)\]）］】]?$",
    re.IGNORECASE,
)
"""A count of comments: a number and the word for comments or replies, in the languages
WordPress is most used in and in a dozen more (Finnish, Czech, Slovak, Hungarian, Romanian,
Catalan, Croatian and Serbian, Indonesian, Greek, Vietnamese, Arabic, Persian, Hebrew, Hindi,
Thai), or the word and the number (in parentheses), each in the forms a count takes after its
number ("5 komentářů", "3 kommenttia", "3 hozzászólás"), with the counter word of Japanese,
Chinese or Korean after it ("コメント（4件）", "댓글 3개"), and as a heading ("Комментарии"). The dev
sets hold pages in a few of these languages only: the words of the others are not measured."""
_HEADING = re.compile(rf"^(?:{_COUNT_WORDS})\s*[:：]?$", re.IGNORECASE)
"""A thread's heading: the word for comments alone."""
_COUNT_MAX_CHARS = 100
_FORM = re.compile(
    r"^(?:(?:leave|post|add|write) an? (?:new )?(?:reply|comment|response)|add (?:new )?comment|"
    r"(?:schreibe|hinterlasse) einen kommentar|kommentar (?:schreiben|verfassen)|laissez? un commentaire|"
    r"deja una respuesta|deja un comentario|dejar un comentario|deixe (?:um comentário|uma resposta)|"
    r"lascia un commento|geef een reactie|laat een reactie achter|dodaj komentarz|"
    r"(?:добавить|оставьте|оставить) комментарий|"
    r"댓글 ?(?:남기기|쓰기)|コメントを残す|发表评论|发表回复|發表評論)\b",
    re.IGNORECASE,
)
"""A comment form's heading ("Leave a Reply Cancel reply"), as the blog engines most used write
it in English, German, French, Spanish, Portuguese, Italian, Dutch, Polish, Russian, Korean,
Japanese and Chinese."""
_FORM_MAX_CHARS = 60
_HEADED_WIDTH = 160
"""A thread's heading stands over a notice, a sort order, the form or a first post, not over a
paragraph as wide as an article's. (Text mode, seed-0 fold models of sites, the heading rule on
`pages-more`: +0.0036 at 120 to 260 columns alike; with no bar, HTML mode lost an article's
second half at its intertitle.)"""


def _opening(line: str) -> str:
    """A line's first two words, digits aside: the same on every header of one thread."""
    return " ".join(_DIGITS.sub("0", line).split()[:2])


_DIGITS = re.compile(r"\d+")
_POST_TIME = re.compile(
    r"\b\d{1,2}:\d{2}(?!\d)|\b(?:19|20)\d{2}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
)
"""A time ("4:47 pm", "@09:10AM", "21:30") or a date in digits: what a post's header shows."""
_DATE_AT_END = (
    rf"(?<!\w)(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s{{1,3}}(?:{MONTH_NAMES})\.?,?\s{{1,3}}(?:(?:19|20)\d{{2}}|\d{{2}})"
    rf"|(?:{MONTH_NAMES})\.?\s{{1,3}}\d{{1,2}}(?:st|nd|rd|th)?,?\s{{1,3}}(?:19|20)\d{{2}})$"
)
"""A date in words at a line's end: "8 August 2012", "07 Nov 12", "May 3rd, 2019"."""
_DATE_CHARS = 48
"""Such a date takes fewer characters than this (the longest month's name takes 20)."""
_POST_NUMBER = re.compile(r"^#?\d{1,6}\.?")
_CONNECTOR_CHARS = 3
_OWN_BODY = 10
"""The article under its own header is ten times a post's usual length or more (the blog whose
article header takes its readers' form: 4,500 and 13,000 columns over posts of 300 to 400)."""

_PROSE_WIDTH = 60
_HEADER_WIDTH = 80
_HEADER_SHARE = 0.8
"""A header is at most _HEADER_WIDTH columns, and shorter than this share of the page's median
line of prose (so that the lines of hard-wrapped prose are never headers)."""
_HEADER_WORDS = 3
"""... and has a name or a date beside its time: a time alone ("9:30 AM") heads an update of a
live report."""
_THREAD_POSTS = 5
_POST_WIDTH = 2500
_THREAD_GAP = 100
"""Posts of a forum's thread run long (a reply quotes its parent, then answers it over several
paragraphs): 2,500 columns at the median, a header at most 100 lines after the one before.
(Chosen on four folds of sites and scored on the fifth against 1,000 / 20: pages-more +0.0033.)"""
_THREAD_FORM = 0.6
"""Most headers of a thread (60%) open with the same word. (Text mode, seed-0 fold models of
sites: an article's own header no longer hides the thread under it on 3 pages of pages-more,
+0.0014, and no page scores lower.)"""
_ARTICLE_WIDTH = 400
_NAME = re.compile(r"^[^\W\d_][\w ().'’@-]*$")
"""A name, as readers sign their comments: letters first, then letters, digits, spaces and the
marks of names and handles ("Kevin D. Jones", "joe_42", "O’Neil", "Frank @ Toronto")."""
_NAME_WIDTH = 40
_NAME_WORDS = 4
_SIGNED_POSTS = 20
_SIGNED_GAP = 30
_SIGNED_POST_WIDTH = 1000
_SIGNED_DISTINCT = 0.6
"""A thread of signed posts is long: 20 posts or more, at most 30 lines apart, 1,000 columns at
the median, and at least 60% of its names different. (Text mode out of fold on pages-more: 10
posts would cut two articles, each at a run of its subheadings and "more" links; 20 to 30 cut
none.)"""


def _comment_header(line: str) -> bool:
    """A line that heads a reader's comment: a name (no comma in it, a date after "on" aside),
    then "says:" or the like. An article's line that brings in a quote ("As you may recall, the
    critic writes:", "Asked about the vote, the minister said:") is no such header.

    >>> _comment_header("3. Jane Roe on May 3, 2019 at 4:47 pm said:"), _comment_header("Asked, Ann said:")
    (True, False)
    """
    if not (line[-1:] in (":", "：") or line[-2:].lower() == "on"):
        return False  # every header ends so: most lines need no search
    if not (found := _COMMENT_HEADER.search(line)):
        return False
    return "," not in _DATED.sub("", line[found.start() : found.end()])


_DATED = re.compile(r"\s(?:on|at|am)\s.*\d.*")
"""Where a header's date and time begin ("on May 3, 2019 at 4:47 pm said:")."""


def select(score: np.ndarray, table: np.ndarray) -> np.ndarray:
    """Which lines are article text: a score over THRESHOLD (or over RELATIVE times the page's
    best score, on a page where no line is sure), or (hysteresis, as in jusText's "near-good"
    blocks) a sentence over NEAR that lies between accepted lines; and every line of a wrapped
    paragraph one of whose lines is (`whole_paragraphs`).

    >>> table = np.zeros((4, len(NAMES)))
    >>> table[:, NAMES.index("ends_sentence")] = 1
    >>> select(np.array([0.9, 0.4, 0.8, 0.4]), table).tolist()
    [True, True, True, False]
    >>> select(np.array([0.1, 0.3, 0.05, 0.2]), table).tolist()
    [False, True, False, True]
    """
    threshold = min(THRESHOLD, RELATIVE * float(score.max(initial=0.0)))
    keep = score >= threshold
    accepted = np.flatnonzero(keep)
    if len(accepted):
        between = np.zeros(len(score), dtype=bool)
        between[accepted[0] : accepted[-1] + 1] = True
        sentence = table[:, NAMES.index("ends_sentence")] > 0
        keep |= between & sentence & (score >= min(NEAR, threshold))
    return whole_paragraphs(keep, table)


def on_topic(texts: list[str], keep: np.ndarray, score: np.ndarray, table: np.ndarray) -> np.ndarray:
    """`keep` with the paragraphs the model doubted, amid or above the kept text, that tell what
    it tells: a line of prose (`ON_TOPIC_CHARS` or more, ending a sentence) above the last kept
    line, scoring `ON_TOPIC_SCORE` or more, `ON_TOPIC_SHARE` of whose content terms
    (`fields.content_terms`, `ON_TOPIC_TERMS` of them or more) the kept lines use. An article's
    paragraphs name its subject's people, places and things. The model scores each line by its
    shape and its neighbours, and misses an article's lede set apart from its body by a picture
    and its caption, or run together with a deck, and paragraphs that a page laid out in a table
    sets apart with a column of links. Below the kept text, a paragraph that names the same
    things is as often the author's bio, a reader's comment or another story's teaser, and is
    left to the model. Lines in the scripts whose terms are pairs of characters that any two
    texts share by chance (a particle, a grammatical ending: `_PAIRED_TERMS`) are left to it too.

    >>> texts = ["Engineers found cracks in the harbour bridge, and the council will close it to cars."]
    >>> texts += ["Home", "The harbour bridge will close to cars next spring, the council said on Monday."]
    >>> table = np.zeros((3, len(NAMES)))
    >>> table[[0, 2], NAMES.index("ends_sentence")] = 1
    >>> on_topic(texts, np.array([False, False, True]), np.array([0.3, 0.1, 0.9]), table).tolist()
    [True, False, True]
    >>> on_topic(texts, np.array([False, False, True]), np.array([0.2, 0.1, 0.9]), table).tolist()
    [False, False, True]
    """
    kept = np.flatnonzero(keep)
    if not len(kept):
        return keep
    sentence = table[: kept[-1], NAMES.index("ends_sentence")] > 0
    doubted = [
        k
        for k in np.flatnonzero(sentence & ~keep[: kept[-1]] & (score[: kept[-1]] >= ON_TOPIC_SCORE))
        if len(texts[k]) >= ON_TOPIC_CHARS and not _PAIRED_TERMS.search(texts[k])
    ]
    if not doubted:
        return keep
    body = {term for k in kept for term in content_terms(terms(texts[k]))}
    out: np.ndarray = keep.copy()
    for k in doubted:
        words = content_terms(terms(texts[k]))
        shared = sum(word in body for word in words)
        out[k] = len(words) >= ON_TOPIC_TERMS and shared >= ON_TOPIC_SHARE * len(words)
    return out


ON_TOPIC_SCORE = 0.25
ON_TOPIC_SHARE = 0.3
ON_TOPIC_CHARS = 80
ON_TOPIC_TERMS = 5
"""(Text mode, out of fold, the score and the share chosen on four folds of sites from 0.15-0.3
and 0.3-0.5, and scored on the fifth: `pages-more` +0.0017, `pages-ko` +0.0028, `dev/pages`
-0.0005, `pages-cjk` unchanged; the setting chosen by three folds of five, these, `pages-more`
+0.0019, `pages-ko` +0.0028, `dev/pages` unchanged. Taking such paragraphs below the kept text
too: `pages-more` +0.0033, but 60 pages up and 55 down by them alone, and two authors' bios.)"""
_PAIRED_TERMS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]")
"""Thai and Lao, Myanmar, Khmer, kana and Han: scripts with no space between words, whose
`fields.terms` are pairs of characters (Hangul's are its syllables', which name things as words
do: measured, `pages-cjk` -0.002 with kana and Han, `pages-ko` +0.003 with Hangul; no dev page
is in Myanmar or Khmer)."""


def whole_paragraphs(keep: np.ndarray, table: np.ndarray) -> np.ndarray:
    """`keep` with every line of a wrapped paragraph kept when one of its lines is: a paragraph
    set over several lines, each (of WRAPPED_CHARS or more) ending no sentence and running on,
    with no blank line between, into a line in lower case. The model scores each line on its
    own, and a wrapped line that ends mid-sentence looks like none of an article's paragraphs; a
    paragraph is text or chrome as a whole. (Only ever kept, not dropped, whole: dropping a
    paragraph most of whose lines the model drops lost more gold than it saved.)

    >>> table = np.zeros((4, len(NAMES)))
    >>> table[:, NAMES.index("log_chars")] = np.log1p(70)
    >>> table[1:, NAMES.index("starts_lower")] = 1
    >>> table[2, NAMES.index("blank_after")] = 1  # the fourth line is a paragraph of its own
    >>> whole_paragraphs(np.array([True, False, False, False]), table).tolist()
    [True, True, True, False]
    """
    if len(keep) < 2:
        return keep
    chars = np.expm1(table[:, NAMES.index("log_chars")])
    runs_on = (
        (chars[:-1] >= WRAPPED_CHARS)
        & (table[:-1, NAMES.index("ends_sentence")] == 0)
        & (table[:-1, NAMES.index("blank_after")] == 0)
        & (table[1:, NAMES.index("starts_lower")] > 0)
    )
    paragraph = np.concatenate([[0], np.cumsum(~runs_on)])  # each line's paragraph number
    held = np.bincount(paragraph, weights=keep) > 0
    out: np.ndarray = keep | held[paragraph]
    return out


ITEM_REACH = 20
"""A numbered list's next item comes within this many non-blank lines (a listicle's items have
paragraphs of their own between them)."""
MIN_ITEMS = 3
"""Two numbered lines are no list: a date and a time, a score."""
ITEM_WIDTH = 150
"""A list's item is at most this wide (display columns), as a headline is: a block of wider
lines is paragraphs."""


def whole_lists(keep: np.ndarray, index: list[int], texts: list[str], flat: bool = False) -> np.ndarray:
    """`keep` with the lists of the article kept whole (the clipping's non-blank lines `texts`, at
    line numbers `index`): a numbered list (MIN_ITEMS or more, numbered one after another, each
    within ITEM_REACH lines of the last) from its last item to its first when the model keeps the
    first, and the block of two lines or more (no blank line among them) right under a line the
    model keeps that introduces it (`fields.introduces`: "In a food processor, mix together:").
    A listicle's items, a recipe's ingredients, the products a post lists are as short as a
    menu's labels and end no sentence, and the model, reading each on its own, dropped them. A
    list whose first item or whose lead the model dropped (a box of the most read stories,
    ranked) is left as it is.

    >>> texts = ["Our picks for the weekend:", "1. A lamp", "2. A clock", "3. A radio", "Home"]
    >>> whole_lists(np.array([False, True, False, False, False]), [0, 2, 3, 4, 6], texts).tolist()
    [False, True, True, True, False]
    >>> whole_lists(np.array([True, False, False, False, False]), [0, 2, 3, 4, 6], texts).tolist()
    [True, True, True, True, False]
    >>> whole_lists(np.array([False, False, True, False, False]), [0, 2, 3, 4, 6], texts).tolist()
    [False, False, True, False, False]
    """
    out: np.ndarray = keep.copy()
    for items in _numbered_lists(texts):
        if len(items) >= MIN_ITEMS and keep[items[0]]:
            out[items] = True
    leads = [k for k, text in enumerate(texts[:-1]) if keep[k] and introduces(text)]
    if leads and not flat:
        end, listed = _block_ends(index, texts)
        done = 0  # lines up to here are marked already (leads within one block share its end)
        for k in leads:
            if end[k + 1] > k + 1 and listed[k + 1]:
                out[max(k + 1, done) : end[k + 1] + 1] = True
                done = end[k + 1] + 1
    return out


def _block_ends(index: list[int], texts: list[str]) -> tuple[list[int], list[bool]]:
    """For each line, the last line of the block it starts (lines with no blank line among
    them), and whether every line from it to there is as narrow as a list's item (ITEM_WIDTH):
    read once from the end, so that a page of many blocks costs one pass."""
    end, listed = list(range(len(texts))), [width(text) <= ITEM_WIDTH for text in texts]
    for k in range(len(texts) - 2, -1, -1):
        if index[k + 1] == index[k] + 1:
            end[k], listed[k] = end[k + 1], listed[k] and listed[k + 1]
    return end, listed


def _numbered_lists(texts: list[str]) -> list[list[int]]:
    """The runs of lines numbered one after another, each within ITEM_REACH of the last."""
    lists: list[list[int]] = []
    last = -1
    for k, text in enumerate(texts):
        number = list_number(text)
        if number is None:
            continue
        if lists and number == last + 1 and k - lists[-1][-1] <= ITEM_REACH:
            lists[-1].append(k)
        else:
            lists.append([k])
        last = number
    return lists


def line_reason(line: str) -> str | None:
    """Why one line, on its own, is chrome (None when nothing says so)."""
    stripped = line.strip()
    if not stripped:
        return None
    if not _LETTER_OR_DIGIT.search(stripped):
        return NO_LETTERS
    if len(stripped) <= _COPYRIGHT_MAX_CHARS and (
        _COPYRIGHT.search(stripped) or (_COPYRIGHT_WORD.search(stripped) and not _prose(stripped))
    ):
        return COPYRIGHT
    if len(stripped) <= _READ_ALSO_MAX_CHARS and _READ_ALSO.match(stripped):
        return READ_ALSO
    if len(stripped) <= _AD_LABEL_MAX_CHARS and _AD_LABEL.match(stripped):
        return AD_LABEL
    if len(stripped) <= _CONSENT_MAX_CHARS and _worded(stripped, _CONSENT_WORDS, _CONSENT):
        return CONSENT
    if len(stripped) <= _SUBSCRIBE_MAX_CHARS and _worded(stripped, _SUBSCRIBE_WORDS, _SUBSCRIBE):
        return SUBSCRIBE
    if len(stripped) <= _TAGS_MAX_CHARS and _filed(stripped):
        return TAGS
    return None


_AD_LABEL = re.compile(
    r"\A\W*(?:advertisement|advertising|advert|ads?|sponsored(?: content)?|paid content|"
    r"(?:story|article) continues (?:below|after) (?:this )?(?:advertisement|ad)|"
    r"continue reading (?:below|the main story)|anzeige|werbung|publicité|publicidad|publicidade|"
    r"pubblicità|advertentie|reclame|reklama|reklame|reklam|annons|annonse|mainos|hirdetés|"
    r"reclamă|oglas|διαφήμιση|реклама|iklan|quảng cáo|tangazo|patalastas|বিজ্ঞাপন|विज्ञापन|"
    r"விளம்பரம்|إعلان|اعلان|تبلیغات|اشتہار|פרסומת|โฆษณา|რეკლამა|գովազդ|ማስታወቂያ|広告|广告|廣告|광고)\W*\Z",
    re.IGNORECASE,
)
"""An advertisement's label alone on its line, set where an ad stood among the paragraphs:
"Advertisement", "Anzeige", "Publicidad", "Реклама", "广告" and their like in thirty-four languages
(the ad itself is an image or a frame a clipping does not hold). Anchored at both ends, so
that a search tries the start only: a long run of punctuation costs one pass."""
_AD_LABEL_MAX_CHARS = 60


_CONSENT_WORDS = (
    "cookie", "쿠키", "クッキー", "you ", "privacy", "partner", "partenaire", "socios", "einverstanden",
    "n sie", "vous acceptez", "acept", "concorda", "aceita", "accett", "acconsent", "content", "inhalt",
    "contenu", "contenido", "conteúdo", "contenuto", "drittplattform",
)  # fmt: skip
"""Words one of which every consent notice holds (`_CONSENT`), looked for in the line in lower
case before the pattern runs: most lines hold none. (Plain substrings, the commonest first: a
pattern of as many alternatives costs five times as much.)"""


def _worded(line: str, words: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    """Whether `pattern` matches a line that holds one of `words` in lower case (the quick test
    first: most lines hold none)."""
    lowered = line.lower()
    for word in words:  # a loop, not any(): a generator costs a third of line_reason's time
        if word in lowered:
            return pattern.match(line) is not None
    return False


_CONSENT = re.compile(
    # cookies, and what a notice says of them: used, agreed to, set, by whom, for what
    r"\A(?:(?=.*?(?:\bcookies?\b|쿠키|クッキー))(?:.*?(?:\bwe use\b|\buses\b|\buse of\b|\bconsent|"
    r"\baccept|\bagree|\bprivacy|\bsettings\b|\bpreferences\b|\bpartners\b|\btracking\b|personali[sz]ed|"
    r"browsing experience|\bverwende|\bnutzen\b|\bsetzen wir|einverstanden|einwillig|zustimm|akzeptier|"
    r"datenschutz|\butilis|\butiliz|\busamos|\bparamètres|configuraci[oó]n|configurações|impostazioni|\bnavigation\b|navegaci[oó]n|navegação|"
    r"navigazione|사용|동의|使用|利用|同意))"
    # agreeing by doing something, said to the reader: "By signing up, you agree to our Privacy Policy"
    r"|.*?\bby (?:clicking|signing up|subscribing|continuing|submitting|registering|using|entering|creating|"
    r"checking)\b.{0,160}?\byou (?:agree|accept|acknowledge|consent|confirm)"
    r"|.*?\b(?:ich bin (?:damit )?einverstanden|mit (?:der|dem|ihrer|einem) (?:anmeldung|registrierung|klick|"
    r"absenden|abonnement)\b.{0,160}?\b(?:akzeptieren|stimmen|erklären) sie)"
    r"|.*?\ben (?:cliquant|vous inscrivant|continuant|poursuivant)\b.{0,160}?\bvous acceptez"
    r"|.*?\bal (?:hacer clic|pulsar|suscribirte|suscribirse|registrarte|registrarse|continuar)\b.{0,160}?"
    r"\bacept(?:as|a|o)\b"
    r"|.*?\bao (?:clicar|continuar|se inscrever|assinar|se cadastrar)\b.{0,160}?\b(?:concorda|aceita)"
    r"|.*?\b(?:cliccando|iscrivendoti|proseguendo|continuando)\b.{0,160}?\b(?:accetti|acconsenti)"
    # a consent dialog's own words: "We and our partners process personal data…", "You can accept or reject…"
    r"|.*?\b(?:we and our (?:\d+ )?(?:trusted )?partners|wir und unsere (?:\d+ )?partner|"
    r"nous et nos partenaires|nosotros y nuestros socios)\b"
    r"|.*?\byou can (?:accept|reject|refuse|withdraw|object|change your (?:choices|preferences|consent)|"
    r"manage your (?:choices|preferences|consent))\b"
    # and its heading alone: "We value your privacy", "Privacy settings"
    r"|\W*(?:we (?:value|care about|respect) your privacy|"
    r"your privacy (?:choices|matters|is important(?: to us)?)|"
    r"privacy (?:settings|preferences|choices|cent(?:er|re))|manage (?:consent|privacy|cookies))\W*\Z"
    # content of another platform held back until the reader allows it: "This article contains
    # content provided by X", "Externer Inhalt", "YouTube-Inhalte erlauben", "Contenu externe"
    r"|.*?\bthis (?:article|page|post) contains content (?:provided|hosted) by\b"
    r"|.*?\bthis content is (?:provided|hosted|imported) (?:by|from)\b"
    r"|.*?\bto (?:show|view|see|display) (?:you )?this content\b.{0,40}?"
    r"\b(?:need|must|permission|consent|accept)"
    r"|.*?\bpersonenbezogene daten können an drittplattformen\b"
    r"|.*?\ban dieser stelle finde(?:st du|n sie|t sich) (?:einen |ein )?externe"
    r"|.*?\b(?:um|zum) (?:den|diesen|das|dieses) (?:inhalt|beitrag|video|element) "
    r"(?:zu sehen|anzuzeigen|zu laden)"
    r"|.*?\bpour (?:afficher|voir|consulter) ce contenu\b"
    r"|.*?\bpara (?:ver|mostrar|exibir|visualizar) (?:este|esse|el|o) (?:contenido|conteúdo)\b"
    r"|.*?\bper (?:visualizzare|vedere) (?:questo|il) contenuto\b"
    r"|\W*(?:empfohlener redaktioneller inhalt|externer? inhalte?|contenu externe|contenido externo|"
    r"conteúdo externo|contenuto esterno)\b[^.!?]{0,40}\Z"
    r"|\W*(?:\w+-)?inhalte? (?:erlauben|laden|anzeigen|aktivieren|einbinden|zulassen)\W*\Z"
    r"|\W*(?:allow|load|show|enable) (?:\w+ )?content\W*\Z)",
    re.IGNORECASE | re.DOTALL,
)
"""A notice that asks the reader's consent: to cookies ("We use cookies to improve your
experience", "Cookie Settings", "当サイトではクッキーを使用しています"), or to a privacy policy
or terms, agreed to by signing up or clicking ("By signing up, you agree to our Privacy Policy",
"Ich bin damit einverstanden, dass mir externe Inhalte angezeigt werden"), or a consent dialog's
own words ("We and our partners process personal data…", "You can accept or reject…"), or to see
another platform's content the page holds back ("This article contains content provided by X",
"Empfohlener redaktioneller Inhalt", "YouTube-Inhalte erlauben", "Pour afficher ce contenu…"), in
English, German, French, Spanish, Portuguese, Italian, Korean, Japanese and Chinese. A consent banner and a
newsletter's box are copied with the page, often among the article's paragraphs; written as
sentences, they read as prose to the model. (An article about cookies or terms tells of them
in the third person: "the virus harvests browser passwords and cookies" is no notice.) Anchored
at the start, so that a search tries the start only."""
_CONSENT_MAX_CHARS = 600


_SUBSCRIBE_WORDS = (
    "subscri", "newslet", "sign up", "abonn", "abone", "inscri", "inscrev", "suscr", "socios", "iscriv",
    "abbonat", "assin", "nieuwsbrief", "subskryb", "подпи", "reading", "already", "free", "access",
    "il vous reste", "déjà", "weiterlesen", "구독", "유료", "登録", "購読", "会員", "続きを読む", "文字",
    "订阅", "付费", "follow", "folgen", "suivez", "guenos", "seguici", "siga", "segue", "ακολουθ", "takip",
    "inbox", "mail", "receba",
)  # fmt: skip
"""Words one of which every call to subscribe and paywall's notice holds (`_SUBSCRIBE`), looked
for in the line in lower case before the pattern runs (as for `_CONSENT_WORDS`)."""


_SUBSCRIBE = re.compile(
    r"\A\W*(?:"
    # a call to subscribe: "Subscribe to our newsletter", "Newsletter abonnieren", "Abonnez-vous"
    r"(?:don[’']t miss (?:a|any|another|out)\b[^.!?]{0,40}[.!?]\s*)?"
    r"(?:(?:click|tap) (?:here )?to |please |be sure to |make sure to )?"
    r"subscribe(?:\s+(?:now|today|here|for free|for|to)\b|\W*\Z)"
    r"|sign up (?:now |today |here )?(?:for|to) (?:our|the|my)\b.{0,60}?"
    r"\b(?:newsletters?|updates|alerts|digest|briefings?)\b"
    r"|\w[^.!?]{0,150}?\bdelivered (?:straight |directly |right )?(?:to|in|into) your inbox"
    r"|enter your e-?mail(?: address)?\W*\Z"
    r"|receba (?:as|os|nossas|nossos)\b.{0,80}?\b(?:no seu|em seu|por) (?:whatsapp|e-?mail|telegram)"
    r"|get our\b.{0,40}?\bnewsletters?\b"
    r"|(?:jetzt |hier |gratis |kostenlos )?(?:(?:unseren |den |zum )?newsletter )?abonnieren\b"
    r"|abonnieren sie\b|melden sie sich (?:jetzt )?(?:für|zu) unserem newsletter"
    r"|abonnez-vous\b|s[’']abonner\b|inscrivez-vous (?:à|a) (?:notre|la|nos) (?:newsletter|lettre)"
    r"|suscr[ií]b(?:ete|ase)\b|(?:reg[ií]strate|ap[uú]ntate) (?:a|en) (?:nuestra|nuestro|la|el) "
    r"(?:newsletter|bolet[ií]n)"
    r"|iscriviti (?:alla|alle|gratis|ora)\b|abbonati (?:a|ora|subito)\b"
    r"|assine (?:o|a|já|agora|nossa|nosso)\b|inscreva-se (?:na|em|no|para|gratuitamente)\b"
    r"|abonneer (?:je|u)\b|(?:schrijf je|meld je) (?:nu )?(?:in|aan) voor (?:onze|de) nieuwsbrief"
    r"|zapisz się (?:do|na) newslet|zasubskrybuj\b|subskrybuj\b"
    r"|подпи(?:шитесь|сывайтесь) на\b|abone ol(?:un)?\b|bültenimize abone"
    r"|(?:뉴스레터\s?)?구독(?:하기|하세요|해\s?주세요)|(?:ニュースレター|メルマガ)(?:に|の)?(?:登録|購読)"
    r"|チャンネル登録|订阅(?:我们|本站|电子报)"
    # a call to follow the site: "Follow us on Twitter", "Ακολουθήστε το Aigaio TV στο Google News"
    r"|(?:follow (?:us|\S+(?: \S+){0,3}) on|folgen sie (?:uns|\S+(?: \S+){0,3}) (?:auf|bei)"
    r"|suivez[- ](?:nous|\S+(?: \S+){0,3}) sur|s[ií]guenos en|seguici su|siga-nos n[oa]|segue-nos n[oa]"
    r"|ακολουθήστε (?:μας|\S+(?: \S+){0,3}) (?:στο|στα|στις|στον|στην)) "
    r"(?:twitter|x|facebook|instagram|youtube|tiktok|linkedin|google news|whatsapp|telegram|threads|bluesky|"
    r"mastodon|flipboard|social media|les réseaux sociaux|den sozialen medien|las redes sociales|i social)\b"
    r"|takip edin\W*\Z"
    # a paywall's notice: "Subscribe to continue reading", "Il vous reste 57% de cet article à lire"
    r"|(?:this|the rest of this|the full) (?:article|story|content|post) is (?:only |exclusively )?"
    r"(?:available |reserved |exclusive )?(?:for|to) (?:paying |premium |our )?(?:subscribers|members)"
    r"|(?:subscribe|log ?in|sign ?in|register)(?: now)? to (?:continue|keep) reading"
    r"|(?:subscribe|log ?in|sign ?in) to read (?:the|this) (?:full|whole|rest)"
    r"|to (?:continue|keep) reading,? (?:please )?(?:subscribe|log ?in|sign ?in|register|become)"
    r"|already (?:a subscriber|subscribed|a member|have an account)\s*\?"
    r"|you(?: have|['’]ve) (?:\d+|one|two|three) free (?:articles?|stories) (?:left|remaining)"
    r"|you['’]ve (?:reached|read) (?:your|all your|all of your) (?:\d+ )?free (?:articles|stories)"
    r"|log ?in to access (?:premium|subscriber|member)"
    r"|il vous reste \d+(?:[.,]\d+)?\s*% de cet article|la suite est réservée aux abonnés"
    r"|cet article est réservé aux abonnés|déjà abonné\s*\?|vous (?:possédez|avez) déjà un compte\s*\?"
    r"|dieser (?:artikel|beitrag|inhalt) ist (?:nur |exklusiv )?für (?:abonnenten|abonnentinnen|abonnierende)"
    r"|(?:sie sind )?bereits abonnent|(?:jetzt )?weiterlesen mit\b"
    r"|(?:este|el) (?:artículo|contenido) es (?:exclusivo )?para (?:suscriptores|socios)|¿?ya eres suscriptor"
    r"|questo (?:articolo|contenuto) è riservato agli abbonati|sei già abbonato"
    r"|(?:este|o) conteúdo é (?:exclusivo )?para assinantes|já é assinante"
    r"|dit (?:artikel|stuk) is (?:alleen )?(?:voor|beschikbaar voor) abonnees|al abonnee\s*\?"
    r"|этот материал доступен только (?:по подписке|подписчикам)|уже есть подписка"
    r"|(?:この記事は|ここから先は|この先は|続きは)(?:有料)?会員限定|会員の方はこちら|続きを読むには"
    r"|有料会員(?:になると|限定|の方)|残り\d+文字"
    r"|(?:이 기사는 )?유료\s?(?:회원|구독자)\s?전용|订阅后(?:阅读|查看)全文|本文为付费内容|付费阅读"
    r")",
    re.IGNORECASE,
)
"""A call to subscribe or follow ("Subscribe to our newsletter", "Don't miss a post! Subscribe…",
"Newsletter abonnieren", "Abonnez-vous", "Suscríbete", "구독하기", "Follow us on Instagram",
"The day's top stories, delivered to your inbox") or a paywall's notice
("Subscribe to continue reading", "Already a subscriber?", "Il vous reste 57 % de cet article à
lire. La suite est réservée aux abonnés.", "この記事は会員限定です。"), at the line's start, in
English, German, French, Spanish, Italian, Portuguese, Dutch, Polish, Russian, Turkish, Greek,
Korean, Japanese and Chinese. Written as sentences, the model reads them as prose when they
stand among the paragraphs. (Not "Subscribers to the service pay less", nor "Sign up for the
bundle using the same email": the reader is not asked.) Anchored at the start, so that a search
tries the start only."""
_SUBSCRIBE_MAX_CHARS = 250


_TAGS = re.compile(
    # a label and a colon, then the post's tags or categories: "Tags: storm, floods"
    r"\A\W*(?:(?:tags?|tagged(?: with| as)?|labels|categor(?:y|ies)|filed (?:under|in)|posted (?:in|under)|"
    r"topics|schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|kategorien?|(?:é|e)tiquettes|libell(?:é|e)s|"
    r"cat(?:é|e)gories?|mots[- ]cl(?:é|e)s|class(?:é|e) dans|etiquetas|categor(?:í|i)as?|archivado en|"
    r"marcadores|arquivado em|etichette|categorie|argomenti|trefwoorden|categorieën|tagi|"
    r"метки|теги|рубрик[аи]|etiketler|kategori(?:ler)?|タグ|カテゴリー?|ラベル|标签|標籤|分类|分類|"
    r"태그|카테고리)\s*[:：]"
    # the same without a colon, not a sentence ("Posted in News", "Filed under china, plague")
    r"|(?P<bare>(?:posted|filed) (?:in|under)|tagged(?: with| as)?)\s"
    # the lines WordPress and Movable Type set under a post
    r"|this (?:entry|post) was (?:posted|filed|tagged)|this page contains a single entry by)",
    re.IGNORECASE,
)
"""A post's tags, categories and filing, as blog platforms set them under it ("Tags: storm,
floods", "Filed under: Politics", "Posted in News", "Labels: travel", "Schlagwörter: …",
"カテゴリー: …", "This entry was posted in News and tagged storm. Bookmark the permalink.", "This
page contains a single entry by …"), in fourteen languages. Without a colon only a line that ends
no sentence ("Posted in 2008, the video went round the world." is text)."""
_TAGS_MAX_CHARS = 300


def _filed(line: str) -> bool:
    """Whether a line is a post's tags or filing (`_TAGS`); without a colon, ending no sentence."""
    match = _TAGS.match(line)
    return match is not None and not (match.group("bare") and ends_sentence(line))


_READ_ALSO = re.compile(
    r"^\W*(?:read (?:also|more|next)|also read|see also|related(?: articles?| stories| posts?| news)?|"
    r"lesen sie (?:auch|mehr)|mehr zum thema|auch interessant|weiterlesen|(?:à )?lire aussi|voir aussi|"
    r"le[ea] también|te puede interesar|leia (?:também|mais)|veja também|leggi anche|potrebbe interessarti|"
    r"lees (?:ook|meer)|czytaj (?:też|także|więcej)|читайте (?:также|тоже)|смотрите также|читайте також|"
    r"baca (?:juga|selengkapnya)|ilgili haber(?:ler)?|xem thêm|đọc thêm|läs (?:också|mer)|læs (?:også|mere)|"
    r"les også|lue myös|přečtěte si (?:také|též)|čtěte (?:také|též)|prečítajte si|citește și|"
    r"διαβάστε (?:επίσης|ακόμη)|اقرأ أيضاً?|اقرأ المزيد|همچنین بخوانید|بیشتر بخوانید|קראו גם|"
    r"อ่านเพิ่มเติม|यह भी पढ़ें|इसे भी पढ़ें|관련\s?기사|あわせて読みたい|関連記事|関連|相关阅读|延伸阅读|推荐阅读|"
    r"相关新闻|相關新聞|延伸閱讀|soma (?:pia|zaidi)|basahin (?:din|rin|ang)|pročitajte (?:još|i|također)|"
    r"прочитајте (?:још|и)|pogledajte (?:još|i)|আরও পড়ুন|আরো পড়ুন|மேலும் படிக்க|یہ بھی پڑھیں|קראו עוד|"
    r"ezt is olvassa el|kapcsolódó|preberite (?:še|tudi)|loe ka|skaityk(?:ite)? taip pat|lasi arī|"
    r"ასევე წაიკითხეთ|կարդացեք նաև|ተጨማሪ ያንብቡ|यो पनि पढ्नुहोस्|இதையும் படிக்கவும்|អានបន្ថែម|"
    # the heading of a box of related stories
    r"tin liên quan|berita terkait|artikel terkait|not[ií]cias relacionadas|artículos relacionados|"
    r"articles? liés|sur le même sujet|articoli correlati|notizie correlate|verwandte artikel|"
    r"ähnliche artikel|похожие (?:новости|статьи)|связанные (?:новости|статьи)|zobacz (?:też|także)|"
    r"powiązane artykuły|související články|gerelateerde artikelen|relaterade artiklar|relaterte artikler|"
    r"relaterede artikler|σχετικά άρθρα|(?:مقالات|أخبار) ذات صلة|مطالب مرتبط|اخبار مرتبط|"
    r"כתבות (?:נוספות|קשורות)|ข่าวที่เกี่ยวข้อง|संबंधित (?:खबरें|ख़बरें|लेख)|相关文章|関連ニュース)"
    r"\s*(?:[:：៖፦»>|\-–—】」』》\]]|$)",
    re.IGNORECASE,
)
"""A pointer to another story, set between an article's paragraphs or under it: "Read also:"
and its like in forty languages (or in brackets: "【関連記事】"), then another story's headline,
or alone over a list of them (`_pointed_lists`). (Not "Read more about the storm in our
guide.": a sentence goes on after the words.)"""
_READ_ALSO_MAX_CHARS = 200


def _pointed_lists(lines: list[str], verdicts: list[str | None]) -> list[str | None]:
    """The verdicts with the list under a pointer alone ("Related articles:", "Tin liên quan")
    marked READ_ALSO too: the lines right below it, blank lines aside, while each is a
    headline (no sentence's end, `_POINTED_MAX_CHARS` at most), `_POINTED_ITEMS` at most.

    >>> page = ["Tin liên quan:", "", "Sửa đường kéo dài", "Giá vé tăng", "", "Cây cầu nối chợ cũ."]
    >>> _pointed_lists(page, [line_reason(line) for line in page])
    ['read_also', None, 'read_also', 'read_also', None, None]
    """
    out = list(verdicts)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if verdicts[i] != READ_ALSO or not _alone(stripped):
            continue
        below = (k for k in range(i + 1, len(lines)) if lines[k].strip())
        for k in itertools.islice(below, _POINTED_ITEMS):
            item = lines[k].strip()
            if verdicts[k] is not None or ends_sentence(item) or len(item) > _POINTED_MAX_CHARS:
                break
            out[k] = READ_ALSO
    return out


def _alone(line: str) -> bool:
    """Whether a pointer is the list's heading: nothing but its words (and a colon)."""
    match = _READ_ALSO.match(line)
    return match is not None and not line[match.end() :].strip()


_POINTED_ITEMS = 8
_POINTED_MAX_CHARS = 150


def _prose(line: str) -> bool:
    return len(line.split()) >= _PROSE_WORDS and ends_sentence(line)


def article_scores(table: np.ndarray, model: Path = MODEL_PATH, flat: bool = False) -> np.ndarray:
    """P(article text) for each row of a line table, from the two-pass model (the one for
    clippings with no blank line when `flat`)."""
    first, second = load_model(model, flat)
    return second.probability(second_pass(table, first.probability(table)))


FLAT_LINES = 4


def flat_clipping(lines: list[str]) -> bool:
    """Whether a clipping has `FLAT_LINES` lines or more and no blank line between any two: a
    tool that drops blank lines when it copies a page (and some editors) gives such clippings.
    The blank lines of a page copied from a browser tell paragraphs (one blank line apart) from
    a menu's items (none), and the model reads them, so such clippings get a model of their
    own, learnt from the same pages as they are and with their blank lines dropped
    (training/train_chrome.py).

    >>> flat_clipping(["Home", "News", "Rain floods the town.", "It rained all day."])
    True
    >>> flat_clipping(["Home", "", "News"] * 2)
    False
    """
    seen, gap = 0, False
    for line in lines:
        if not line.strip():
            gap = seen > 0
        elif gap:
            return False  # most clippings: a blank line between their first lines
        else:
            seen += 1
    return seen >= FLAT_LINES


def _block_of(score: np.ndarray, table: np.ndarray) -> np.ndarray:
    return main_block(score, table[:, NAMES.index("log_chars")]) > 0


@functools.lru_cache(maxsize=16)
def load_model(path: Path = MODEL_PATH, flat: bool = False) -> tuple[TreeEnsemble, TreeEnsemble]:
    """The two passes' weights, loaded once per process, file and model; they never change
    during a run. A file without the flat model's weights (named "flat_first_...") serves flat
    clippings with its one model."""
    with np.load(path) as arrays:
        prefix = "flat_" if flat and "flat_first_roots" in arrays.files else ""
        first = TreeEnsemble.from_arrays(_named(arrays, prefix + "first_"))
        second = TreeEnsemble.from_arrays(_named(arrays, prefix + "second_"))
    if list(first.names) != NAMES or list(second.names) != SECOND_NAMES:
        raise RuntimeError(f"{path} was trained on other features: run training/train_chrome.py")
    return first, second


def _named(arrays: np.lib.npyio.NpzFile, prefix: str) -> dict[str, np.ndarray]:
    return {k[len(prefix) :]: arrays[k] for k in arrays.files if k.startswith(prefix)}
