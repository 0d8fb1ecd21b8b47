"""The command line as a user meets it: records, exit codes, stderr lines, options."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from clipclean.records import Story
from tests.conftest import ENCODINGS, ROOT, SEEDS, invoke, records

FIELDS = [
    "id",
    "source",
    "story",
    "title",
    "subtitles",
    "byline",
    "published",
    "outlet",
    "captions",
    "text",
    "lang",
    "encoding",
    "kind",
    "dup_of",
]


def test_examples_give_valid_jsonl_with_every_field() -> None:
    result = invoke("clean", str(ROOT / "examples"))
    assert result.exit_code == 0, result.stderr
    out = records(result.stdout)
    assert len(out) >= 5
    for record in out:
        assert list(record)[: len(FIELDS)] == FIELDS
        assert isinstance(record["subtitles"], list) and isinstance(record["captions"], list)
        assert record["text"].strip() and "\n\n\n" not in record["text"]
        assert record["dup_of"] is None
        assert re.fullmatch(r"[a-z]{2}", record["lang"])
        assert record["published"] is None or re.fullmatch(
            r"\d{4}-\d\d-\d\d(T\d\d:\d\d)?", record["published"]
        )
    assert len({r["id"] for r in out}) == len(out)


def test_two_runs_are_byte_identical() -> None:
    first = invoke("clean", str(ROOT / "examples"), str(ENCODINGS))
    second = invoke("clean", str(ROOT / "examples"), str(ENCODINGS))
    assert first.stdout_bytes == second.stdout_bytes and first.stdout_bytes


def test_bad_inputs_mixed_with_good_ones(tmp_path: Path) -> None:
    good = SEEDS / "004_2dc6574786b75aaf.txt"
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.txt.gz").write_bytes(gzip.compress(good.read_bytes())[:100])
    (tmp_path / "lines.jsonl").write_text(
        '{"text": "Fine title\\n\\nA fine body line."}\n{oops\n', encoding="utf-8"
    )
    bad = ["image.txt", "missing.txt", "empty.txt", "broken.txt.gz"]
    args = [str(tmp_path / name) for name in bad] + [str(good), str(tmp_path / "lines.jsonl")]
    result = invoke("clean", *args)
    assert result.exit_code == 1
    out = records(result.stdout)
    assert [Path(r["source"]).name for r in out] == [good.name, "lines.jsonl:1"]
    errors = [line for line in result.stderr.splitlines() if not line.startswith("clipclean: 7 inputs")]
    assert len(errors) == 5
    for name, line in zip([*bad, "lines.jsonl:2"], errors, strict=True):
        assert line.startswith(f"clipclean: {tmp_path / name}: "), line
        assert len(line.split(": ", 2)[2]) > 5, "every error says why"


def test_all_good_inputs_exit_zero_with_a_summary() -> None:
    result = invoke("clean", str(SEEDS / "000_70990cb5e64dd83b.txt"))
    assert result.exit_code == 0
    assert re.fullmatch(
        r"clipclean: 1 inputs, 2 stories, 0 failed, 0 duplicates; lines removed: .+\n", result.stderr
    )


def test_quiet_prints_nothing_on_stderr() -> None:
    result = invoke("clean", "--quiet", str(SEEDS / "000_70990cb5e64dd83b.txt"))
    assert result.exit_code == 0 and result.stderr == "" and result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["clean", "--no-such-option"],
        ["clean", "--format", "pdf", "x.txt"],
        ["clean", "--encoding", "klingon-8", "x.txt"],
        ["clean", "-o", "/no/such/dir/out.jsonl", "x.txt"],
        ["clean", "--max-mib", "0", "x.txt"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""


def test_version() -> None:
    from clipclean import __version__

    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout == f"clipclean {__version__}\n"


def test_help_explains_every_option() -> None:
    from typer.main import get_command

    from clipclean.cli import app

    command = get_command(app).commands["clean"]  # type: ignore[attr-defined]
    for param in command.params:
        assert getattr(param, "help", None) or param.param_type_name == "argument", param.name
    help_text = invoke("clean", "--help").stdout
    for param in command.params:
        for flag in getattr(param, "opts", []):
            if flag.startswith("--"):
                assert flag in help_text


def test_output_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    result = invoke("clean", "-q", "-o", str(target), str(SEEDS))
    assert result.exit_code == 0 and result.stdout == ""
    gold_stories = sum(
        len(json.loads(p.read_text(encoding="utf-8"))["stories"]) for p in SEEDS.glob("*.gold.json")
    )
    assert len(records(target.read_text(encoding="utf-8"))) == gold_stories == 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_stdin_text_and_stdin_jsonl() -> None:
    text = (SEEDS / "004_2dc6574786b75aaf.txt").read_bytes()
    [from_text] = records(invoke("clean", "-q", stdin=text).stdout)
    assert from_text["source"] == "-" and from_text["title"].startswith("광주광역시")
    bodies = ["Rain is expected all week.", "The museum reopens in May.", "Tickets sold out in an hour."]
    jsonl = "\n".join(
        json.dumps({"id": f"n{i}", "text": f"Title {i}\n\n{body}"}) for i, body in enumerate(bodies)
    )
    out = records(invoke("clean", "-q", "-", stdin=jsonl + "\n").stdout)
    assert [r["id"] for r in out] == ["n0-0", "n1-0", "n2-0"]


def test_duplicates_are_dropped_or_marked(tmp_path: Path) -> None:
    seed = SEEDS / "003_8eec56aa1be50404.txt"
    copy = tmp_path / "copy.txt"
    shutil.copy(seed, copy)
    dropped = invoke("clean", str(seed), str(copy))
    assert dropped.exit_code == 0
    assert len(records(dropped.stdout)) == 1 and ", 1 duplicates;" in dropped.stderr
    kept = records(invoke("clean", "--keep-duplicates", str(seed), str(copy)).stdout)
    assert [r["dup_of"] for r in kept] == [None, kept[0]["id"]]


def test_ids_are_stable_and_distinct(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Same title\n\nFirst body.", encoding="utf-8")
    b.write_text("Same title\n\nSecond body.", encoding="utf-8")
    first = [r["id"] for r in records(invoke("clean", str(a), str(b)).stdout)]
    again = [r["id"] for r in records(invoke("clean", str(b), str(a)).stdout)]
    assert first == again[::-1] and first[0] != first[1]


def test_explain_lists_removed_lines_with_reasons(tmp_path: Path) -> None:
    clip = tmp_path / "clip.txt"
    clip.write_text(
        "Rain floods the old town\n\nVolunteers fill sandbags by the river on Monday.\n"
        "Volunteers fill sandbags by the river on Monday.\n\n"
        "Heavy rain flooded the old town on Monday, and the river rose two metres overnight.\n\n"
        "The city said the clean-up would take at least a week.\n\n© 2024 Example News",
        encoding="utf-8",
    )
    [record] = records(invoke("clean", "--explain", str(clip)).stdout)
    assert record["removed"] == [
        {"line": 4, "text": "Volunteers fill sandbags by the river on Monday.", "reason": "repeat"},
        {"line": 10, "text": "© 2024 Example News", "reason": "copyright"},
    ]
    assert record["title"] == "Rain floods the old town"
    assert record["captions"] == ["Volunteers fill sandbags by the river on Monday."]
    assert record["text"].startswith("Heavy rain") and record["text"].endswith("at least a week.")
    [plain] = records(invoke("clean", str(clip)).stdout)
    assert "removed" not in plain


def test_record_fields_match_the_dataclass() -> None:
    assert list(Story.__dataclass_fields__)[: len(FIELDS)] == FIELDS


def test_progress_shows_only_on_a_terminal() -> None:
    import io

    from rich.console import Console

    from clipclean.cli import _with_progress
    from clipclean.records import Failure

    items = [Failure("a", "x"), Failure("b", "y")]
    terminal = io.StringIO()
    console = Console(file=terminal, force_terminal=True, width=80)
    assert list(_with_progress(iter(items), console, quiet=False)) == items
    assert "stories" in terminal.getvalue()
    piped = io.StringIO()
    assert list(_with_progress(iter(items), Console(file=piped), quiet=False)) == items
    assert piped.getvalue() == ""
