"""The pipeline: decode → extract → chrome → split → dedup, one clipping at a time.

`clean_clipping` turns one input into stories (pure: no I/O, no state between inputs);
`run` streams many inputs through it, drops or marks near-duplicates across the run,
and counts everything it removes in `Stats`.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
from collections import Counter, deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from clipclean.config import MODEL_PATH, Config
from clipclean.index import Index, MemoryIndex
from clipclean.records import Clipping, Failure, Record, Removal, Story
from clipclean.stages import (
    chrome,
    dedup,
    fields,
    html,
    jsonld,
    lang,
    layout,
    markdown,
    pages,
    repeats,
    split,
    teasers,
)
from clipclean.stages.decode import (
    Decoded,
    DecodeError,
    decode,
    normalize_text,
    repair_mojibake,
    single_spaced,
    split_long_lines,
)

if TYPE_CHECKING:
    from clipclean.cluster import Cluster

NO_TEXT = pages.NO_TEXT
EMPTY = "empty input"


@dataclass
class Stats:
    """What one run did, for the summary line."""

    inputs: int = 0
    stories: int = 0
    failures: int = 0
    duplicates: int = 0
    told_apart: int = 0
    """Pairs of like stories judged two reports by what differs (numbers, or words when short)."""
    removed: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Prepared:
    """A clipping decoded, extracted and normalized into lines."""

    lines: list[str]
    encoding: str
    extracted: html.Extracted | None
    starts: tuple[int, ...] = (0,)
    """Where each of the page's articles begins in `lines` (HTML pages of several articles)."""


def prepare(clip: Clipping, config: Config) -> Prepared:
    """Decode (unless the input was already text) and extract HTML; raises DecodeError."""
    if clip.text is not None:
        decoded = repair_mojibake(Decoded(clip.text, "utf-8"))
    else:
        decoded = decode(clip.data, config, clip.declared_encoding)
    text, encoding = decoded.text, decoded.encoding
    page = clip.kind == "html" or (clip.kind == "auto" and html.looks_like_html(text))
    if clip.kind == "markdown" or (clip.kind == "auto" and not page and markdown.looks_like_markdown(text)):
        read = markdown.read(text)
        return Prepared(text_lines(read.texts[0]), encoding, read)
    if page:
        extracted = html.extract(text, clip.url)
        lines: list[str] = []
        starts = []
        for part in extracted.texts:
            starts.append(len(lines))
            lines += _lines(part)
        return Prepared(lines, encoding, extracted, tuple(starts))
    return Prepared(text_lines(text), encoding, None)


def text_lines(text: str, even: bool = True) -> list[str]:
    """A text clipping's lines as the stages read them: normalized, spaced lines set together
    (`decode.single_spaced`; with `even` False, a clipping whose every line is one blank line
    from the next stays so), long lines cut, and side-by-side columns read one after another."""
    return layout.read_columns(_lines(text, even)).lines


def _lines(text: str, even: bool = True) -> list[str]:
    return split_long_lines(single_spaced(normalize_text(text).split("\n"), even))


@dataclass(frozen=True)
class Page:
    """What one clipping gave: its stories, the lines removed from it, and, when it gave no
    story, why (a page with no article: a list of teasers or of links)."""

    stories: list[Story]
    removals: list[Removal]
    no_article: str | None = None
    lines: list[str] = field(default_factory=list)
    """The lines the removals number (a text clipping's, or what was read from a page)."""


def clean_clipping(clip: Clipping, config: Config) -> tuple[list[Story], list[Removal]]:
    """The stories in one clipping, and the lines removed from it with their reasons."""
    page = clean_page(clip, config)
    return page.stories, page.removals


