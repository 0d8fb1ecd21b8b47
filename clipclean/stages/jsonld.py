"""An article's text in its page's structured data (schema.org JSON-LD), for pages that show none.

A page built in the browser by JavaScript (a React or Next.js app) arrives as an empty shell,
"You need to enable JavaScript to run this app.", and neither trafilatura nor the page's visible
text holds its article. Many such pages still name it for search engines in a
`<script type="application/ld+json">`: a NewsArticle, BlogPosting or Report with its headline,
author, date and `articleBody`. `article` reads that body, the fallback when a page gives no
story otherwise. (Where a page shows its article, the body is not preferred: on the 73 dev pages
that have one, it is often cut to its first 500 characters, or written without the page's
paragraph breaks.)
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from clipclean.stages import fields
from clipclean.stages.html import Extracted

_SCRIPT = re.compile(
    r"<script\b[^>]{0,200}?type\s*=\s*[\"']?application/ld\+json[\"']?[^>]{0,200}>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"<[^<>]{0,1000}>")
MIN_BODY_CHARS = 200
"""A shorter body is a teaser of the article, not the article."""


def article(markup: str) -> Extracted | None:
    """The longest `articleBody` of the page's JSON-LD (`MIN_BODY_CHARS` or more), its
    paragraphs a line each (its one text), with the headline, author and date beside it.

    >>> ld = {"@type": "NewsArticle", "headline": "Bridge opens", "author": {"name": "Ann Lee"},
    ...       "datePublished": "2026-12-03T14:20:00Z", "articleBody": "The bridge opened. " * 12}
    >>> page = f'<script type="application/ld+json">{json.dumps({"@graph": [ld]})}</script><div id="root">'
    >>> found = article(page)
    >>> found.title, found.author, found.date, found.texts[0][:19]
    ('Bridge opens', 'Ann Lee', '2026-12-03T14:20', 'The bridge opened. ')
    """
    found = [item for data in _data(markup) for item in _articles(data)]
    best = max(found, key=lambda item: len(item["articleBody"]), default=None)
    if best is None:
        return None
    body = _text(best["articleBody"])
    if len(body) < MIN_BODY_CHARS:
        return None
    date = _name(best.get("datePublished"))
    return Extracted(
        (body,),
        title=_name(best.get("headline")),
        author=_name(best.get("author")),
        date=fields.parse_date(date) if date else None,
        method="json-ld",
        markup=markup,
    )


def _data(markup: str) -> Iterator[Any]:
    for script in _SCRIPT.finditer(markup):
        try:
            yield json.loads(script[1])
        except ValueError:  # a page's broken JSON-LD is no article
            continue


def _articles(data: Any) -> Iterator[dict[str, Any]]:
    """The objects with an `articleBody` string, at any depth ("@graph", lists, "mainEntity")."""
    if isinstance(data, list):
        for item in data:
            yield from _articles(item)
    elif isinstance(data, dict):
        if isinstance(data.get("articleBody"), str):
            yield data
        for value in data.values():
            if isinstance(value, (list, dict)):
                yield from _articles(value)


def _text(body: str) -> str:
    """A body's paragraphs, a line each: entities decoded, tags (some sites leave them) gone."""
    text = html.unescape(_TAG.sub("\n", body)) if "<" in body or "&" in body else body
    return "\n\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _name(value: Any) -> str | None:
    """A field's text: a string, or a person's or list of persons' names."""
    if isinstance(value, list):
        names = [name for item in value if (name := _name(item))]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    return " ".join(value.split()) or None if isinstance(value, str) else None
