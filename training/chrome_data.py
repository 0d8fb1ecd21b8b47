"""Labelled lines for the chrome classifier, from the dev pages and the seed clippings.

A dev page's clipping line is article text when it is (nearly all) inside the page's gold text;
a seed's lines are labelled by hand in its gold JSON. Training-only: nothing in clipclean imports it.

A clipping is read as the stages read it (`pipeline.text_lines`), but one whose every line is one
blank line from the next stays so (`even=False`): at run time the flat model reads it with its
blank lines set aside, and that model learns from every page's flat twin (`flat_twin`), these
too. Five dev clippings are so spaced; read flat here too, the first model, retrained, moved by
retraining noise alone (README, Blank lines and Quality).
"""

from __future__ import annotations

import collections
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from clipclean.pipeline import text_lines
from clipclean.stages.decode import normalize_text
from clipclean.stages.linefeatures import line_table

_SQUASH = re.compile(r"[\W_]+")
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3"
TOKEN = re.compile(rf"[{CJK}]|[^\W_]+")


def squash(text: str) -> str:
    return _SQUASH.sub("", text).lower()


def tokens(text: str) -> collections.Counter[str]:
    return collections.Counter(t.lower() for t in TOKEN.findall(text))


@dataclass
class Doc:
    name: str
    group: str  # the site: folds never split a site
    lang: str
    lines: list[str]
    index: list[int]  # non-blank line numbers
    X: np.ndarray
    y: np.ndarray
    gold: str


def flat_twin(doc: Doc) -> Doc:
    """A doc as a clipping with no blank line would give it (a tool that drops them when it
    copies a page): its lines, labels and site unchanged, its features measured anew."""
    lines = [doc.lines[i] for i in doc.index]
    index, X = line_table(lines)
    return Doc(doc.name, doc.group, doc.lang, lines, index, X, doc.y, doc.gold)


def page_labels(lines: list[str], index: list[int], gold: str) -> np.ndarray:
    """1 for lines whose text is in the gold article text."""
    if not gold.strip():
        return np.zeros(len(index), dtype=int)
    g = squash(gold)
    gold_tokens = tokens(gold)
    long_ok = {}
    for i in index:
        s = squash(lines[i])
        if len(s) >= 12:
            t = tokens(lines[i])
            cover = sum((t & gold_tokens).values()) / max(1, sum(t.values()))
            long_ok[i] = s in g or cover >= 0.9
    y = []
    for k, i in enumerate(index):
        s = squash(lines[i])
        if i in long_ok:
            y.append(long_ok[i])
            continue
        near = [long_ok.get(j, False) for j in index[max(0, k - 2) : k + 3] if j != i]
        y.append(bool(s) and s in g and any(near))
    return np.array(y, dtype=int)


NO_STORY_KINDS = frozenset({"multi-article", "no-article"})
"""Page kinds (pages-ko's `kind`) that give no story by default: teaser lists and pages with no
article. Their gold for the default run is empty, whatever their gold.txt lists for --teasers."""

_SECOND_LEVEL = frozenset("co com net org ac or ne go gov edu re pe ltd plc".split())


def site_of(host_or_url: str) -> str:
    """The registrable domain of a host or URL, near enough to group pages by site: the last
    two labels, or three under a second-level suffix (news.bbc.co.uk -> bbc.co.uk).

    >>> site_of("https://n.news.naver.com/x"), site_of("news.bbc.co.uk"), site_of("www.salesforce.com/kr")
    ('naver.com', 'bbc.co.uk', 'salesforce.com')
    """
    host = urlparse(host_or_url if "//" in host_or_url else "//" + host_or_url).hostname or ""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def load_pages(pages: Path) -> list[Doc]:
    """Every page of a dev set (INDEX.tsv beside page_*.clip.txt and page_*.gold.txt). A page's
    group is its site (the `site` column, else its URL's), across sets: folds never split one."""
    rows = (pages / "INDEX.tsv").read_text(encoding="utf-8").splitlines()
    head = rows[0].split("\t")
    docs = []
    for row in rows[1:]:
        cols = dict(zip(head, row.split("\t"), strict=False))
        pid = cols["id"]
        url = cols.get("url") or next((c for c in row.split("\t") if c.startswith("http")), "")
        lines = text_lines((pages / f"{pid}.clip.txt").read_text(encoding="utf-8"), even=False)
        gold = (
            ""
            if cols.get("kind") in NO_STORY_KINDS
            else (pages / f"{pid}.gold.txt").read_text(encoding="utf-8")
        )
        index, X = line_table(lines)
        y = page_labels(lines, index, gold)
        site = site_of(cols.get("site") or url) or f"{pages.name}/{pid}"
        docs.append(Doc(f"{pages.name}/{pid}", site, cols["language"], lines, index, X, y, gold))
    return docs


def load_seeds(seeds: Path) -> list[Doc]:
    docs = []
    for gp in sorted(seeds.glob("*.gold.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        lines = text_lines((seeds / gold["file"]).read_text(encoding="utf-8"), even=False)
        index, X = line_table(lines)
        body = {n - 1 for s in gold["stories"] for n in s["lines"]["body"]}
        y = np.array([1 if i in body else 0 for i in index], dtype=int)
        gold_text = "\n\n".join(p for s in gold["stories"] for p in s["body"])
        docs.append(
            Doc(f"{seeds.name}/{gold['file']}", "seed:" + gold["file"], "ko", lines, index, X, y, gold_text)
        )
    return docs


def clean_twins(docs: list[Doc]) -> list[Doc]:
    """Each page's gold text on its own, every line article text: an already clean clipping
    must come out unchanged (idempotence), so the model sees what clean input looks like.
    A twin keeps its page's site as group, so cross-validation folds stay honest."""
    twins = []
    for doc in docs:
        lines = normalize_text(doc.gold).strip().split("\n")
        index, X = line_table(lines)
        if index:
            y = np.ones(len(index), dtype=int)
            twins.append(Doc(doc.name + ":clean", doc.group, doc.lang, lines, index, X, y, doc.gold))
    return twins
