"""Markdown clippings: what web clippers save (Obsidian Web Clipper, MarkDownload, Joplin).

Such a clipping is a page's text with its markup spelled out ("# Headline", "[a link](url)",
"**bold**", "![a photo](url)"), often under a YAML front matter that names the title, the
source's address, the author and the date. `read` gives its text as a browser's copy of the
page would read (a heading, a paragraph's lines, a table's row on a line of its own, blank lines
between blocks, a list's items on lines one under the other, links and emphasis as their
words, pictures left out), which the text stages clean as any other clipping, and the front
matter's fields, which fill a story's fields its text does not give.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from clipclean.stages import fields
from clipclean.stages.html import Extracted

SUFFIXES = (".md", ".markdown")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_LINK = re.compile(r"!?\[[^\[\]\n]{0,300}\]\([^()\s]{1,2000}(?:\s+\"[^\"\n]{0,300}\")?\)")
_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_MIN_LINKS = 2
"""A text with no front matter is Markdown when it has a heading ("# …") and this many links."""
_SAMPLE_CHARS = 20000
_TAG = re.compile(r"<[^<>\n]{0,1000}>")
_WIKI_LINK = re.compile(r"(!?)\[\[(?:[^\[\]|\n]{0,300}\|)?([^\[\]\n]{0,300})\]\]")
"""A wiki link as Obsidian writes it, "[[Page]]" or "[[Page|shown words]]" (the words stay), or
an embedded file, "![[photo.jpg]]" (which goes, as a picture does)."""
_TITLE_KEYS = ("title",)
_URL_KEYS = ("source", "url", "link", "canonical_url")
_AUTHOR_KEYS = ("author", "authors", "byline")
_DATE_KEYS = ("published", "date", "pubdate", "publish_date")
"""(Not "created": a clipper's date of the clipping, not of the story.)"""


def looks_like_markdown(text: str) -> bool:
    """Whether a text clipping (not named .md) is Markdown: it opens with a YAML front matter,
    or holds a heading and `_MIN_LINKS` links or pictures in Markdown's spelling.

    >>> looks_like_markdown("---\\ntitle: Rain\\n---\\nIt rained.")
    True
    >>> looks_like_markdown("# Rain\\n\\n[Home](/) [News](/news)\\n\\nIt rained.")
    True
    >>> looks_like_markdown("#1 seed wins\\n\\nIt rained [on Monday].")
    False
    """
    sample = text[:_SAMPLE_CHARS]
    if _FRONT_MATTER.match(sample) is not None:
        return True
    return bool(_HEADING.search(sample)) and len(_LINK.findall(sample)) >= _MIN_LINKS


def read(text: str) -> Extracted:
    """A Markdown clipping's text as a copy of the rendered page reads (its one text), and its
    front matter's title, author, date and source address.

    >>> page = "---\\ntitle: Rain floods the town\\nauthor: '[[Jane Roe]]'\\npublished: 2026-12-03\\n---\\n"
    >>> page += "# Rain floods the town\\n\\nIt **rained** all day, [the report](https://x.example) says.\\n"
    >>> page += "\\n- Home\\n- News\\n\\n![A flooded street](https://x.example/a.jpg)\\n"
    >>> found = read(page)
    >>> found.texts
    ('Rain floods the town\\n\\nIt rained all day, the report says.\\n\\nHome\\nNews',)
    >>> found.title, found.author, found.date, found.method
    ('Rain floods the town', 'Jane Roe', '2026-12-03', 'markdown')
    """
    matter = _FRONT_MATTER.match(text)
    body = text[matter.end() :] if matter is not None else text
    meta = _metadata(matter["yaml"]) if matter is not None else {}
    return Extracted(
        ("\n\n".join("\n".join(block) for block in _blocks(body) if block),),
        title=_text(meta, _TITLE_KEYS),
        author=_text(meta, _AUTHOR_KEYS),
        date=_date(meta),
        method="markdown",
        url=_text(meta, _URL_KEYS),
    )


def _metadata(yaml_text: str) -> dict[str, Any]:
    """The front matter's fields by lower-case name; none when it is not YAML."""
    import yaml  # lazy: only Markdown clippings with a front matter need it

    try:
        loaded = yaml.safe_load(yaml_text)
    except yaml.YAMLError:
        return {}
    return {str(key).lower(): value for key, value in loaded.items()} if isinstance(loaded, dict) else {}


def _text(meta: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    value = next((meta[key] for key in keys if meta.get(key)), None)
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value if item)
    return " ".join(_unwiki(str(value)).split()) or None if value else None


def _unwiki(text: str) -> str:
    return _WIKI_LINK.sub(lambda link: "" if link[1] else link[2], text) if "[[" in text else text


def _date(meta: dict[str, Any]) -> str | None:
    value = next((meta[key] for key in _DATE_KEYS if meta.get(key)), None)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return fields.parse_date(str(value)) if value else None


def _blocks(body: str) -> list[list[str]]:
    """The lines of each block of the rendered text: a heading, a paragraph, a list (its
    items one under the other, an ordered list's with their numbers), a table (a row a line,
    its cells between "|"), a code block."""
    from markdown_it import MarkdownIt  # lazy: rich depends on it too, but --help need not load it

    blocks: list[list[str]] = []
    depth = 0  # of lists and tables: what is inside them stays in their block
    prefix = ""  # an ordered list item's number, for its first line
    row: list[str] | None = None  # a table row's cells, while in one
    for token in MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(body):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open", "table_open"):
            if not depth:
                blocks.append([])
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close", "table_close"):
            depth -= 1
        elif kind == "list_item_open":
            prefix = f"{token.info}{token.markup} " if token.info else ""
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            blocks[-1].append("| " + " | ".join(row) + " |")
            row = None
        elif kind == "inline" and row is not None:
            row.append(_inline(token.children or []).replace("\n", " "))
        elif kind == "inline":
            lines = (prefix + _inline(token.children or [])).split("\n")
            prefix = ""
            if depth:
                blocks[-1].extend(lines)
            else:
                blocks.append(lines)
        elif kind in ("fence", "code_block"):
            (blocks[-1].extend if depth else blocks.append)(token.content.rstrip("\n").split("\n"))
        elif kind == "html_block":
            blocks.append(_TAG.sub("", token.content).split("\n"))
    return [[line.strip() for line in block if line.strip()] for block in blocks]


def _inline(children: list[Any]) -> str:
    """An inline run's words: a link's and emphasis's text, no picture, no markup. Its line
    breaks stay (a browser would join a paragraph's lines, but a .md file may be a plain-text
    clipping with a menu's items a line each, which the text stages read by its lines)."""
    parts: list[str] = []
    for child in children:
        if child.type == "text":
            parts.append(_unwiki(child.content))
        elif child.type == "code_inline":
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")  # a line break in the file stays one, as in a plain-text clipping
    return "".join(parts).strip()
