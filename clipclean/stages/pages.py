"""Whether a page holds an article at all, and what it is when it does not.

A portal's home page, a board's list of threads, a section page of headlines, a company's
home page: such a page holds no story, and cleaning it must give none, with a reason of its
own (distinct from an input that could not be read). The chrome model keeps little or
nothing of most of them; three page-level checks follow it:

1. A drafted story whose body is mostly ledes cut short by "…" (see `teasers`) is a
   teaser list, not a story: its lines are removed as `teaser`. (Not in an extractor's main
   text, which is one article, however its paragraphs end: whether that text is a page's
   teasers run together, the whole page says: `made_of_teasers`.)
2. A page none of whose stories is an article (`MIN_ARTICLE_WIDTH` long, `MIN_PROSE_WIDTH` of
   it prose) and whose stories are a small part of the page (most of it chrome) holds no
   article, only fragments (a site's blurb, a notice, a caption, a portal's headlines that the
   model kept): their lines are removed as `no_article`. A short clipping that is all text (a
   brief, a note) keeps its story, but not one of a menu's labels alone.
3. A page that gives no story says what it is: a list of teasers (several headlines with
   ledes cut short), a list of links (mostly short lines), or just no article text.

Before them all, a page whose addresses are its site's home page's (`home_page`) holds no
article, whatever its lines are: only its teasers, when asked for.

And in HTML mode, whether the extractor's main text is the article the page's title names
(`astray`), or the page's whole text holds it instead (`tells`), and whether the extractor ran
a page laid out with tables together into one line (`flattened`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from clipclean.stages import fields, teasers
from clipclean.stages.layout import width
from clipclean.stages.linefeatures import ends_sentence
from clipclean.stages.split import ECHO, ECHO_BODY_CHARS, Draft

TEASER = "teaser"
"""Removal reason: a teaser of another story (a headline and its lede cut short)."""
NO_ARTICLE = "no_article"
"""Removal reason: text of a page with no article, too little to be one."""
MIN_ARTICLE_WIDTH = 150
"""A story's text shorter than this (in display columns: a Han or Hangul character counts
two) is a fragment, not an article: about 25 English words, or 75 Korean or Chinese
characters."""
MIN_PROSE_WIDTH = 100
"""... and of which this much is prose (`draft_prose`): two sentences or so. A portal's headlines
that the model kept between its menus are as long as an article's first paragraphs, but none
of them ends a sentence."""
_LONGEST_HEADLINE = 150
"""Display columns (as `fields.is_headline` counts them): a longer line is prose."""
_RUNS_ON = (",", ";", "、", "，", "；", "\u060c", "\u061b")
"""A line ending in one of these (a comma or a semicolon: Latin, CJK, Arabic) runs on into the next
(a verse, a sentence set over two lines)."""
_LETTER = re.compile(r"[^\W\d_]")
_FRAGMENT_SHARE = 0.25
"""... when it is less than this share of the page's text."""
_LABEL_WIDTH = 80
"""A paragraph this wide is text, though no sentence: wider than a menu's label. (Drafts of
labels alone, under this and with no prose, became no article on no dev page in text or
HTML mode, as they are or with their blank lines dropped; a clipping of a menu alone, with no
blank line, did: the flat model kept 13 of its 20 labels.)"""
NO_TEXT = "no article text found"
TEASER_LIST = "no article: a list of teasers"
LINK_LIST = "no article: a list of links"
HOME_PAGE = "no article: a site's home page"
_SHORT_CHARS = 40
_LINK_LIST_SHARE = 0.6
_LINK_LIST_LINES = 10
"""A page whose lines are this often shorter than _SHORT_CHARS is a list of links and labels."""
_TEASER_SHARE = 0.5
"""A story whose text is this much ledes cut short is a list of teasers."""