def clean_page(clip: Clipping, config: Config) -> Page:
    """The stories in one clipping, the lines removed from it, and why it gave none.

    A site's home page (by the address the input or the page gives, `pages.home_page`) gives
    none, however much of it reads like an article: its whole visible text is read for its
    teasers alone.

    trafilatura finds a main text on almost any page, a home page's list of links too: when
    its text is not plainly an article, the page's whole visible text is cleaned as a text
    clipping would be, and when that finds no article, neither does the page: a list of teasers,
    or links and labels with no prose in the main text either. (A main text of prose may be a
    short post, which the model can miss among a page of links or teasers: `pages.short_post`.
    Of the 1,326 dev pages, the whole read called 3 "a list of links" where trafilatura found a
    main text, and all 3 were articles; one of them has that much prose.) A main text long
    enough to be plainly an article may still be a section page's teasers run together (one line
    a headline, its lede, the outlet, the time): when it holds an ellipsis, the page lists
    teasers and `pages.MADE_OF_TEASERS` of the main text is theirs, the whole page is looked at
    too. (Teasers cut at one width without an ellipsis are not looked for there: the
    test costs a rendering of the page, ~2 ms, and the ellipsis spares it on most pages.) And
    a main text may be another block than the article (other articles' first paragraphs, a
    disclaimer): when it does not tell what the page's title names (`pages.astray`) and a story
    of the whole page's read does (`pages.tells`), the whole read is the page's. So it is when
    trafilatura ran a page laid out with tables into one line, the article's paragraphs with
    the comments and the menu beside them (`pages.flattened`), and the whole read finds an article.
    A page that gives no story so may still name its article in its structured data, as pages
    built in the browser by JavaScript do (`jsonld.article`): that text is then the page's.
    """
    prepared = prepare(clip, config)
    extracted = prepared.extracted
    if pages.home_page(_addresses(clip, extracted)):
        return _clean(clip, _whole(prepared), config, home=True)
    page = _read_page(clip, prepared, config)
    if page.stories or extracted is None or extracted.method not in ("trafilatura", "rendered"):
        return page
    found = jsonld.article(extracted.markup)
    if found is None:
        return page
    found = replace(
        found,
        title=found.title or extracted.title,
        author=found.author or extracted.author,
        date=found.date or extracted.date,
        sitename=extracted.sitename,
    )
    structured = _clean(clip, Prepared(_lines(found.texts[0]), prepared.encoding, found), config)
    return structured if structured.stories else page


def _addresses(clip: Clipping, extracted: html.Extracted | None) -> tuple[str, ...]:
    """Where the page is: the address the input gives (a JSONL record's `url`, a Markdown
    clipping's front matter), else those the page gives for itself."""
    if clip.url:
        return (clip.url,)
    if extracted is None:
        return ()
    return (extracted.url,) if extracted.url else extracted.addresses


def _whole(prepared: Prepared, lines: list[str] | None = None) -> Prepared:
    """A page's whole visible text (its `lines`, where they are read already) in place of an
    extractor's main text (a clipping as it is)."""
    extracted = prepared.extracted
    if extracted is None or extracted.method not in _EXTRACTED:
        return prepared
    lines = _lines(html.render(extracted.markup)) if lines is None else lines
    return Prepared(lines, prepared.encoding, replace(extracted, method="rendered"))


def _read_page(clip: Clipping, prepared: Prepared, config: Config) -> Page:
    """A page's stories from trafilatura's main text or the page's whole read (`clean_page`)."""
    page = _clean(clip, prepared, config)
    extracted = prepared.extracted
    if extracted is None or extracted.method != "trafilatura":
        return page
    clear = pages.clearly_article(prepared.lines)
    texts = [story.text for story in page.stories]
    astray = pages.astray(texts, extracted.title)
    cut_short = any(map(teasers.cut_short, texts))
    flat = pages.flattened(prepared.lines)
    if clear and not astray and not cut_short and not flat:
        return page
    lines = _lines(html.render(extracted.markup))
    teaser_list = clear and cut_short and pages.made_of_teasers(texts, lines)
    if clear and not astray and not teaser_list and not flat:
        return page
    whole = _clean(clip, _whole(prepared, lines), config)
    articles = [story.text for story in whole.stories if story.kind != "teaser"]
    if flat and articles:
        return whole  # trafilatura ran the page's layout table together: the whole read has it apart
    if astray and extracted.title and pages.tells(articles, texts, extracted.title):
        return whole  # trafilatura took another block for the main text: the whole page's read has the story
    if clear and not teaser_list:
        return page
    if any(story.kind != "teaser" for story in whole.stories):
        return page  # the whole page holds an article: trafilatura's main text is the better read of it
    missed = not whole.stories and page.stories
    if missed and pages.short_post(prepared.lines, texts, lines, whole.no_article):
        return page  # the whole page's read missed a short post among its links or teasers
    return whole


