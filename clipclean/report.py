"""`clipclean report`: what cleaning did to a corpus, as one self-contained HTML page.

It reads what `clipclean clean` wrote (its JSONL, and optionally its stderr: `--log`) and
counts, in one streaming pass: the run in numbers, each outlet's clippings, stories,
duplicates and lines removed by reason, the stories' lengths and languages, the duplicate
clusters, and short lists of outputs worth checking by eye, each shown line by line as
`clipclean diff` shows it. Long lists are cut (and the page says so), so a run of 100,000
stories gives a page of a few hundred KB.

Plots are drawn with matplotlib and inlined as SVG: the page needs no network and no
script, and opens offline in any browser.
"""

from __future__ import annotations

import heapq
import html
import io
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from clipclean import diffview
from clipclean.config import Config
from clipclean.records import Clipping

LIST_LIMIT = 10
"""Entries in each list of outputs worth a look."""
OUTLET_ROWS = 200
"""Outlets in the table (the most clippings first); the plot shows the first `OUTLET_BARS`."""
OUTLET_BARS = 15
CLUSTERS_SHOWN = 100
COPIES_SHOWN = 10
_PREFIX = "clipclean: "
_NOT_A_FAILURE = re.compile(r"\d{1,15} (?:inputs|records), |interrupted$|index: ")
"""The summary line and run-wide messages of a log, which name no input."""


@dataclass
class Outlet:
    """One outlet's share of the run."""

    clippings: set[str] = field(default_factory=set)
    stories: int = 0
    duplicates: int = 0
    kept_lines: int = 0
    removed: Counter[str] = field(default_factory=Counter)


