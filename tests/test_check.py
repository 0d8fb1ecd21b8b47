"""`clipclean check`: what may enter a corpus repository, and the fixing round of the pre-commit contract."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SEEDS, invoke

PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus repository's working tree with two committed-looking clippings, fixed once."""
    (tmp_path / "clips").mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, tmp_path / "clips" / seed.name)
    monkeypatch.chdir(tmp_path)
    first = invoke(
        "check", "--fix", *sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "clips").iterdir())
    )
    assert first.exit_code == 1, first.output  # it wrote files
    return tmp_path


def _clips(repo: Path) -> list[str]:
    return sorted(f"clips/{p.name}" for p in (repo / "clips").iterdir())


def test_fixing_writes_cleaned_jsonl_and_the_index_then_a_second_run_passes(repo: Path) -> None:
    for clip in _clips(repo):
        out = repo / "clean" / f"{clip}.jsonl"
        stories = [json.loads(line) for line in out.read_text(encoding="utf-8").split("\n") if line]
        assert stories and all(s["source"] == clip and s["id"].startswith(f"{clip}-") for s in stories)
    index = (repo / ".clipclean" / "index.jsonl").read_bytes()
    assert len(index.split(b"\n")) > 3
    again = invoke("check", "--fix", *_clips(repo))
    assert again.exit_code == 0, again.output
    assert "0 refused, 0 written" in again.stderr
    assert (repo / ".clipclean" / "index.jsonl").read_bytes() == index
    assert invoke("check", *_clips(repo)).exit_code == 0


def test_a_reclip_of_a_story_in_the_corpus_is_refused(repo: Path) -> None:
    original = _clips(repo)[0]
    text = (repo / original).read_text(encoding="utf-8")
    (repo / "clips" / "reclip.txt").write_text(
        text.replace(" ", "  ").replace("다.", "다 ."), encoding="utf-8"
    )
    result = invoke("check", "--fix", "clips/reclip.txt")
    assert result.exit_code == 1
    assert "clips/reclip.txt: story 0" in result.stderr
    assert f"near-duplicates {original}-0, in the corpus" in result.stderr
    assert not (repo / "clean" / "clips" / "reclip.txt.jsonl").exists()
    assert "reclip" not in (repo / ".clipclean" / "index.jsonl").read_text(encoding="utf-8")


def test_two_staged_copies_of_one_new_story_let_the_first_in(repo: Path) -> None:
    article = (FIXTURES / "negative" / "en_library.txt").read_text(encoding="utf-8")
    (repo / "clips" / "a.txt").write_text(article, encoding="utf-8")
    (repo / "clips" / "b.txt").write_text("Library news\n\n" + article, encoding="utf-8")
    result = invoke("check", "clips/b.txt", "clips/a.txt")
    assert result.exit_code == 1
    assert "clips/a.txt" not in result.stderr.replace("near-duplicates clips/a.txt", "")
    assert "clips/b.txt: story 0" in result.stderr and "in another file of this check" in result.stderr


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("image.txt", PNG, "cannot be decoded: binary file (PNG image)"),
        ("empty.txt", b"  \n", "empty file"),
        ("clock.txt", b"12:30\n----\n2026-11-22\n", "no article text found"),
        ("gone.txt", None, "cannot be read: no such file"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(
    repo: Path, name: str, data: bytes | None, reason: str
) -> None:
    if data is not None:
        (repo / "clips" / name).write_bytes(data)
    result = invoke("check", "--fix", f"clips/{name}")
    assert result.exit_code == 1
    assert f"clipclean: clips/{name}: {reason}" in result.stderr
    assert not (repo / "clean" / "clips" / f"{name}.jsonl").exists()


def test_an_edited_clipping_replaces_its_stories_in_the_index(repo: Path) -> None:
    clip = _clips(repo)[0]
    path = repo / clip
    text = path.read_text(encoding="utf-8")
    paragraph = max(text.split("\n"), key=len)  # the longest line: article text, whatever the model
    path.write_text(
        text.replace(paragraph, paragraph + " Editor's note: corrected on Monday.", 1), encoding="utf-8"
    )
    fixed = invoke("check", "--fix", clip)
    assert fixed.exit_code == 1, fixed.output  # new cleaned JSONL
    assert "refused" in fixed.stderr and "0 refused" in fixed.stderr
    ids = [
        json.loads(line)["id"]
        for line in (repo / ".clipclean" / "index.jsonl").read_text().split("\n")[1:]
        if line
    ]
    assert len(ids) == len(set(ids))
    assert invoke("check", "--fix", *_clips(repo)).exit_code == 0


def test_settings_come_from_the_repository(repo: Path) -> None:
    (repo / ".clipclean.toml").write_text(
        'output = "corpus"\nindex = "corpus/.index.jsonl"\n', encoding="utf-8"
    )
    result = invoke("check", "--fix", _clips(repo)[0])
    assert result.exit_code == 1
    assert (repo / "corpus" / f"{_clips(repo)[0]}.jsonl").exists()
    assert (repo / "corpus" / ".index.jsonl").exists()
    (repo / ".clipclean.toml").unlink()
    (repo / "pyproject.toml").write_text('[tool.clipclean]\noutput = "elsewhere"\n', encoding="utf-8")
    index = (repo / ".clipclean" / "index.jsonl").read_bytes()
    moved = invoke("check", "--fix", _clips(repo)[0])
    assert moved.exit_code == 1 and "0 refused, 1 written" in moved.stderr  # the output's new place
    assert (repo / "elsewhere" / f"{_clips(repo)[0]}.jsonl").exists()
    assert (repo / ".clipclean" / "index.jsonl").read_bytes() == index  # already knew the stories


def test_unknown_settings_are_a_usage_error(repo: Path) -> None:
    (repo / ".clipclean.toml").write_text('outptu = "corpus"\n', encoding="utf-8")
    result = invoke("check", _clips(repo)[0])
    assert result.exit_code == 2
    assert "unknown setting 'outptu'" in result.output


def test_files_outside_the_repository_are_refused(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path.parent / "elsewhere.txt"
    outside.write_text(
        (FIXTURES / "negative" / "en_library.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = invoke("check", "--fix", str(outside))
    assert result.exit_code == 1
    assert "outside the repository" in result.stderr
    assert not list(tmp_path.parent.glob("*.jsonl"))
