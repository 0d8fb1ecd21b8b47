"""The records that flow through the pipeline: one Clipping in, Stories out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["auto", "text", "html", "markdown"]


@dataclass(frozen=True)
class Clipping:
    """One input: raw bytes from a file or stdin, or text/HTML from a JSONL line."""

    source: str
    data: bytes
    kind: Kind = "auto"
    text: str | None = None
    """Already-decoded text (JSONL input); `data` is then its UTF-8 encoding."""
    declared_encoding: str | None = None
    input_id: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Failure:
    """An input that could not be used, with a one-line reason."""

    source: str
    reason: str


@dataclass(frozen=True)
class Record:
    """One JSONL object read as it is (for `clipclean dedup`), and where it was read."""

    where: str
    """FILE:LINE, or -:LINE for stdin."""
    data: dict[str, Any]


@dataclass(frozen=True)
class Removal:
    """A line taken out of a clipping, and why."""

    line: int
    """1-based line number in the decoded (or extracted) text."""
    text: str
    reason: str


@dataclass(frozen=True)
class Story:
    """One output record. Field order is the JSONL key order and part of the stable schema."""

    id: str
    source: str
    story: int
    title: str | None
    subtitles: list[str]
    byline: str | None
    published: str | None
    outlet: str | None
    captions: list[str]
    text: str
    lang: str | None
    encoding: str
    kind: str = "article"
    """"article", or "teaser": a headline and its lede from a list of teasers (--teasers)."""
    dup_of: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    removed: list[Removal] | None = None
    """Only with --explain: the lines cut from this story's part of the clipping."""
    dedup: dict[str, Any] | None = None
    """Only with --explain: why it is a duplicate (`dup_of`, similarity, containment), and the
    like stories it was told apart from by what differs (`told_apart`: their ids and slots)."""

    def to_json_dict(self) -> dict[str, Any]:
        """The record as written: `removed` and `dedup` appear only when asked for (--explain)."""
        record = asdict(self)
        if self.removed is None:
            del record["removed"]
            del record["dedup"]
        return record
