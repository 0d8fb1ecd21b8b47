"""`clipclean diff`: every line of a clipping shown, removed ones dimmed beside their reason."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style
from rich.text import Text

from clipclean.diffview import Row, render, rows
from clipclean.records import Removal, Story
from tests.conftest import invoke

CLIPPING = """\
Harbour bridge reopens after repairs

Photo: The bridge at dawn, seen from the ferry pier.
Photo: The bridge at dawn, seen from the ferry pier.

The city reopened the harbour bridge on Monday after six months of repairs.
Traffic was light in the morning and heavier by noon, officials said.

▶ ▶

ⓒ 2024 Example News. All rights reserved.
"""
CAPTION = "Photo: The bridge at dawn, seen from the ferry pier."
BODY = "The city reopened the harbour bridge on Monday after six months of repairs."
REMOVED = {  # line number, text, reason: what the README says these lines are removed for
    4: (CAPTION, "repeat"),
    9: ("▶ ▶", "no_letters"),
    11: ("ⓒ 2024 Example News. All rights reserved.", "copyright"),
}


@pytest.fixture
def clipping(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.txt"
    path.write_text(CLIPPING, encoding="utf-8")
    return path


def _row_of(output: str, number: int) -> str:
    """The output line of the row for input line `number`."""
    [line] = [line for line in output.splitlines() if re.match(rf"\s*{number}\s", line)]
    return line


def test_every_line_is_shown_and_removed_lines_carry_their_reason(clipping: Path) -> None:
    result = invoke("diff", "--width", "200", str(clipping))
    assert result.exit_code == 0, result.stderr
    for line in CLIPPING.splitlines():
        assert line in result.stdout
    for number, (text, reason) in REMOVED.items():
        row = _row_of(result.stdout, number)
        assert text in row and re.search(rf"\b{reason}\b", row), row
    assert "repeat" not in _row_of(result.stdout, 3), "the first copy of the caption is kept"
    last = result.stdout.splitlines()[-1]
    assert last.endswith("lines kept, 3 removed: copyright 1, no_letters 1, repeat 1"), last


def test_stdin_gives_the_same_view(clipping: Path) -> None:
    from_file = invoke("diff", "--width", "200", str(clipping))
    from_stdin = invoke("diff", "--width", "200", "-", stdin=clipping.read_bytes())
    assert from_stdin.exit_code == 0, from_stdin.stderr
    # the first line, a rule, names the source; the rows and the tally are the same
    assert from_stdin.stdout.splitlines()[1:] == from_file.stdout.splitlines()[1:]


def test_on_a_terminal_removed_rows_are_dim_and_kept_rows_are_not(
    clipping: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = invoke("diff", "--width", "200", str(clipping))
    assert result.exit_code == 0, result.stderr
    assert "\x1b[" in result.stdout
    plain = Text.from_ansi(result.stdout).plain
    assert plain.count(BODY) == 1
    for number, (text, _) in REMOVED.items():
        assert _style_at(result.stdout, number, text).dim, number
    assert not _style_at(result.stdout, 6, BODY).dim


def _style_at(ansi: str, number: int, text: str) -> Style:
    """The style the terminal output gives `text` in the row for input line `number`."""
    [line] = [line for line in Text.from_ansi(ansi).split("\n") if re.match(rf"\s*{number}\s", line.plain)]
    return line.get_style_at_offset(Console(), line.plain.index(text))


def test_rows_label_fields_body_blanks_and_removals() -> None:
    lines = ["Cat wins prize", "", "- A deck line", "[Kim Minji 기자]", "Photo: a cat.", "Body one.", "▶"]
    story = Story(
        "x-0", "x", 0, "Cat wins prize", ["A deck line"], "Kim Minji 기자", None, None,
        ["Photo: a cat."], "Body one.", None, "utf-8",
    )  # fmt: skip
    got = rows(lines, [story], [Removal(7, "▶", "no_letters")])
    assert [(r.line, r.role, r.removed) for r in got] == [
        (1, "title", False),
        (2, "", False),
        (3, "subtitle", False),
        (4, "byline", False),
        (5, "caption", False),
        (6, "body", False),
        (7, "no_letters", True),
    ]
    assert [r.text for r in got] == lines


def test_rendered_styles_title_bold_caption_italic_removed_dim() -> None:
    view = [
        Row(1, "Cat wins prize", "title"),
        Row(2, "Photo: a cat.", "caption"),
        Row(3, "Body one.", "body"),
        Row(4, "ⓒ 2024 Example News.", "copyright", removed=True),
        Row(5, "[bold]not markup[/bold]", "body"),
    ]
    console = Console(record=True, force_terminal=True, color_system="standard", width=120)
    console.print(render(view))
    out = console.export_text(styles=True)
    assert _style_at(out, 1, "Cat wins prize").bold
    assert _style_at(out, 2, "Photo: a cat.").italic
    assert not _style_at(out, 3, "Body one.").dim and not _style_at(out, 3, "Body one.").bold
    assert _style_at(out, 4, "ⓒ 2024 Example News.").dim
    assert _style_at(out, 4, "copyright").dim
    assert "[bold]not markup[/bold]" in Text.from_ansi(out).plain


def test_a_missing_file_is_one_error_line_and_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = invoke("diff", str(missing))
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"clipclean: {missing}: ") and len(line.split(": ", 2)[2]) > 5, line


def test_bad_format_and_encoding_are_usage_errors(clipping: Path) -> None:
    for args in (["--format", "pdf"], ["--encoding", "no-such-codec"], ["--width", "3"]):
        result = invoke("diff", *args, str(clipping))
        assert result.exit_code == 2, (args, result.output)
        assert result.stdout == ""


def test_help_explains_every_diff_option() -> None:
    from typer.main import get_command

    from clipclean.cli import app

    command = get_command(app).commands["diff"]  # type: ignore[attr-defined]
    help_text = invoke("diff", "--help").stdout
    for param in command.params:
        assert getattr(param, "help", None), param.name
        for flag in getattr(param, "opts", []):
            if flag.startswith("--"):
                assert flag in help_text