_EXTRACTED = ("trafilatura", "json-ld")
"""An extractor's text: one article (or one per article of the page), mostly free of chrome."""


def _clean(clip: Clipping, prepared: Prepared, config: Config, home: bool = False) -> Page:
    """A page's stories, read line by line; none but teasers (with `config.teasers`) from a
    site's `home` page."""
    lines = prepared.lines
    extracted = prepared.extracted
    # trafilatura's main content is one article, mostly free of page chrome: the rules run on
    # it, the model only on its lists and tables (a menu laid out in a table), and its repeated
    # lines (a list under each week of a meal plan, a table's rows) are content. A rendered
    # page, like a text clipping, gets the model and the repeats.
    articles = prepared.starts if extracted is not None and extracted.method in _EXTRACTED else None
    if articles:
        reasons = chrome.classify_extracted(lines, config.chrome_model)
        repeat_of = _passages_shown_twice(lines, reasons)
    else:
        reasons = chrome.classify(lines, config.chrome_model)
        repeat_of = repeats.kept_first(repeats.page_repeats(lines, reasons), reasons)
        reasons = repeats.passages_again(lines, reasons, repeat_of)
    title_hint = extracted.title if extracted else None
    drafts = split.split(lines, reasons, repeat_of, config, title_hint=title_hint, articles=articles)
    if not articles:  # an extractor's text is one article: whether it is teasers, the page says (clean_page)
        drafts, reasons = pages.drop_teasers(drafts, lines, reasons)
    drafts, reasons = pages.drop_fragments(drafts, lines, reasons)
    if not articles:
        drafts = split.join_asides(drafts, lines)
    if home:
        drafts, reasons = pages.no_stories(drafts, reasons)
    no_article = None if drafts else pages.no_article(lines)
    if no_article == pages.TEASER_LIST and config.teasers:
        drafts = pages.teaser_drafts(lines)
    elif home:
        no_article = pages.HOME_PAGE
    used = {i for draft in drafts for i in draft.used}
    removals = [
        Removal(
            i + 1, line.strip(), repeats.REPEAT if repeat_of[i] is not None else reasons[i] or split.NO_STORY
        )
        for i, line in enumerate(lines)
        if line.strip() and i not in used
    ]
    base = clip.input_id or _digest(clip)
    stories = [_story(clip, draft, n, base, prepared, removals, config) for n, draft in enumerate(drafts)]
    return Page(stories, removals, None if stories else no_article, lines)


def _passages_shown_twice(lines: list[str], reasons: list[str | None]) -> list[int | None]:
    """For an extractor's text, where repeated lines are content (a list under each day of a
    meal plan, a table's rows): only the lines of a passage shown twice (the body in two tabs,
    a print copy below the article) are repeats of their first copy. Such a passage is
    paragraphs, several of them, and most of the text's paragraphs are in it."""
    long = [i for i, line in enumerate(lines) if len(line.strip()) >= _PASSAGE_LINE_CHARS]
    keys = [repeats.squash(lines[i]) for i in long]
    if len(set(keys)) == len(keys):
        return [None] * len(lines)  # no paragraph is there twice: skip the near-repeat search
    first_of = repeats.page_repeats(lines, reasons)
    runs = split.repeated_runs([line.strip() for line in lines], first_of)
    shown_twice = [i for i in long if i in runs]
    firsts = {first_of[i] for i in shown_twice if first_of[i] is not None}
    if len(firsts) < 2 or sum(len(lines[i]) for i in shown_twice) < split.BODY_TWICE * sum(
        len(lines[i]) for i in long
    ):
        return [None] * len(lines)
    return [first if i in runs else None for i, first in enumerate(first_of)]


_PASSAGE_LINE_CHARS = 40


