"""Text mode on real clippings: the seeds against their hand-labelled gold, a negative set of
clean articles that must come out unchanged, and idempotence.

The seeds are also in the chrome model's training data, so these tests guard against
regressions; the figures on unseen sites are the out-of-fold ones in the README.
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path
from typing import Any

import pytest

from clipclean import Clipping, Config, clean_clipping
from clipclean.records import Story
from tests.conftest import FIXTURES, SEEDS

GOLDS = sorted(SEEDS.glob("*.gold.json"))
NEGATIVE = sorted((FIXTURES / "negative").glob("*.txt"))
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]|[^\W_]+")


def _gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _clean(path: Path) -> list[Story]:
    stories, _ = clean_clipping(Clipping(path.name, path.read_bytes()), Config())
    return stories


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _f1(output: str, gold: str) -> float:
    out = collections.Counter(t.lower() for t in _TOKEN.findall(output))
    ref = collections.Counter(t.lower() for t in _TOKEN.findall(gold))
    overlap = sum((out & ref).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(out.values()), overlap / sum(ref.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name[:3])
def test_seed_stories_titles_and_body(gold_path: Path) -> None:
    gold = _gold(gold_path)
    stories = _clean(SEEDS / gold["file"])
    assert len(stories) == len(gold["stories"])
    for story, expected in zip(stories, gold["stories"], strict=True):
        assert _squash(story.title) == _squash(expected["title"])
        assert _f1(story.text, "\n".join(expected["body"])) >= 0.9


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name[:3])
def test_seed_captions_leave_the_body(gold_path: Path) -> None:
    gold = _gold(gold_path)
    stories = _clean(SEEDS / gold["file"])
    captions = {_squash(c) for s in stories for c in s.captions}
    paragraphs = {_squash(p) for s in stories for p in s.text.split("\n\n")}
    for expected in gold["stories"]:
        for caption in expected["captions"]:
            assert _squash(caption) in captions and _squash(caption) not in paragraphs


def test_seed_chrome_does_not_leak() -> None:
    leaks = []
    for gold_path in GOLDS:
        gold = _gold(gold_path)
        lines = (SEEDS / gold["file"]).read_text(encoding="utf-8").split("\n")
        output = "".join(
            _squash(x) for s in _clean(SEEDS / gold["file"])
            for x in [s.title, s.text, s.byline, *s.subtitles, *s.captions]
        )  # fmt: skip
        leaks += [lines[n - 1] for n in gold["chrome_lines"] if len(_squash(lines[n - 1])) >= 4
                  and _squash(lines[n - 1]) in output]  # fmt: skip
    assert len(leaks) <= 3, leaks


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name[:3])
def test_seed_repeats_appear_once(gold_path: Path) -> None:
    gold = _gold(gold_path)
    lines = (SEEDS / gold["file"]).read_text(encoding="utf-8").split("\n")
    stories = _clean(SEEDS / gold["file"])
    units = [_squash(x) for s in stories for x in [s.title, *s.captions, *s.text.split("\n\n")]]
    for n in gold["duplicate_lines"]:
        assert units.count(_squash(lines[int(n) - 1])) <= 1


_LOST_HALVES = {"특히 지난 4월부터 안전속도 5030을 전면 시행"}
_LOST_HALF = pytest.mark.xfail(
    reason="the shipped model scores this half, 25 characters with no sentence end between two "
    "paragraphs, 0.35 (a line is kept from 0.5): weighing each site's pages by n ** -0.5 in "
    "training lost it in sample; out of fold (the fold models of the same training seed) the "
    "seeds' joins are 3/4 with either weighting (README, Quality)"
)


def _joins() -> list[Any]:
    """Each pair of halves a print layout broke that the seeds' gold joins, as a test case."""
    cases: list[Any] = []
    for gold_path in GOLDS:
        gold = _gold(gold_path)
        for expected in gold["stories"]:
            for before, after in expected["joins"]:
                marks = [_LOST_HALF] if before in _LOST_HALVES else []
                cases.append(
                    pytest.param(
                        gold["file"], before, after, marks=marks, id=f"{gold_path.name[:3]}-{len(cases)}"
                    )
                )
    return cases