def drop_teasers(
    drafts: list[Draft], lines: list[str], reasons: list[str | None]
) -> tuple[list[Draft], list[str | None]]:
    """The drafts that are stories, and the reasons with the lines of the others marked TEASER:
    a draft whose text is mostly ledes is a teaser (on a page that lists teasers) or a list of
    them (two ledes or more).

    >>> lede = "The council voted nine to four on Monday for the plan the mayor put to …"
    >>> story = Draft("Storm", paragraphs=["Winds tore roofs off."], used=[0, 1])
    >>> teasers = Draft("Budget", paragraphs=[lede, lede], used=[2, 3, 4])
    >>> page = ["Storm", "Winds tore roofs off.", "Budget", lede, lede]
    >>> kept, why = drop_teasers([story, teasers], page, [None] * 5)
    >>> [d.title for d in kept], why
    (['Storm'], [None, None, 'teaser', 'teaser', 'teaser'])
    """
    kept: list[Draft] = []
    out = list(reasons)
    # on a page that lists teasers, one lede makes a teaser; elsewhere it takes two
    cut = teasers.ledes([line.strip() for line in lines])
    least = 1 if len(teasers.find(lines, cut)) >= teasers.MIN_TEASERS else 2
    for draft in drafts:
        text = [lines[i].strip() for i in draft.used]
        ledes = [lines[i].strip() for i in draft.used if i in cut]
        if len(ledes) >= least and sum(map(len, ledes)) >= _TEASER_SHARE * sum(map(len, text)):
            for i in draft.used:
                out[i] = out[i] or TEASER
        else:
            kept.append(draft)
    return kept, out


def drop_fragments(
    drafts: list[Draft], lines: list[str], reasons: list[str | None]
) -> tuple[list[Draft], list[str | None]]:
    """No draft at all when none is an article (`MIN_ARTICLE_WIDTH` of text, `MIN_PROSE_WIDTH`
    of it prose) and the drafts hold under `_FRAGMENT_SHARE` of the page's text, or hold more
    but no prose and no paragraph of `_LABEL_WIDTH` (a short clipping of a menu's labels alone,
    which a model may keep where every line is as short: their lines are then NO_ARTICLE);
    else the drafts with a word in them (a time and a date alone are no story).

    >>> menu = ["Home", "World news", "Sport and culture", "Contact the newsroom"] * 3
    >>> notice = Draft("Notice", paragraphs=["Comments are moderated."], used=[12, 13])
    >>> drafts, why = drop_fragments([notice], [*menu, "Notice", "Comments are moderated."], [None] * 14)
    >>> drafts, why[12:]
    ([], ['no_article', 'no_article'])
    >>> note = Draft("Notice", paragraphs=["Comments are moderated."], used=[0, 1])
    >>> drop_fragments([note], ["Notice", "Comments are moderated."], [None, None])[0] == [note]
    True
    >>> labels = Draft("Home", paragraphs=["News", "Sport", "Contact the newsroom"], used=[0, 1, 2, 3])
    >>> drop_fragments([labels], menu[:4], [None] * 4)[0]
    []
    """
    out = list(reasons)
    wordless = [draft for draft in drafts if not any(map(_LETTER.search, draft.paragraphs))]
    drafts = [draft for draft in drafts if draft not in wordless]  # a time and a date, a count
    kept = sum(width(lines[i].strip()) for draft in drafts for i in draft.used)
    page = sum(width(line.strip()) for line in lines)
    prose = [draft_prose(draft, lines) for draft in drafts]
    text = any(prose) or any(width(paragraph) >= _LABEL_WIDTH for d in drafts for paragraph in d.paragraphs)
    article = (kept >= _FRAGMENT_SHARE * page and text) or any(
        width("\n".join(draft.paragraphs)) >= MIN_ARTICLE_WIDTH and width_of_prose >= MIN_PROSE_WIDTH
        for draft, width_of_prose in zip(drafts, prose, strict=True)
    )
    if not article:
        wordless, drafts = wordless + drafts, []
    return drafts, no_stories(wordless, out)[1]