def _story(
    clip: Clipping,
    draft: split.Draft,
    n: int,
    base: str,
    prepared: Prepared,
    removals: list[Removal],
    config: Config,
) -> Story:
    extracted = prepared.extracted
    language = (
        lang.detect("\n".join(filter(None, [draft.title, *draft.paragraphs])))
        if config.detect_language
        else None
    )
    published = draft.published
    if published and draft.dated and language:  # 03/12/2026 outside the US; "listopada" in Croatian
        published = fields.parse_date(draft.dated, language)
    return Story(
        id=f"{base}-{n}",
        source=clip.source,
        story=n,
        title=draft.title,
        subtitles=draft.subtitles,
        byline=draft.byline or (extracted.author if extracted else None),
        published=published or (extracted.date if extracted else None),
        outlet=extracted.sitename if extracted else None,
        captions=draft.captions + _figure_captions(draft, prepared),
        text="\n\n".join(draft.paragraphs),
        kind=draft.kind,
        lang=language,
        encoding=prepared.encoding,
        url=clip.url or draft.url or (extracted.url if extracted else None),
        meta=clip.meta,
        removed=(removals if n == 0 else []) if config.explain else None,
    )


def _figure_captions(draft: split.Draft, prepared: Prepared) -> list[str]:
    """The captions of the page's figures in the article a story was drafted from."""
    extracted = prepared.extracted
    if extracted is None or not extracted.captions or not draft.used:
        return []
    article = bisect.bisect_right(prepared.starts, draft.used[0]) - 1
    return [caption for caption in extracted.captions[article] if caption not in draft.captions]


def run(
    items: Iterable[Clipping | Failure],
    config: Config,
    stats: Stats,
    index: Index | None = None,
    jobs: int = 1,
    cluster: Cluster | None = None,
    reclaim: bool = False,
) -> Iterator[Story | Failure]:
    """Stream clippings through the pipeline; yields stories and failures in input order.

    With `jobs` > 1, clippings are cleaned in that many worker processes, and with `cluster`
    on the workers of a Dask cluster (see `parallel`); near-duplicates are always judged here,
    in input order, so the output is the same bytes for any number of jobs or workers.
    Near-duplicates of stories already kept (in this run, or in `index`) are dropped, or kept
    with `dup_of` set when `config.keep_duplicates`. `reclaim`: see `dedup.CorpusDedup` (a
    shard cleaned again after a crash keeps the stories it had claimed).
    """
    deduper = dedup.CorpusDedup(index if index is not None else MemoryIndex(), config, reclaim)
    if config.detect_language and jobs <= 1 and cluster is None:
        lang.preload()
    for result in parallel(items, config, jobs, cluster):
        stats.inputs += 1
        if isinstance(result, Failure):
            stats.failures += 1
            yield result
            continue
        stories, reasons = result
        stats.removed.update(reasons)
        for story in stories:
            story = _dedup(story, deduper, stats)
            if story.dup_of is None or config.keep_duplicates:
                stats.stories += 1
                yield story


Cleaned = tuple[list[Story], list[str]]
"""One clipping's stories, and the reasons of the lines removed from it."""


def clean_or_fail(item: Clipping | Failure, config: Config) -> Cleaned | Failure:
    """One input's stories and removal reasons, or why it gave none (pure: runs in a worker)."""
    if isinstance(item, Failure):
        return item
    if not item.data.strip():
        return Failure(item.source, EMPTY)
    try:
        page = clean_page(item, config)
    except DecodeError as exc:
        return Failure(item.source, str(exc))
    if not page.stories:  # spaces of any kind (U+3000 ...) are still an empty input
        blank = not item.data.decode("utf-8", "ignore").strip()
        return Failure(item.source, EMPTY if blank else page.no_article or NO_TEXT)
    return page.stories, [removal.reason for removal in page.removals]