@pytest.mark.parametrize(("file", "before", "after"), _joins())
def test_seed_breaks_are_joined(file: str, before: str, after: str) -> None:
    paragraphs = [_squash(p) for s in _clean(SEEDS / file) for p in s.text.split("\n\n")]
    assert any(_squash(before + after) in p for p in paragraphs)


def test_seed_bylines_and_dates() -> None:
    [story] = _clean(SEEDS / "003_8eec56aa1be50404.txt")
    assert story.published == "2023-02-07T10:54"
    assert story.byline is not None and "박부길" in story.byline
    assert not story.text.startswith("[광주일등뉴스")  # the reporter tag left the body
    [story] = _clean(SEEDS / "004_2dc6574786b75aaf.txt")
    assert story.published == "2019-11-26T09:48"


PROBES = FIXTURES / "probes"
PROBE_GOLDS = sorted(PROBES.glob("*.gold.json"))


def _probe_figures() -> collections.Counter[str]:
    """The probes' counts, as `score.py` counts the seeds': gold stories matched (token F1 of 0.8
    or more), extra stories, titles right, bylines right, captions found, chrome lines leaked."""
    counts: collections.Counter[str] = collections.Counter()
    for gold_path in PROBE_GOLDS:
        gold = _gold(gold_path)
        lines = (PROBES / gold["file"]).read_text(encoding="utf-8").split("\n")
        stories = _clean(PROBES / gold["file"])
        used: set[int] = set()
        for expected in gold["stories"]:
            scores = [
                (_f1(s.text, "\n".join(expected["body"])), k) for k, s in enumerate(stories) if k not in used
            ]
            best, k = max(scores, default=(0.0, -1))
            if best >= 0.8:
                used.add(k)
                counts["found"] += 1
                counts["titles"] += _squash(stories[k].title) == _squash(expected["title"])
                bylines = {_squash(b) for b in expected["byline_lines"]}
                counts["bylines"] += _squash(stories[k].byline) in bylines
                captions = {_squash(c) for c in stories[k].captions}
                counts["captions"] += sum(_squash(c) in captions for c in expected["captions"])
        counts["extra"] += len(stories) - len(used)
        output = "".join(_squash(x) for s in stories for x in [s.title, s.text, *s.subtitles])
        chrome = [_squash(lines[n - 1]) for n in gold["chrome_lines"]]
        counts["leaks"] += sum(1 for line in chrome if len(line) >= 4 and line in output)
    return counts


def test_probe_clippings_in_languages_and_kinds_the_dev_sets_lack_keep_their_figures() -> None:
    # 77 stories (64 captions) in 72 clippings: the 40 of stop 55 (44 stories; before the fixes
    # they led to: 36 found, 12 extra, titles 21, bylines 11, captions 10, leaks 59) and the 32 of
    # stop 56 (at stop 55's head, all 72: 71 found, 10 extra, titles 57, bylines 28, captions 43,
    # leaks 191; a Japanese post that gave nothing now gives its text with some of its chrome;
    # bylines 28 -> 35 with the words of eight more languages, and pointers in six more; leaks
    # 181 -> 168 at stop 57 with calls to subscribe or follow, paywalls' notices and pointers in
    # brackets, 168 -> 165 at stop 58 with a post's tags and categories)
    counts = _probe_figures()
    assert counts["found"] >= 74 and counts["extra"] <= 5, counts
    assert counts["titles"] >= 59 and counts["bylines"] >= 37 and counts["captions"] >= 44, counts
    assert counts["leaks"] <= 165, counts


def test_an_intertitle_under_a_line_the_model_took_out_heads_no_story_of_its_own() -> None:
    # a Turkish TV site's page: "Haberin Devamı" (the rest of the story) between two paragraphs,
    # then a quote in capitals as an intertitle: it opened a second story with no byline or date
    gold = _gold(PROBES / "tr_news.gold.json")
    [story] = _clean(PROBES / gold["file"])
    [expected] = gold["stories"]
    assert story.text.split("\n\n") == expected["body"]


@pytest.mark.parametrize("name", ["ta_news", "hy_news", "ar_portal"])
def test_a_byline_in_a_language_s_own_words_under_a_headline_and_its_deck(name: str) -> None:
    # "எழுதியவர்: …", "Հեղինակ՝ …", "كتب: …" under a headline and a deck shorter than it: the
    # byline was text, and once read, the deck right above it was taken for the headline
    gold = _gold(PROBES / f"{name}.gold.json")
    story = _clean(PROBES / gold["file"])[0]
    expected = gold["stories"][0]
    assert (story.title, story.byline) == (expected["title"], expected["byline_lines"][0])