def no_stories(drafts: list[Draft], reasons: list[str | None]) -> tuple[list[Draft], list[str | None]]:
    """No draft, and the reasons with every draft's lines marked NO_ARTICLE (a home page's).

    >>> no_stories([Draft("Pay with ease", paragraphs=["Pay anyone, anywhere."], used=[1, 2])], [None] * 3)
    ([], [None, 'no_article', 'no_article'])
    """
    out = list(reasons)
    for draft in drafts:
        for i in draft.used:
            out[i] = out[i] or NO_ARTICLE
    return [], out


def draft_prose(draft: Draft, lines: list[str]) -> int:
    """The display width of a draft's lines of prose: those that end a sentence, that run on
    into the next one (a comma, a wrapped line that the next continues in lower case), or that
    are longer than a headline can be, unless a list's mark leads them (`fields.is_bullet`, or
    a hyphen). A list of headlines or of labels has none, nor a board's rules of conduct.

    >>> page = ["Floods close roads near Oslo", "Record heat in Lisbon", "It rained all day.", "Roses"]
    >>> draft_prose(Draft(None, used=[0, 1, 2, 3], body=[0, 1, 2, 3]), page)
    18
    >>> draft_prose(Draft(None, body=[0, 1]), ["The roads were closed", "until the evening."])
    39
    >>> draft_prose(Draft(None, body=[0, 1]), ["خرج الصيادون إلى البحر،", "وعادوا في المساء"])
    23
    """
    body = [lines[i].strip() for i in draft.body] if draft.body else draft.paragraphs
    prose = 0
    for k, text in enumerate(body):
        after = body[k + 1] if k + 1 < len(body) else ""
        if fields.is_bullet(text) or text.startswith("-"):
            continue  # a list's item or a note ("※ Posts that break the rules are deleted.")
        if (
            ends_sentence(text)
            or text.endswith(_RUNS_ON)
            or after[:1].islower()
            or width(text) > _LONGEST_HEADLINE
        ):
            prose += width(text)
    return prose


def clearly_article(lines: list[str]) -> bool:
    """Whether an extractor's text is plainly an article: paragraphs of prose `_CLEAR_WIDTH`
    long together, or `_TEXT_WIDTH` of text in all that is not mostly a list of items that are
    no sentences (a board's threads, a list of links, a portal's headlines, each with its
    outlet's name). When it is neither, the page may be a home
    page whose few links and blurbs the extractor took for a main text, and HTML mode looks at
    the whole page. (Looking at the whole page for longer texts too caught more pages with no
    article but lost more articles that the text-mode model misreads: out of fold, trusting the
    whole page's "no article" on every page gave no story for 3 more of pages-ko's 6 teaser
    lists, but also for 6 of the 1,296 article pages of the other sets, at 12 ms a page.)

    >>> clearly_article(["Home", "Contact us"]), clearly_article(["It rained all day in the town. " * 8] * 3)
    (False, True)
    >>> clearly_article([f"- [Chat] Thread number {n} [3]" for n in range(40)])
    False
    >>> headline = "- Floods close the coast road near Oslo as the river rises {} Daily Post"
    >>> clearly_article([headline.format(n) for n in range(20)])
    False
    """
    text = [line.strip() for line in lines]
    if prose_width(text) >= _CLEAR_WIDTH:
        return True
    items = [t for t in text if t.startswith(_ITEM) and (len(t) < _SHORT_CHARS or not ends_sentence(t))]
    return sum(map(width, text)) >= _TEXT_WIDTH and not _mostly(items, sum(1 for t in text if t))


def prose_width(lines: list[str]) -> int:
    """The columns of prose in these lines: paragraphs of `_PARAGRAPH_WIDTH` or more that end a sentence.

    >>> rain = "It rained all day in the town. " * 4  # 124 columns, 123 once stripped
    >>> prose_width(["Home", rain, rain.replace(".", ";"), "Short, but a sentence."])
    123
    """
    return sum(map(width, _prose(lines)))