def parallel(
    items: Iterable[Clipping | Failure], config: Config, jobs: int, cluster: Cluster | None = None
) -> Generator[Cleaned | Failure, None, None]:
    """`clean_or_fail` of every item, in input order, over `jobs` worker processes, or over the
    threads of a Dask cluster's workers.

    Inputs go to the workers `_CHUNK` at a time, with at most `_AHEAD` such tasks per worker
    in flight, so memory does not grow with the number of inputs. A run of one input, or
    `jobs` <= 1, stays in this process (starting workers costs about a second: each imports
    clipclean and loads the language model); with a cluster, every input goes to it.
    """
    items = iter(items)
    head = list(itertools.islice(items, 2)) if jobs > 1 and cluster is None else []
    if cluster is None and (jobs <= 1 or len(head) < 2):
        for item in itertools.chain(head, items):
            yield clean_or_fail(item, config)
        return
    if cluster is not None:
        jobs, pool = cluster.slots(), cluster.executor()
        # the packaged model is wherever the worker installed clipclean; another must be on a
        # path the workers see
        task = _clean_chunk_packaged if config.chrome_model == MODEL_PATH else _clean_chunk
    else:
        pool, task = spawn_pool(jobs), _clean_chunk
    pending: deque[Future[list[Cleaned | Failure]]] = deque()
    inputs = itertools.chain(head, items)
    try:
        # the first inputs one per worker (a run of a few large files still spreads), then a
        # few per task, for fewer round trips between processes
        sizes = itertools.chain(itertools.repeat(1, jobs), itertools.repeat(_CHUNK))
        while chunk := list(itertools.islice(inputs, next(sizes))):
            pending.append(pool.submit(task, chunk, config))
            if len(pending) >= jobs * _AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
        if cluster is not None:
            pool.shutdown(wait=not pending)
        else:
            # Wait for the workers' current chunks even when the run ends early (`| head`,
            # Ctrl-C): a pool left running races its own exit hook, which may write to a pipe
            # the pool has just closed and print a traceback at exit (seen on Python 3.11).
            pool.shutdown(wait=True, cancel_futures=True)


def spawn_pool(jobs: int) -> ProcessPoolExecutor:
    """`jobs` worker processes: fresh interpreters (no fork of a process with threads), talking
    over pipes, that leave Ctrl-C to this one and end with it (`_start_worker`)."""
    return ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker
    )


_CHUNK = 4
_AHEAD = 4
"""Tasks in flight per worker: at most _CHUNK * _AHEAD inputs each, whatever the run's size."""


def _clean_chunk(items: list[Clipping | Failure], config: Config) -> list[Cleaned | Failure]:
    return [clean_or_fail(item, config) for item in items]


def _clean_chunk_packaged(items: list[Clipping | Failure], config: Config) -> list[Cleaned | Failure]:
    """`_clean_chunk` with the chrome model packaged where this worker installed clipclean."""
    return _clean_chunk(items, replace(config, chrome_model=MODEL_PATH))


def _start_worker() -> None:
    """Workers leave Ctrl-C to the main process, which stops the run and removes its output, and
    end when it ends, however it ends: killed (kill -9, the out-of-memory killer, a CI job's
    time limit), it cannot shut its pool down, and its workers would wait for work for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()


def _end_with(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])  # ready when the main process is gone
    os._exit(1)


def _dedup(story: Story, deduper: dedup.CorpusDedup, stats: Stats) -> Story:
    verdict = deduper.check(story.id, story.text)
    stats.told_apart += len(verdict.told_apart)
    if story.removed is not None:  # --explain
        story = replace(story, dedup=verdict.explained())
    if verdict.dup_of is None:
        return story
    stats.duplicates += 1
    return replace(story, dup_of=verdict.dup_of)


def dedup_records(
    items: Iterable[Record | Failure], config: Config, stats: Stats, index: Index | None = None
) -> Iterator[dict[str, Any] | Failure]:
    """Near-duplicate removal alone, for JSONL records that already hold clean text.

    Each record keeps all its fields; `dup_of` is added (None for a kept record). A
    record's id is its `id` field, else where it was read (FILE:LINE).
    """
    deduper = dedup.CorpusDedup(index if index is not None else MemoryIndex(), config)
    if config.detect_language:
        lang.preload()
    for item in items:
        stats.inputs += 1
        text = None if isinstance(item, Failure) else item.data.get("text")
        if isinstance(item, Failure) or not isinstance(text, str):
            stats.failures += 1
            yield item if isinstance(item, Failure) else Failure(item.where, 'no "text" string in the record')
            continue
        record = item.data
        verdict = deduper.check(item.where if record.get("id") is None else str(record["id"]), text)
        stats.told_apart += len(verdict.told_apart)
        if verdict.dup_of is not None:
            stats.duplicates += 1
        if verdict.dup_of is None or config.keep_duplicates:
            stats.stories += 1
            explained = {"dedup": verdict.explained()} if config.explain else {}
            yield {**record, "dup_of": verdict.dup_of, **explained}


def _digest(clip: Clipping) -> str:
    """A stable id base: the same source name and bytes always give the same id."""
    digest = hashlib.blake2b(clip.source.encode("utf-8", "surrogateescape"), digest_size=8)
    digest.update(b"\0")
    digest.update(clip.data)
    return digest.hexdigest()
