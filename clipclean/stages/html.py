"""HTML to text lines: trafilatura's main content, or every visible line when it finds none.

1. trafilatura extracts the main content (its precise setting, with a guard against
   the times it cuts an article short: see `_main_text`), with no network access and
   without its process-global duplicate cache (`deduplicate=False`); its metadata
   functions give title, author, date and site name, fallbacks for clipclean's own.
2. A page that holds several articles (several `<article>` elements, not nested in one
   another nor in a comment section, each with its own main heading and at least
   `ARTICLE_MIN_CHARS` of paragraphs) gives one text per article, each extracted on its
   own; the page's title, author and date then belong to none of them in particular.
3. When trafilatura returns nothing (or fails), the page is rendered to its visible
   text lines, so the text-mode stages still get a chance and no page silently
   yields nothing.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from clipclean.stages.linefeatures import ends_sentence

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>")
_LOOKS_HTML = re.compile(
    r"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|article|div|p)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section table td th tr ul".split()
)
_PARAGRAPHS = frozenset("blockquote dl h1 h2 h3 h4 h5 h6 hr ol p pre table ul".split())
"""Blocks a text browser sets apart with a blank line, as in a copied page."""
_METADATA = ("title", "author", "date", "sitename")
_COMMENTS = re.compile("comment", re.IGNORECASE)
TRUNCATED = 0.2
"""trafilatura's precise text shorter than this share of a page's paragraphs may be cut short."""
ARTICLE_MIN_CHARS = 500
"""An `<article>` element with less paragraph text than this is a teaser, not an article."""
_INVISIBLE = frozenset("script style noscript template head svg iframe object".split())


@dataclass(frozen=True)
class Extracted:
    texts: tuple[str, ...]
    """The main content: one text per article on the page (usually one)."""
    captions: tuple[tuple[str, ...], ...] = ()
    """Each article's figure captions (`<figcaption>`; trafilatura leaves them out)."""
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    method: str = "trafilatura"
    """"trafilatura", or "rendered" when the page's visible text was used instead, "json-ld"
    for the article its structured data holds (`jsonld.article`), or "markdown" for a Markdown
    clipping's text (`markdown.read`), which is cleaned as a clipping."""
    url: str | None = None
    """The page's address, where the input names it (a Markdown clipping's front matter)."""
    addresses: tuple[str, ...] = ()
    """The addresses an HTML page gives for itself (its `og:url` and canonical link), for
    `pages.home_page`. (Not the records' `url`: some sites give every page their home's.)"""
    markup: str = ""
    """The page itself, to `render` its visible text when a page-level decision needs it."""


def looks_like_html(text: str) -> bool:
    """True when a document starts like an HTML page (used for stdin and unknown file types).

    >>> looks_like_html("<!DOCTYPE html><html>"), looks_like_html("Seoul, June 7 <b>")
    (True, False)
    """
    return bool(_LOOKS_HTML.match(text[:2048]))


def extract(html: str, url: str | None = None) -> Extracted:
    """Main content of a page as text lines, with trafilatura's metadata."""
    from trafilatura.utils import load_html  # lazy: --help and text-only runs start fast

    html = _XML_DECLARATION.sub("", html, count=1)
    meta: dict[str, str | None] = dict.fromkeys(_METADATA)
    texts: list[str] = []
    captions: list[tuple[str, ...]] = []
    named: tuple[str, ...] = ()
    try:
        tree = load_html(html)
        named = addresses(tree) if tree is not None else ()
        parts = articles(tree) if tree is not None else []
        if parts:  # the page's title, author and date are not any one article's
            meta["sitename"] = metadata(tree, url)["sitename"]
            texts = [_main_text(_page_of(part), url) for part in parts]
            captions = [figure_captions(part) for part in parts]
        elif tree is not None:
            meta = metadata(tree, url)
            texts = [_main_text(tree, url)]
            captions = [figure_captions(_article_root(tree))]
        else:
            texts = [_main_text(html, url)]
    except Exception:  # noqa: BLE001 - trafilatura can fail in many ways on broken markup; render instead
        texts = []
    if not any(texts):
        return Extracted((render_text(html),), method="rendered", markup=html, addresses=named)
    kept = [k for k, text in enumerate(texts) if text]
    return Extracted(
        tuple(texts[k] for k in kept),
        tuple(captions[k] for k in kept) if captions else (),
        meta["title"],
        meta["author"],
        meta["date"],
        meta["sitename"],
        markup=html,
        addresses=named,
    )


