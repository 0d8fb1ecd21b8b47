"""`clipclean check`: may these clipping files enter a corpus repository?

A file passes when it can be read and decoded, holds at least one story, and none of its
stories near-duplicates a story already in the corpus (the repository's text index) or in
another file of the same check. Each file's stories get ids from its path (`clips/a.txt-0`),
so a file checked again — unchanged or edited — is never a duplicate of itself.

With fixing on, each passing file's cleaned JSONL is (re)written and its stories are added
to the index, so that a second run over the same files passes without changing anything:
the pre-commit contract.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from clipclean.config import Config
from clipclean.index import TextIndex
from clipclean.io import read_path
from clipclean.pipeline import NO_TEXT, clean_page
from clipclean.records import Failure, Story
from clipclean.stages import dedup
from clipclean.stages.decode import DecodeError

#: Settings a repository gives in `.clipclean.toml` or `[tool.clipclean]`, with their defaults.
DEFAULTS: dict[str, Any] = {"index": ".clipclean/index.jsonl", "output": "clean", "merge-numbers": False}


@dataclass(frozen=True)
class Settings:
    """Where a corpus repository keeps its index and its cleaned JSONL."""

    index: str = DEFAULTS["index"]
    output: str = DEFAULTS["output"]
    """Directory of the cleaned JSONL: clipping `clips/a.txt` is cleaned into `OUTPUT/clips/a.txt.jsonl`."""
    merge_numbers: bool = DEFAULTS["merge-numbers"]

    @classmethod
    def from_table(cls, table: dict[str, Any], where: str) -> Settings:
        """Settings from a TOML table; unknown keys and wrong types are refused (ValueError)."""
        unknown = sorted(set(table) - set(DEFAULTS))
        if unknown:
            raise ValueError(f"{where}: unknown setting {unknown[0]!r} (known: {', '.join(DEFAULTS)})")
        for key, value in table.items():
            if not isinstance(value, type(DEFAULTS[key])):
                raise ValueError(f"{where}: {key} must be a {type(DEFAULTS[key]).__name__}")
        merged = {**DEFAULTS, **table}
        return cls(merged["index"], merged["output"], merged["merge-numbers"])

    def output_for(self, path: str) -> str:
        return os.path.join(self.output, path + ".jsonl")


@dataclass
class FileResult:
    """What the check found in one file."""

    path: str
    stories: list[Story] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def check(paths: Iterable[str], settings: Settings, index: TextIndex, fix: bool = False) -> list[FileResult]:
    """Check files in sorted order (so "the first copy" does not depend on how they were listed).

    Languages are detected only when fixing: only then are the stories written.
    """
    config = Config(merge_numbers=settings.merge_numbers, detect_language=fix)
    deduper = dedup.CorpusDedup(index, config)
    this_run: set[str] = set()
    results = []
    for path in sorted({_repo_path(p) for p in paths}):
        result = FileResult(path)
        results.append(result)
        stories = _clean(path, config, result)
        for story in stories:
            dup_of = deduper.check(story.id, story.text, not_of=f"{path}-").dup_of
            if dup_of is None:
                result.stories.append(story)
                this_run.add(story.id)
            else:
                where = "another file of this check" if dup_of in this_run else "the corpus"
                title = f" ({story.title!r})" if story.title else ""
                result.problems.append(f"story {story.story}{title} near-duplicates {dup_of}, in {where}")
    return results


def cleaned_jsonl(stories: Sequence[Story]) -> bytes:
    """The cleaned JSONL of one file, as `clipclean clean` writes it."""
    lines = (json.dumps(story.to_json_dict(), ensure_ascii=False, separators=(",", ":")) for story in stories)
    return "".join(line + "\n" for line in lines).encode("utf-8", "surrogatepass")


def _clean(path: str, config: Config, result: FileResult) -> list[Story]:
    if path == ".." or path.startswith("../"):
        result.problems.append("outside the repository (run clipclean check from its top directory)")
        return []
    stories: list[Story] = []
    for item in read_path(path, config):
        if isinstance(item, Failure):
            result.problems.append(f"cannot be read: {item.reason}")
            continue
        if not item.data.strip():
            result.problems.append("empty file")
            continue
        try:
            page = clean_page(replace(item, input_id=path, source=path), config)
        except DecodeError as exc:
            result.problems.append(f"cannot be decoded: {exc}")
            continue
        if not page.stories:
            result.problems.append(page.no_article or NO_TEXT)
        stories += page.stories
    return stories


def _repo_path(path: str) -> str:
    """The path as the repository names it: relative to the working directory, with forward slashes."""
    return os.path.relpath(path).replace(os.sep, "/")