def test_a_headline_and_its_deck_kept_over_the_byline_head_the_story_under_it() -> None:
    # the model keeps the headline and the deck and takes out the byline and the date under them
    # (a Hebrew portal's page): the two lines were a story of their own, the article another
    gold = _gold(PROBES / "he_news.gold.json")
    [story] = _clean(PROBES / gold["file"])
    [expected] = gold["stories"]
    assert (story.title, story.published) == (expected["title"], expected["published"])


def test_a_story_under_its_section_s_name_below_another_is_a_story_of_its_own() -> None:
    # a small-town site's page of two stories: the second's headline and byline stand under its
    # section's name ("Política"), which the model kept, not under a sentence's end
    gold = _gold(PROBES / "br_two.gold.json")
    stories = _clean(PROBES / gold["file"])
    assert [(s.title, s.published) for s in stories] == [
        (g["title"], g["published"]) for g in gold["stories"]
    ]


def test_an_interview_s_deck_and_a_pointer_inside_it_leave_it_one_story_under_its_headline() -> None:
    # the model keeps the deck (one sentence) and takes out the headline over it: the deck alone
    # above the byline and the date was a story of its own, and "Lesen Sie auch" over another
    # story's headline between two answers cut the interview in two
    gold = _gold(PROBES / "de_interview.gold.json")
    [story] = _clean(PROBES / gold["file"])
    [expected] = gold["stories"]
    assert (story.title, story.published) == (expected["title"], expected["published"])
    assert all(paragraph in story.text.split("\n\n") for paragraph in expected["body"])


_BODY_LEFT = {
    "ko_blog_review": "a Korean blog's price lines and its pros and cons read as a menu (0.63)",
}
"""Probes whose body still falls under the floor, kept as found (strict: one that passes shows)."""


@pytest.mark.parametrize(
    "gold_path",
    [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=_BODY_LEFT[p.name.split(".")[0]]))
        if p.name.split(".")[0] in _BODY_LEFT
        else p
        for p in PROBE_GOLDS
    ],
    ids=lambda p: p.name.split(".")[0],
)
def test_probe_clipping_s_body(gold_path: Path) -> None:
    gold = _gold(gold_path)
    stories = _clean(PROBES / gold["file"])
    body = "\n".join(p for expected in gold["stories"] for p in expected["body"])
    assert _f1("\n".join(s.text for s in stories), body) >= 0.75  # the lowest: ja_press, 0.79


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_clean_articles_come_out_unchanged(path: Path) -> None:
    title, *paragraphs = path.read_text(encoding="utf-8").strip().split("\n\n")
    [story] = _clean(path)
    assert story.title == title
    assert story.text.split("\n\n") == paragraphs


@pytest.mark.parametrize("path", NEGATIVE, ids=lambda p: p.stem)
def test_clean_articles_with_no_blank_line_come_out_unchanged(path: Path) -> None:
    """Pasted by a tool that drops blank lines, a clean article comes out as it went in. With no
    blank line, every line stands in a block, so a Korean sentence in the progressive form
    ("...기대하고 있다.") is no photo's caption for that (`fields.is_caption`'s `in_block`): before,
    the Korean one lost that paragraph to the captions."""
    title, *paragraphs = path.read_text(encoding="utf-8").strip().split("\n\n")
    flat = "\n".join([title, *paragraphs])
    stories, _ = clean_clipping(Clipping(path.name, flat.encode()), Config(detect_language=False))
    assert [(s.title, s.text.split("\n\n")) for s in stories] == [(title, paragraphs)]


@pytest.mark.parametrize("path", [*NEGATIVE, *sorted(SEEDS.glob("*.txt"))], ids=lambda p: p.stem[:12])
def test_cleaning_clean_output_changes_nothing(path: Path) -> None:
    for story in _clean(path):
        again = "\n\n".join(filter(None, [story.title, story.text]))
        [second] = _clean_text(again)
        assert (second.title, second.text) == (story.title, story.text)


def _clean_text(text: str) -> list[Story]:
    stories, _ = clean_clipping(Clipping("again.txt", text.encode()), Config())
    return stories