def addresses(tree: Any) -> tuple[str, ...]:
    """The absolute addresses a parsed page gives for itself: its `og:url` and its canonical link.

    >>> from lxml import html
    >>> head = '<meta property="og:url" content="https://a.example/news/1"><link rel="Canonical" href="/1">'
    >>> addresses(html.fromstring(f"<html><head>{head}</head><body><p>x</p></body></html>"))
    ('https://a.example/news/1',)
    """
    found = tree.xpath(
        "//meta[@property='og:url']/@content"
        " | //link[contains(translate(@rel, 'CANONIL', 'canonil'), 'canonical')]/@href"
    )
    return tuple(dict.fromkeys(str(a).strip() for a in found if "://" in a))


def figure_captions(element: Any) -> tuple[str, ...]:
    """The text of each `<figcaption>` inside an element (none for None), once each.

    >>> from lxml import html
    >>> figure = "<figure><img src='a.jpg'><figcaption> A <b>bridge</b> </figcaption></figure>"
    >>> figure_captions(html.fromstring(f"<div>{figure}{figure}</div>"))
    ('A bridge',)
    """
    if element is None:
        return ()
    found = (" ".join(" ".join(caption.itertext()).split()) for caption in element.iter("figcaption"))
    return tuple(dict.fromkeys(caption for caption in found if caption))


def _top_articles(tree: Any) -> list[Any]:
    return [
        element for element in tree.iter("article") if next(element.iterancestors("article"), None) is None
    ]


def _article_root(tree: Any) -> Any:
    """The element holding a one-article page's article, where the markup says so: the
    `<article>` with the page's h1, else the only `<article>`, else `<main>`; else None
    (a page's other figures, in sidebars and teasers, are not the article's)."""
    tops = _top_articles(tree)
    headed = [a for a in tops if next(a.iter("h1"), None) is not None]
    if headed or len(tops) == 1:
        return (headed or tops)[0]
    return tree.find(".//main")


def articles(tree: Any) -> list[Any]:
    """The page's articles when it holds several: `<article>` elements, not inside another
    one nor in a comment section, each with a main heading (h1 or h2; a block of related
    stories has an h3 over it) and ARTICLE_MIN_CHARS of paragraphs (a teaser has less). An
    empty list for a page of one article.

    >>> from lxml import html
    >>> story = "<article><h2>{}</h2><p>" + "Words. " * 80 + "</p></article>"
    >>> teaser = "<article><h3>Teaser</h3><p>Read on.</p></article>"
    >>> page = html.fromstring(story.format("One") + teaser + story.format("Two"))
    >>> [part.findtext("h2") for part in articles(page)]
    ['One', 'Two']
    """
    found = [
        element
        for element in _top_articles(tree)
        if next(element.iter("h1", "h2"), None) is not None
        and sum(len(" ".join(p.itertext()).strip()) for p in element.iter("p")) >= ARTICLE_MIN_CHARS
        and not any(
            _COMMENTS.search(f"{up.get('class', '')} {up.get('id', '')}")
            for up in (element, *element.iterancestors())
        )
    ]
    return found if len(found) > 1 else []


def _page_of(article: Any) -> Any:
    """A page of its own holding a copy of one article element."""
    from lxml import html

    page = html.Element("html")
    html.etree.SubElement(page, "body").append(copy.deepcopy(article))
    return page


