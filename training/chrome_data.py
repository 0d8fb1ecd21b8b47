"""Labelled lines for the chrome classifier, from the dev pages and the seed clippings.

A dev page's clipping line is article text when it is (nearly all) inside the page's gold text;
a seed's lines are labelled by hand in its gold JSON. Training-only: nothing in clipclean imports it.
"""

from __future__ import annotations

import collections
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

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


def page_labels(lines: list[str], index: list[int], gold: str) -> np.ndarray:
    """1 for lines whose text is in the gold article text."""
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


def load_pages(pages: Path) -> list[Doc]:
    rows = (pages / "INDEX.tsv").read_text(encoding="utf-8").splitlines()
    head = rows[0].split("\t")
    docs = []
    for row in rows[1:]:
        cols = dict(zip(head, row.split("\t"), strict=False))
        pid = cols["id"]
        url = next((c for c in row.split("\t") if c.startswith("http")), pid)
        text = normalize_text((pages / f"{pid}.clip.txt").read_text(encoding="utf-8"))
        gold = (pages / f"{pid}.gold.txt").read_text(encoding="utf-8")
        lines = text.split("\n")
        index, X = line_table(lines)
        y = page_labels(lines, index, gold)
        site = urlparse(url).netloc.removeprefix("www.") or pid
        docs.append(Doc(pid, site, cols["language"], lines, index, X, y, gold))
    return docs


def load_seeds(seeds: Path) -> list[Doc]:
    docs = []
    for gp in sorted(seeds.glob("*.gold.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        text = normalize_text((seeds / gold["file"]).read_text(encoding="utf-8"))
        lines = text.split("\n")
        index, X = line_table(lines)
        body = {n - 1 for s in gold["stories"] for n in s["lines"]["body"]}
        y = np.array([1 if i in body else 0 for i in index], dtype=int)
        gold_text = "\n\n".join(p for s in gold["stories"] for p in s["body"])
        docs.append(Doc(gold["file"], "seed:" + gold["file"], "ko", lines, index, X, y, gold_text))
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