def _prose(lines: list[str]) -> list[str]:
    text = [line.strip() for line in lines]
    return [t for t in text if width(t) >= _PARAGRAPH_WIDTH and ends_sentence(t)]


def flattened(lines: list[str]) -> bool:
    """Whether an extractor's text holds a page laid out with a table, read as one: trafilatura
    writes a table's row as one line ("| Local World | The council met ... | Advertise |"), so
    on a page set out with tables, the article's paragraphs, the readers' comments under it and
    the menu beside it run together into one cell. A cell of `FLAT_CHARS` is such a run (a data
    table's cells are short); the page's whole text, read as a clipping, has them apart.

    >>> flattened(["| Home | News |", "| 2 | 3 |"]), flattened([f"| Local | {'The council met. ' * 70} |"])
    (False, True)
    >>> flattened(["| Local | " + "The council met \\\\| Home. " * 50 + " |"])  # "\\|": a bar in a cell
    True
    """
    rows = [line for line in lines if line.startswith("|")]
    return any(len(cell) >= FLAT_CHARS for row in rows for cell in _CELL_BAR.split(row))


_CELL_BAR = re.compile(r"(?<!\\)\|")
"""A bar between a row's cells (trafilatura writes a bar inside a cell as "\\|")."""


FLAT_CHARS = 1000
"""(HTML mode, fold models of training seeds 0 / 1 / 2: pages-more +0.0036 / +0.0040 / +0.0039,
150 of its pages read whole, most of them from 2008's news sites in L3S-GN1; the other sets
unchanged. At 500, pages-more +0.0027 and one pages-ko page down; at 2000, +0.0006. Reading
"\\|" as a bar inside a cell, not between cells, is one page of these: +0.0003.)"""


def astray(texts: list[str], title: str | None) -> bool:
    """Whether an extractor's main text (cleaned into the stories' `texts`) tells of something
    else than the page's title names: no story's opening (`_echo`) uses `split.ECHO` of the
    title's terms, the bar a headline's echo clears. The extractor then took another block of
    the page for its main text (the first paragraphs of other articles, a site's disclaimer);
    whether the page's whole text tells the title's story, `tells` says. A title of too few
    terms to say (a site's name of two words) says nothing.

    >>> title = "Floods close the coast road near Oslo"
    >>> astray(["The coast road near Oslo was closed by floods on Monday."], title)
    False
    >>> astray(["Subscribe to our newsletter for the week's best stories."], title)
    True
    >>> astray(["Anything at all."], "Daily Post"), astray([], title)
    (False, False)
    """
    if not title or not texts or len(fields.terms(title)) < fields.MIN_ECHO_TERMS:
        return False
    return max(_echo(title, text) for text in texts) < ECHO


def tells(whole: list[str], texts: list[str], title: str) -> bool:
    """Whether one of the stories (`whole`) that a read of the page's whole text gives tells what
    the page's title names, as the extractor's main text (`texts`, `astray`) does not: its
    opening uses `TOLD` of the title's terms, and it is another text than the extractor's (it
    uses under `SAME_TEXT` of that text's terms; a longer cut of the same text is no better read).

    >>> title = "Floods close the coast road near Oslo"
    >>> story = "Floods closed the coast road near Oslo on Monday as the river rose."
    >>> tells([story], ["Subscribe to our newsletter."], title), tells([story], [story], title)
    (True, False)
    """
    if not whole:
        return False
    told = max(whole, key=lambda text: _echo(title, text))  # the first, on a tie
    if _echo(title, told) < TOLD:
        return False
    main = fields.terms("\n".join(texts))
    return len(main & fields.terms(told)) < SAME_TEXT * len(main)


