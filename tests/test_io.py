"""Reading inputs (files, directories, globs, .gz, JSONL) and writing JSONL atomically."""

from __future__ import annotations

import gzip
import json
import os
import stat
from pathlib import Path

import pytest

from clipclean.config import Config
from clipclean.io import JsonlWriter, expand, iter_clippings, read_jsonl
from clipclean.records import Clipping, Failure


def _tree(root: Path) -> None:
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text("a", encoding="utf-8")
    (root / "b" / "c.html").write_text("<p>c</p>", encoding="utf-8")
    (root / "b" / "d.md.gz").write_bytes(gzip.compress(b"d"))
    (root / "b" / "e.jsonl").write_text('{"text": "e"}\n', encoding="utf-8")
    (root / "b" / "skip.pdf").write_bytes(b"%PDF")
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text("hidden", encoding="utf-8")


def test_directory_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = [os.path.relpath(p, tmp_path) for p in expand(str(tmp_path))]
    assert found == ["a.txt", "b/c.html", "b/d.md.gz", "b/e.jsonl"]


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "b" / "loop").symlink_to(tmp_path)
    found = list(expand(str(tmp_path)))
    assert len(found) == len(set(found)) == 4


def test_glob_expands_sorted(tmp_path: Path) -> None:
    for name in ("z.txt", "m.txt", "a.html"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    assert [Path(p).name for p in expand(str(tmp_path / "*.txt"))] == ["m.txt", "z.txt"]


def test_missing_input_and_empty_glob_are_failures(tmp_path: Path) -> None:
    items = list(iter_clippings([str(tmp_path / "nope.txt"), str(tmp_path / "*.none")], Config()))
    assert [type(i) for i in items] == [Failure, Failure]
    assert isinstance(items[0], Failure) and "no such file" in items[0].reason
    assert isinstance(items[1], Failure) and "no file matches" in items[1].reason


def test_gz_is_read_and_kinds_follow_the_suffix(tmp_path: Path) -> None:
    _tree(tmp_path)
    items = [i for i in iter_clippings([str(tmp_path)], Config()) if isinstance(i, Clipping)]
    assert [(Path(i.source).name, i.kind, i.data) for i in items] == [
        ("a.txt", "auto", b"a"),
        ("c.html", "html", b"<p>c</p>"),
        ("d.md.gz", "markdown", b"d"),
        ("e.jsonl:1", "text", b"e"),
    ]


def test_gzip_bomb_is_capped(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * (3 * 1024 * 1024)))
    [item] = iter_clippings([str(bomb)], Config(max_input_bytes=1024 * 1024))
    assert isinstance(item, Failure) and "limit" in item.reason


def test_corrupt_gzip_is_a_failure(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt.gz"
    broken.write_bytes(gzip.compress(os.urandom(10_000))[:200])
    [item] = iter_clippings([str(broken)], Config())
    assert isinstance(item, Failure) and "gzip" in item.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without read permission")
def test_unreadable_file_is_a_failure(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("x", encoding="utf-8")
    locked.chmod(0)
    [item] = iter_clippings([str(locked)], Config())
    assert isinstance(item, Failure) and "permission" in item.reason


def test_unreadable_file_is_a_failure_even_for_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    target = tmp_path / "locked.txt"
    target.write_text("x", encoding="utf-8")
    real_open = builtins.open

    def deny(file: object, *args: object, **kwargs: object) -> object:
        if str(file) == str(target):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", deny)
    [item] = iter_clippings([str(target)], Config())
    assert isinstance(item, Failure) and item.reason == "permission denied"


def test_jsonl_lines_become_clippings_with_meta() -> None:
    lines = [
        json.dumps({"id": "a1", "url": "https://x.test/1", "text": "T", "site": "x", "n": 3}).encode(),
        b"",
        b"{not json",
        json.dumps({"html": "<p>H</p>", "source": "crawl-7"}).encode(),
        json.dumps({"title": "no body"}).encode(),
        json.dumps(["a list"]).encode(),
    ]
    items = list(read_jsonl([line + b"\n" for line in lines], "in.jsonl", Config()))
    first, bad_json, html, no_body, not_object = items
    assert isinstance(first, Clipping)
    assert (first.input_id, first.url, first.source, first.kind, first.text) == (
        "a1",
        "https://x.test/1",
        "https://x.test/1",
        "text",
        "T",
    )
    assert first.meta == {"site": "x", "n": 3}
    assert isinstance(bad_json, Failure) and bad_json.source == "in.jsonl:3"
    assert isinstance(html, Clipping) and (html.kind, html.source) == ("html", "crawl-7")
    assert isinstance(no_body, Failure) and 'no "text", "html" or "markdown"' in no_body.reason
    assert isinstance(not_object, Failure) and not_object.source == "in.jsonl:6"


def test_jsonl_line_break_is_newline_only() -> None:
    text = "first\u2028still the first line\x85too"
    [item] = read_jsonl([json.dumps({"text": text}, ensure_ascii=False).encode() + b"\n"], "x", Config())
    assert isinstance(item, Clipping) and item.text == text


def test_writer_replaces_the_target_only_on_commit(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    writer = JsonlWriter(str(target))
    writer.write({"a": 1})
    assert target.read_text(encoding="utf-8") == "old\n"
    writer.commit()
    assert target.read_text(encoding="utf-8") == '{"a":1}\n'
    assert list(tmp_path.iterdir()) == [target]
    assert stat.S_IMODE(target.stat().st_mode) & 0o044, "output should be readable like any file"


def test_writer_abort_leaves_no_half_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    writer = JsonlWriter(str(target))
    writer.write({"a": "한국\u2028"})
    writer.abort()
    assert list(tmp_path.iterdir()) == []


def test_writer_keeps_line_separators_inside_strings(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    writer = JsonlWriter(str(target))
    writer.write({"text": "a\u2028b\x85c"})
    writer.commit()
    raw = target.read_bytes()
    assert raw.count(b"\n") == 1
    assert json.loads(raw.split(b"\n")[0])["text"] == "a\u2028b\x85c"