@dataclass
class Tally:
    """Everything the report shows, counted from the records (and the log) in one pass."""

    records: int = 0
    stories: int = 0
    duplicates: int = 0
    bad_lines: list[str] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    failures: list[tuple[str, str]] = field(default_factory=list)
    removed: Counter[str] = field(default_factory=Counter)
    explained: bool = False
    outlets: dict[str, Outlet] = field(default_factory=dict)
    lengths: list[int] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)
    kept: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Kept story id -> (source, title), for the duplicate clusters."""
    copies: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    copy_counts: Counter[str] = field(default_factory=Counter)
    most_removed: list[tuple[int, str]] = field(default_factory=list)
    shortest: list[tuple[int, str, str, str]] = field(default_factory=list)

    def add(self, record: dict[str, Any]) -> None:
        self.records += 1
        source = str(record.get("source", ""))
        self.sources.add(source)
        outlet = self.outlets.setdefault(outlet_of(record), Outlet())
        outlet.clippings.add(source)
        text = str(record.get("text") or "")
        dup_of = record.get("dup_of")
        if dup_of:
            self.duplicates += 1
            outlet.duplicates += 1
            self.copy_counts[str(dup_of)] += 1
            shown = self.copies.setdefault(str(dup_of), [])
            if len(shown) < COPIES_SHOWN:
                shown.append((source, str(record.get("title") or "")))
        else:
            self.stories += 1
            outlet.stories += 1
            self.lengths.append(len(text))
            self.languages[str(record.get("lang") or "unknown")] += 1
            self.kept[str(record.get("id"))] = (source, str(record.get("title") or ""))
            _keep_smallest(
                self.shortest, (len(text), str(record.get("id")), source, str(record.get("title") or ""))
            )
        outlet.kept_lines += kept_lines(record)
        removed = record.get("removed")
        if isinstance(removed, list):
            self.explained = True
            reasons = Counter(str(item.get("reason")) for item in removed if isinstance(item, dict))
            self.removed.update(reasons)
            outlet.removed.update(reasons)
            if removed:
                _keep_largest(self.most_removed, (len(removed), source))

    def add_log(self, lines: Iterable[str]) -> None:
        """The failures a run reported on stderr: `clipclean: SOURCE: REASON`."""
        for line in lines:
            rest = line.rstrip("\n")[len(_PREFIX) :]
            if not line.startswith(_PREFIX) or _NOT_A_FAILURE.match(rest):
                continue
            source, sep, reason = rest.partition(": ")
            if sep:
                self.failures.append((source, reason))

    @property
    def inputs(self) -> int:
        return len(self.sources | {source for source, _ in self.failures})


def outlet_of(record: dict[str, Any]) -> str:
    """The record's `outlet`, else the host of its `url`, else the folder of its source.

    >>> outlet_of({"outlet": "Daily"}), outlet_of({"url": "https://www.x.org/a"})
    ('Daily', 'www.x.org')
    >>> outlet_of({"source": "a/b.txt"})
    'a'
    """
    if record.get("outlet"):
        return str(record["outlet"])
    if record.get("url"):
        host = urlsplit(str(record["url"])).hostname
        if host:
            return host
    folder = os.path.dirname(str(record.get("source") or ""))
    return folder or "."


def kept_lines(record: dict[str, Any]) -> int:
    """Lines a record kept: its paragraphs and the lines moved into fields."""
    fields = [record.get("title"), record.get("byline"), record.get("published")]
    fields += list(record.get("subtitles") or []) + list(record.get("captions") or [])
    paragraphs = [p for p in str(record.get("text") or "").split("\n\n") if p.strip()]
    return len(paragraphs) + sum(1 for f in fields if f)


def _keep_largest(heap: list[Any], item: Any) -> None:
    if len(heap) < LIST_LIMIT:
        heapq.heappush(heap, item)
    elif item > heap[0]:
        heapq.heapreplace(heap, item)


def _keep_smallest(heap: list[Any], item: tuple[int, str, str, str]) -> None:
    negated = (-item[0], *item[1:])
    _keep_largest(heap, negated)


# -- the page --------------------------------------------------------------------------------


def render(tally: Tally, sources: list[str], config: Config | None = None) -> str:
    """The report as one HTML document."""
    config = config or Config(detect_language=False)
    sampled: list[str] = []
    parts = [_head(sources), _numbers(tally), _failures(tally), _outlets(tally, sampled)]
    parts += [_distributions(tally), _clusters(tally, sampled), _worth_a_look(tally, config)]
    note = (
        f'<p class="note" data-sampled="yes">Long lists are cut: {"; ".join(sampled)}.</p>' if sampled else ""
    )
    return "".join([*parts[:1], note, *parts[1:], "</main></body></html>\n"])


_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d232a;
background:#f6f7f9}
main{max-width:1120px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 10px;border-bottom:1px solid #dde1e6}
.sub{color:#5c6670;margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px}
.card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:12px}
.card .n{display:block;font-size:26px;font-weight:600}
table{border-collapse:collapse;background:#fff;width:100%;font-size:14px}
th,td{border-bottom:1px solid #e8ebef;padding:4px 8px;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
figure.plot{background:#fff;border:1px solid #dde1e6;border-radius:8px;margin:0 0 12px;padding:8px}
figure.plot svg{width:100%;height:auto;display:block}
.row2{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.note{background:#fff8e1;border:1px solid #f0d68a;border-radius:6px;padding:8px 12px}
details{background:#fff;border:1px solid #dde1e6;border-radius:8px;margin:6px 0;padding:6px 10px}
summary{cursor:pointer}
table.view td{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12.5px;white-space:pre-wrap}
table.view tr.removed td.text{color:#9aa3ab}
table.view td.role{color:#5c6670;white-space:nowrap}
table.view tr.removed td.role{color:#b3261e}
"""


def _head(sources: list[str]) -> str:
    shown = ", ".join(html.escape(s) for s in sources[:5]) + (" …" if len(sources) > 5 else "")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>clipclean report</title><style>{_STYLE}</style></head><body><main>"
        f'<h1>clipclean report</h1><p class="sub">From {shown}</p>'
    )


def _card(key: str, value: int, label: str) -> str:
    return f'<div class="card"><span class="n" data-count="{key}">{value:,}</span>{html.escape(label)}</div>'