def _echo(title: str, text: str) -> float:
    """The share of a title's terms that a story's opening uses (its first
    `split.ECHO_BODY_CHARS` characters, as `split` reads a headline's echo: `fields.echo`)."""
    return fields.echo(title, fields.terms(text[:ECHO_BODY_CHARS]))


TOLD = 0.6
SAME_TEXT = 0.5
"""An extractor's main text whose stories' openings use under 30% of the page's title's terms
(`split.ECHO`) is astray; a story of the whole page's read tells the title's story when its
opening uses 60% of them, and it is another text than the extractor's when it uses under half
of that text's terms. (HTML mode, seed-0 fold models: pages-cjk +0.026, two pages whose
extracted text was other articles' first paragraphs and a site's disclaimer; pages-more
+0.0008, one page up and one down; dev/pages and pages-ko unchanged. Under 0.2, the page down
is left alone; 0.5 in place of 0.6 adds one page up. Without the test of another text, the
whole read also replaced 15 extracted texts that were the right article under a title with the
site's name in it, 6 of them for the worse.)"""


def short_post(main: list[str], texts: list[str], lines: list[str], verdict: str | None) -> bool:
    """Whether an extractor's main text (`main`, cleaned into `texts`) is a short post that the
    read of the page's whole `lines` missed, giving no story for `verdict`: it holds
    `MIN_ARTICLE_WIDTH` of prose. Against a list of teasers, which is found by its teasers
    (a list of links only by its line lengths), it takes two paragraphs of prose that are not
    the page's teasers run together: a blog post beside a list of the blog's other posts, not a
    search page's one-sentence notice. (Of the 1,326 dev pages, the teaser rule changes one
    Korean blog post in HTML mode, from no story to 0.89, out of fold.) A paragraph that trails
    off ("… and here is why…") is prose too, when the text is not the teasers run together: a
    blogger's style, which the whole page's read may take for a list of ledes.

    >>> post = ["It rained all day in the town, and the river rose. " * 2] * 2
    >>> short_post(post, post, ["Home"], LINK_LIST), short_post(post[:1], post[:1], ["Home"], TEASER_LIST)
    (True, False)
    >>> trailing = [post[0] + "And then, at dusk, the bells of the chapel began to ring…"] * 2
    >>> short_post(trailing, trailing, ["Home"], TEASER_LIST)
    True
    """
    run_together = made_of_teasers(texts, lines)
    prose = _prose(main)
    if not run_together:
        prose += [t for t in map(str.strip, main) if width(t) >= _PARAGRAPH_WIDTH and teasers.is_lede(t)]
    if sum(map(width, prose)) < MIN_ARTICLE_WIDTH:
        return False
    return verdict != TEASER_LIST or (len(prose) >= 2 and not run_together)


_ITEM = "- "
"""How trafilatura writes a list item."""
_PARAGRAPH_WIDTH = 100
_CLEAR_WIDTH = 600
_TEXT_WIDTH = 800


def made_of_teasers(texts: list[str], lines: list[str]) -> bool:
    """Whether an extractor's main text is the teasers a page's lines list (`teasers.MIN_TEASERS`
    of them or more, each under its headline), run together: `MADE_OF_TEASERS` of it or more
    is theirs. (Paragraphs that trail off with an ellipsis have no headline above each.)"""
    found = [item for item in teasers.find(lines) if item.title]  # not paragraphs that trail off
    listed = [lines[i] for item in found for i in item.lines]
    return len(found) >= teasers.MIN_TEASERS and share_within(texts, listed) >= MADE_OF_TEASERS


MADE_OF_TEASERS = 0.5
"""An extractor's main text this much made of the page's teasers may be their list, not an
article; the whole page then decides. (On the dev pages: the 3 section pages whose teasers
trafilatura took for the main text hold 0.81-1.0 of theirs; 4 of the 117 article pages whose
page lists 3 headlined teasers or more hold half or more, and their whole page shows the
article all the same.)"""
_GRAM = 5