def _main_text(page: Any, url: str | None) -> str:
    """trafilatura's main content of a page (markup or a parsed tree), or "".

    trafilatura's `favor_precision` setting leaves out more related links, teasers and
    appended stories (dev pages: F1 0.959 against 0.954 by default), but now and then cuts an
    article to its first paragraphs or a reprint notice. So when its text is short against
    the page's paragraphs (under TRUNCATED of them), the default setting runs too, and its
    text is taken when it is at least twice as long. A page's paragraphs are its `<p>`
    elements, or, on a page that sets its text apart with `<br>` or `<div>`, its lines of
    prose, whichever hold more.
    """
    text = _trafilatura_text(page, url, precision=True)
    if not isinstance(page, str) and _more_paragraphs(page, len(text) / TRUNCATED):
        fuller = _trafilatura_text(page, url, precision=False)
        if len(fuller) >= 2 * len(text):
            return fuller
    return text


def _more_paragraphs(tree: Any, chars: float) -> bool:
    """True when the page's paragraphs hold more than `chars` characters: its `<p>` elements'
    text, or its lines of prose (`_PROSE_CHARS` long or more, ending a sentence).

    >>> from lxml import html
    >>> line = "It rained all day in the town, and by the evening the river had risen over its banks."
    >>> page = html.fromstring(f"<html><body><div>{(line + '<br>') * 20}</div></body></html>")
    >>> _more_paragraphs(page, 1000), _more_paragraphs(page, 5000)
    (True, False)
    """
    left = chars
    for paragraph in tree.iter("p"):
        left -= len(" ".join(paragraph.itertext()).strip())
        if left < 0:
            return True
    if len(tree.text_content()) <= chars:  # cheap: not even all its text, scripts too, is that much
        return False
    lines = render_tree(tree).split("\n")
    return sum(len(line) for line in lines if len(line) >= _PROSE_CHARS and ends_sentence(line)) > chars


_PROSE_CHARS = 80


def _trafilatura_text(page: Any, url: str | None, precision: bool) -> str:
    import trafilatura

    doc = trafilatura.bare_extraction(
        page,
        favor_precision=precision,
        url=url,
        deduplicate=False,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        config=_trafilatura_config(),
    )
    text = getattr(doc, "text", None) if doc is not None else None
    return text if text and text.strip() else ""


def metadata(tree: Any, url: str | None = None) -> dict[str, str | None]:
    """Title, author, date and site name of a parsed page, by trafilatura's own metadata
    functions: meta tags and JSON-LD, then the page's headline and title elements, and
    htmldate's quick search for the date.

    trafilatura's full `extract_metadata` costs a quarter of an extraction's time; this
    leaves out what clipclean does not use (categories, tags, licence), htmldate's search of
    the whole page for dates (2 of the 236 dev pages lose their date), and the search of
    every element's class and id for a byline (9% of HTML mode's time; it named an author
    on 53 dev pages, several of them wrong: "Rmb", "Jdadmin", "Editorial").
    """
    from htmldate import find_date
    from trafilatura import metadata as tm

    doc = tm.examine_meta(tree)
    if doc.author and " " not in doc.author:
        doc.author = None  # a user name, not a person's
    with contextlib.suppress(Exception):  # trafilatura's JSON-LD reader has failed on odd markup
        doc = tm.extract_meta_json(tree, doc)
    doc.title = doc.title or tm.extract_title(tree)
    url = doc.url or tm.extract_url(tree, url)
    doc.date = find_date(tree, url=url, original_date=True, extensive_search=False)
    sitename = (doc.sitename or tm.extract_sitename(tree) or "").lstrip("@")
    if sitename and "." not in sitename and not sitename[0].isupper():
        sitename = sitename.title()  # as trafilatura does
    if not sitename and url and (host := tm.META_URL.match(url)):
        sitename = host[1]
    doc.sitename = sitename
    return {name: _field(doc, name) for name in _METADATA}