def _numbers(tally: Tally) -> str:
    cards = [
        _card("inputs", tally.inputs, "inputs"),
        _card("stories", tally.stories, "stories kept"),
        _card("duplicates", tally.duplicates, "duplicates (with --keep-duplicates)"),
        _card("failures", len(tally.failures), "inputs failed or with no story (with --log)"),
        _card("removed", sum(tally.removed.values()), "lines removed (with --explain)"),
    ]
    out = ['<h2>The run in numbers</h2><div class="cards">', *cards, "</div>"]
    if tally.bad_lines:
        out.append(
            f'<p class="note" data-count="bad">{len(tally.bad_lines)} inputs or lines could not be read '
            "as JSON records and were skipped.</p>"
        )
    if tally.removed:
        rows = "".join(
            f"<tr><td>{html.escape(reason)}</td>"
            f'<td class="num" data-reason="{html.escape(reason)}">{n:,}</td></tr>'
            for reason, n in sorted(tally.removed.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        out.append(
            "<h2>Lines removed by reason</h2>"
            f"<table><tr><th>reason</th><th class=num>lines</th></tr>{rows}</table>"
        )
    return "".join(out)


def _failures(tally: Tally) -> str:
    if not tally.failures:
        return ""
    reasons = Counter(reason for _, reason in tally.failures)
    rows = "".join(
        f"<tr><td>{html.escape(reason)}</td>"
        f'<td class="num" data-failure="{html.escape(reason)}">{n:,}</td></tr>'
        for reason, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return (
        f"<h2>Failures by reason</h2><table><tr><th>reason</th><th class=num>inputs</th></tr>{rows}</table>"
    )


def _outlets(tally: Tally, sampled: list[str]) -> str:
    ranked = sorted(tally.outlets.items(), key=lambda kv: (-len(kv[1].clippings), kv[0]))
    if len(ranked) > OUTLET_ROWS:
        sampled.append(
            f"the outlet table shows the {OUTLET_ROWS:,} outlets with most clippings of {len(ranked):,}"
        )
    reasons = [reason for reason, _ in tally.removed.most_common()]
    head = "".join(f"<th class=num>{html.escape(r)}</th>" for r in reasons)
    rows = []
    for name, outlet in ranked[:OUTLET_ROWS]:
        total = outlet.kept_lines + sum(outlet.removed.values())
        shares = "".join(
            f'<td class="num" data-share="{html.escape(r)}">{100 * outlet.removed[r] / total:.0f}%</td>'
            if total
            else "<td></td>"
            for r in reasons
        )
        rows.append(
            f'<tr data-outlet="{html.escape(name)}"><td>{html.escape(name)}</td>'
            f'<td class="num" data-col="clippings">{len(outlet.clippings):,}</td>'
            f'<td class="num" data-col="stories">{outlet.stories:,}</td>'
            f'<td class="num" data-col="duplicates">{outlet.duplicates:,}</td>{shares}</tr>'
        )
    plot = _figure("outlets", plot_outlets(ranked[:OUTLET_BARS], reasons, tally.explained))
    return (
        "<h2>Outlets</h2>"
        '<p class="sub">The outlet is the record\'s <code>outlet</code>, '
        "else the host of its <code>url</code>, "
        "else the folder of its source. Shares are of the lines each outlet's clippings had: removed, by "
        "reason, against kept (paragraphs and fields).</p>"
        f"{plot}<table><tr><th>outlet</th><th class=num>clippings</th><th class=num>stories</th>"
        f"<th class=num>duplicates</th>{head}</tr>{''.join(rows)}</table>"
    )


def _distributions(tally: Tally) -> str:
    lengths = _figure("lengths", plot_lengths(tally.lengths))
    languages = _figure("languages", plot_languages(tally.languages))
    return f'<h2>Stories: length and language</h2><div class="row2">{lengths}{languages}</div>'


def _clusters(tally: Tally, sampled: list[str]) -> str:
    if not tally.copy_counts:
        return ""
    ranked = sorted(tally.copy_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) > CLUSTERS_SHOWN:
        sampled.append(f"{CLUSTERS_SHOWN} of {len(ranked):,} duplicate clusters are shown (the largest)")
    out = [f'<h2>Duplicate clusters <span class="sub" data-count="clusters">{len(ranked):,}</span></h2>']
    for kept_id, n in ranked[:CLUSTERS_SHOWN]:
        source, title = tally.kept.get(kept_id, ("(kept in an earlier run)", ""))
        copies = "".join(
            f"<li>{html.escape(s)} — {html.escape(t)}</li>" for s, t in tally.copies.get(kept_id, [])
        )
        more = f"<li>… and {n - COPIES_SHOWN:,} more</li>" if n > COPIES_SHOWN else ""
        out.append(
            f"<details><summary><b>{html.escape(title or kept_id)}</b> — kept from {html.escape(source)}, "
            f"{n:,} {'copy' if n == 1 else 'copies'}</summary><ul>{copies}{more}</ul></details>"
        )
    return "".join(out)


def _worth_a_look(tally: Tally, config: Config) -> str:
    out = ["<h2>Worth a look</h2>"]
    most = sorted(tally.most_removed, reverse=True)
    if most:
        out.append("<h3>Most lines removed</h3>")
        out += [_view(source, f"{n:,} lines removed", config) for n, source in most]
    shortest = sorted((-n, story_id, source, title) for n, story_id, source, title in tally.shortest)
    if shortest:
        out.append("<h3>Shortest stories</h3>")
        out += [
            _view(source, f"{n:,} characters: {title or story_id}", config)
            for n, story_id, source, title in shortest
        ]
    if tally.failures:
        out.append("<h3>Inputs with no story</h3>")
        out += [_view(source, reason, config) for source, reason in tally.failures[:LIST_LIMIT]]
    return "".join(out)


def _view(source: str, label: str, config: Config) -> str:
    """One input line by line, as `clipclean diff` shows it (when its file can still be read)."""
    rows = _rows(source, config)
    if rows is None:
        body = '<p class="sub">The source file cannot be read now: no line-by-line view.</p>'
    else:
        body = (
            "<table class=view>"
            + "".join(
                f'<tr class="{"removed" if row.removed else "kept"}"><td class="num">{row.line}</td>'
                f'<td class="text">{html.escape(row.text)}</td>'
                f'<td class="role">{html.escape(row.role)}</td></tr>'
                for row in rows
                if row.text
            )
            + "</table>"
        )
    return f"<details><summary>{html.escape(source)} — {html.escape(label)}</summary>{body}</details>"


def _rows(source: str, config: Config) -> list[diffview.Row] | None:
    from clipclean.io import read_path
    from clipclean.pipeline import clean_page
    from clipclean.stages.decode import DecodeError

    if not os.path.isfile(source):
        return None
    for item in read_path(source, config):
        if not isinstance(item, Clipping) or not item.data.strip():
            return None
        try:
            page = clean_page(item, config)
        except DecodeError:
            return None
        return diffview.rows(page.lines, page.stories, page.removals)
    return None


# -- plots -----------------------------------------------------------------------------------

_COLORS = [
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#bab0ac",
]


def _figure(name: str, svg: str) -> str:
    return f'<figure class="plot" data-plot="{name}">{svg}</figure>'


def _svg(fig: Any) -> str:
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # no XML prolog inside HTML


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({"svg.hashsalt": "clipclean", "svg.fonttype": "none", "font.size": 10})
    import matplotlib.pyplot as plt

    return plt


def plot_outlets(ranked: list[tuple[str, Outlet]], reasons: list[str], explained: bool) -> str:
    """Stacked bars: each outlet's lines removed by reason, as shares of its lines (with
    --explain), else its stories and duplicates."""
    plt = _pyplot()
    names = [name if len(name) <= 32 else name[:31] + "…" for name, _ in ranked][::-1]
    fig, ax = plt.subplots(figsize=(9, 0.35 * max(3, len(ranked)) + 1))
    left = [0.0] * len(ranked)
    series: list[tuple[str, list[float]]]
    if explained and reasons:
        series = [
            (r, [o.removed[r] / max(1, o.kept_lines + sum(o.removed.values())) for _, o in ranked][::-1])
            for r in reasons
        ]
        ax.set_xlabel("share of the outlet's lines removed, by reason")
    else:
        series = [
            ("stories", [float(o.stories) for _, o in ranked][::-1]),
            ("duplicates", [float(o.duplicates) for _, o in ranked][::-1]),
        ]
        ax.set_xlabel("stories (run clean with --explain for lines removed)")
    for k, (label, values) in enumerate(series):
        ax.barh(names, values, left=left, label=label, color=_COLORS[k % len(_COLORS)])
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.legend(
        loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(5, len(series)), fontsize=8, frameon=False
    )
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def plot_lengths(lengths: list[int]) -> str:
    """Histogram of the kept stories' lengths in characters (log-spaced bins)."""
    plt = _pyplot()
    import numpy as np

    fig, ax = plt.subplots(figsize=(5, 3))
    values = np.maximum(1, np.asarray(lengths, dtype=float)) if lengths else np.ones(1)
    bins = np.logspace(0, max(1.0, float(np.log10(values.max())) + 0.1), 30)
    ax.hist(values, bins=bins, color=_COLORS[0])
    ax.set_xscale("log")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("story length (characters)")
    ax.set_ylabel("stories")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)


def plot_languages(languages: Counter[str]) -> str:
    """Stories per language (the 12 most frequent, the rest as "other")."""
    plt = _pyplot()
    top = languages.most_common(12)
    rest = sum(languages.values()) - sum(n for _, n in top)
    if rest:
        top.append(("other", rest))
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.bar([name for name, _ in top] or ["none"], [n for _, n in top] or [0], color=_COLORS[4])
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylabel("stories")
    ax.spines[["top", "right"]].set_visible(False)
    return _svg(fig)