def share_within(texts: list[str], lines: list[str]) -> float:
    """The share of the texts' character 5-grams (spaces aside, any script) found in the lines.

    >>> share_within(["Rain all day. Floods in the north."], ["Floods in the north …", "Sport"])
    0.5
    """
    found = {gram for line in lines for gram in _grams(line)}
    grams = [gram for text in texts for gram in _grams(text)]
    return sum(gram in found for gram in grams) / len(grams) if grams else 0.0


def _grams(text: str) -> list[str]:
    letters = "".join(text.split())
    return [letters[k : k + _GRAM] for k in range(len(letters) - _GRAM + 1)]


def no_article(lines: list[str]) -> str:
    """Why a page gave no story: what it is made of.

    >>> no_article(["Home", "News", "Sport", "Contact us", "A longer line about the site and its news."] * 3)
    'no article: a list of links'
    """
    if len(teasers.find(lines)) >= teasers.MIN_TEASERS:
        return TEASER_LIST
    return LINK_LIST if _links([line.strip() for line in lines]) else NO_TEXT


def _links(text: list[str]) -> bool:
    """Whether these lines are mostly short, links and labels."""
    text = [t for t in text if t]
    return _mostly([t for t in text if len(t) < _SHORT_CHARS], len(text))


def _mostly(lines: list[str], of: int) -> bool:
    """Whether these lines make a list (`_LINK_LIST_LINES`) and most (`_LINK_LIST_SHARE`) of `of` lines."""
    return len(lines) >= _LINK_LIST_LINES and len(lines) >= _LINK_LIST_SHARE * of


_LOCALE = re.compile(r"[a-z]{2}(?:[-_][a-z]{2})?", re.IGNORECASE)
_HOME_NAMES = frozenset({"index", "default", "main"})
"""A page so named at a site's root, with no query, is its home page ("/index.html"); with one
it is any document ("/index.php?title=Rain", "/default.asp?page=…")."""
_DIGIT = re.compile(r"\d")


def home_page(addresses: Sequence[str]) -> bool:
    """Whether a page's addresses (all it gives, at least one) are its site's home page's: the
    site's root, or a language's ("/kr/"), or a page named so ("/index.html", "/main/home.nhn"),
    with no document's number in the query ("?p=15500" is a post; "?lang=en" is not; a root's
    `index.php?title=Rain` is a document too). A home page holds no article, however much of
    its text reads like one (a company's blurbs, a portal's ledes). A page whose addresses
    disagree (a canonical link to the home page on every page of a site, and the article's own
    `og:url`) is no home page.

    >>> home_page(["https://www.example.com/"]), home_page(["https://example.com/kr/home?locale=ko"])
    (True, True)
    >>> home_page(["https://example.com/?p=15500"]), home_page(["https://example.com/2019/story/index.html"])
    (False, False)
    >>> home_page(["https://example.com/en/index.html"]), home_page(["https://wiki.example/index.php?title=Rain"])
    (True, False)
    >>> home_page(["https://example.com/", "https://example.com/news/rain"]), home_page(["http://[::1/"])
    (False, False)
    """
    return bool(addresses) and all(map(_home_address, addresses))


def _home_address(address: str) -> bool:
    try:
        parts = urlsplit(address.strip())
    except ValueError:  # not an address ("http://[::1/")
        return False
    if not parts.netloc or _DIGIT.search(parts.query):
        return False
    path = [segment for segment in parts.path.split("/") if segment]
    if path and _LOCALE.fullmatch(path[0]):
        path = path[1:]
    if not path:
        return True
    name = path[-1].split(".")[0].lower()
    return name == "home" or (len(path) == 1 and name in _HOME_NAMES and not parts.query)


def teaser_drafts(lines: list[str]) -> list[Draft]:
    """One record per teaser of a list of teasers: its headline as title, its lede as text."""
    return [
        Draft(item.title, paragraphs=[item.lede], used=list(item.lines), kind="teaser")
        for item in teasers.find(lines)
    ]