def render_text(html: str) -> str:
    """The visible text of a page, one line per block element.

    Uses the standard library's streaming tokenizer, which keeps no tree: pages nested
    deeper than libxml2's limit (2048 levels) lose no text.

    >>> render_text("<p>One <b>two</b></p><script>x()</script><div>three</div><div>4</div>")
    'One two\\n\\nthree\\n4'
    >>> render_text("<li><span>[Q&A]</span>\\n  <a>\\n Title</a></li><pre>a = 1\\nb = 2</pre>")
    '[Q&A] Title\\n\\na = 1\\nb = 2'
    """
    renderer = _Renderer()
    renderer.feed(html)
    renderer.close()
    return _lines_of(renderer.parts)


def _lines_of(parts: list[str]) -> str:
    out: list[str] = []
    for line in "".join(parts).split("\n"):
        if line == _PARAGRAPH_BREAK:
            if out and out[-1]:
                out.append("")  # one blank line where paragraph-like blocks meet
        elif text := " ".join(line.split()):
            out.append(text)
    return "\n".join(out).strip("\n")


_PARAGRAPH_BREAK = "\x00"


def render(html: str) -> str:
    """The visible text of a page, one line per block element (see `render_tree`)."""
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except Exception:  # noqa: BLE001 - lxml fails in many ways on broken markup; tokenize instead
        tree = None
    return render_tree(tree) if tree is not None else render_text(html)


def render_tree(tree: Any) -> str:
    """The visible text of a parsed page, as `render_text` gives it, from lxml's tree (about
    five times faster than tokenizing the markup again).

    >>> from lxml import html
    >>> render_tree(html.fromstring("<p>One <b>two</b></p><script>x()</script><div>three</div><div>4</div>"))
    'One two\\n\\nthree\\n4'
    >>> render_tree(html.fromstring("<div><li><b>[Q]</b>\\n <a>\\n Title</a></li><pre>a\\nb</pre></div>"))
    '[Q] Title\\n\\na\\nb'
    """
    from lxml import etree

    parts: list[str] = []
    pre = 0
    walk = etree.iterwalk(tree, events=("start", "end"))
    for event, element in walk:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _INVISIBLE or not tag:
                walk.skip_subtree()
                continue
            pre += tag == "pre"
            if tag in _BLOCKS:
                parts.append(f"\n{_PARAGRAPH_BREAK}\n" if tag in _PARAGRAPHS else "\n")
            if element.text:
                parts.append(_text(element.text, pre))
        else:
            pre -= tag == "pre"
            if tag in _BLOCKS:
                parts.append(f"\n{_PARAGRAPH_BREAK}\n" if tag in _PARAGRAPHS else "\n")
        ends = event == "end" or tag in _INVISIBLE or not tag  # a skipped element has no end event
        if ends and element.tail and element is not tree:
            parts.append(_text(element.tail, pre))
    return _lines_of(parts)


_LINE_BREAKS = re.compile(r"[\r\n]+")


def _text(text: str, pre: int) -> str:
    """Markup text as a browser shows it: line breaks in the source are spaces, but in `<pre>`."""
    text = text.replace(_PARAGRAPH_BREAK, "")
    return text if pre else _LINE_BREAKS.sub(" ", text)


class _Renderer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._pre += tag == "pre"
        if tag in _INVISIBLE:
            self._hidden += 1
        elif tag in _BLOCKS:
            self.parts.append(f"\n{_PARAGRAPH_BREAK}\n" if tag in _PARAGRAPHS else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self._pre = max(0, self._pre - (tag == "pre"))
        if tag in _INVISIBLE:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append(f"\n{_PARAGRAPH_BREAK}\n" if tag in _PARAGRAPHS else "\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(_text(data, self._pre))


@functools.lru_cache(maxsize=1)
def _trafilatura_config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    # Its signal-based timeout only works in the main thread and is not needed for saved pages.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _field(doc: Any, name: str) -> str | None:
    value = getattr(doc, name, None)
    return " ".join(value.split()) or None if isinstance(value, str) else None
