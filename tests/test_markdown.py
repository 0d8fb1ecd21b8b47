"""Markdown clippings (web clippers' .md files): read as the rendered page's text, with the
front matter's fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clipclean import Clipping, Config
from clipclean.pipeline import clean_page, prepare
from clipclean.stages import markdown
from tests.conftest import FIXTURES, invoke, records

BRIDGE = FIXTURES / "markdown" / "bridge.md"
TITLE = "City opens a new bridge over the river"


def test_a_clipper_s_markdown_file_gives_its_story_without_markup(tmp_path: Path) -> None:
    result = invoke("clean", str(BRIDGE))
    assert result.exit_code == 0, result.stderr
    [story] = records(result.stdout)
    assert story["title"] == TITLE
    assert story["byline"] == "By Anna Peters"
    assert story["published"] == "2026-12-03T14:20"
    assert story["url"] == "https://citynews.example/2026/12/03/bridge"  # the front matter's source
    text = story["text"]
    assert "after three years of building" in text  # **three years**
    assert "with the railway station." in text  # [railway station](...)
    assert text.endswith("a cycle lane will run beside the bridge.")
    for markup in ("**", "](", "![", "# ", "> ", "[[", "Skip to content", "Road repairs", "©"):
        assert markup not in text


def test_markdown_is_known_by_its_front_matter_whatever_the_file_s_name(tmp_path: Path) -> None:
    clipping = tmp_path / "bridge.txt"
    clipping.write_bytes(BRIDGE.read_bytes())
    [story] = records(invoke("clean", str(clipping)).stdout)
    assert (story["title"], story["url"]) == (TITLE, "https://citynews.example/2026/12/03/bridge")
    assert "](" not in story["text"]


def test_the_front_matter_fills_only_what_the_text_does_not_give() -> None:
    page = (
        "---\ntitle: Rain floods the old town\nauthor:\n  - '[[Jane Roe]]'\n  - Sam Poe\n"
        "published: 2026-12-03T09:30:00\nsource: https://news.example/rain\n---\n"
        "Heavy rain flooded the old town on Monday, and the river rose two metres overnight.\n\n"
        "Shops along the riverbank stayed closed while volunteers filled sandbags.\n"
    )
    [story] = clean_page(Clipping("rain.md", page.encode(), kind="markdown"), Config()).stories
    assert (story.title, story.byline, story.published, story.url) == (
        "Rain floods the old town",
        "Jane Roe, Sam Poe",
        "2026-12-03T09:30",
        "https://news.example/rain",
    )
    assert story.text.startswith("Heavy rain flooded the old town on Monday")


def test_lists_tables_and_code_read_as_a_copy_of_the_page_does() -> None:
    body = (
        "Intro paragraph with *emphasis* and `code`.\n\n"
        "1. First step\n2. Second step\n\n"
        "- apples\n- pears\n\n"
        "| Team | Points |\n|---|---|\n| Reds | 12 |\n\n"
        "```\nprint('hi')\n```\n\n"
        "A line  \nbroken by hand.\n"
    )
    assert markdown.read(body).texts[0].split("\n\n") == [
        "Intro paragraph with emphasis and code.",
        "1. First step\n2. Second step",
        "apples\npears",
        "| Team | Points |\n| Reds | 12 |",
        "print('hi')",
        "A line\nbroken by hand.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "#1 seed wins the final\n\nThe top seed won [on Monday] in three sets.",
        "City opens a new bridge\n\nSee https://citynews.example/bridge for pictures.",
        "---\n\nA line of dashes opens this clipping, and no front matter follows.",
    ],
)
def test_a_plain_text_clipping_is_not_taken_for_markdown(text: str) -> None:
    assert not markdown.looks_like_markdown(text)


def test_obsidian_s_wiki_links_read_as_their_words_and_its_embedded_files_go() -> None:
    text = "See [[Bridges|the bridge page]] and [[Rivers]].\n\n![[photo.jpg]]\n\nIt rained."
    assert markdown.read(text).texts == ("See the bridge page and Rivers.\n\nIt rained.",)


def test_a_front_matter_that_is_not_yaml_is_left_out_and_the_text_still_read() -> None:
    read = markdown.read("---\ntitle: [unclosed\n---\n# Rain\n\nIt rained all day in the town.\n")
    assert (read.title, read.texts) == (None, ("Rain\n\nIt rained all day in the town.",))


def test_a_plain_text_clipping_named_md_keeps_its_lines() -> None:
    text = "Home\nNews\nSport\n\nRain floods the town\n\nIt rained all day, and the river rose.\n"
    assert markdown.read(text).texts == (text.strip(),)


def test_jsonl_input_may_hold_a_markdown_clipping() -> None:
    line = '{"id": "b1", "markdown": ' + json.dumps(BRIDGE.read_text(encoding="utf-8")) + "}\n"
    result = invoke("clean", "-", stdin=line)
    assert result.exit_code == 0, result.stderr
    [story] = records(result.stdout)
    assert (story["id"], story["title"], story["meta"]) == ("b1-0", TITLE, {})
    assert "](" not in story["text"]


def test_an_html_page_that_shows_markdown_is_read_as_html() -> None:
    page = (
        "<!DOCTYPE html><html><body><h1>How to write a README</h1>"
        "<pre>---\ntitle: Example\n---\n# Example\n[Home](/) [Docs](/docs)</pre>"
        "<p>A README opens with the project's name and a line on what it does.</p></body></html>"
    )
    prepared = prepare(Clipping("page.txt", page.encode()), Config())
    assert prepared.extracted is not None and prepared.extracted.method != "markdown"
