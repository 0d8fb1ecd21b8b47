"""The README stays true: its commands are the ones CI runs, and it documents every option and field."""

from __future__ import annotations

import re

import pytest
from typer.main import get_command

from clipclean.cli import app
from clipclean.records import Story
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_exactly_two_commands_and_ci_runs_both() -> None:
    commands = _quick_start_commands()
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[0] in ci
    assert commands[1] in ci.splitlines()


@pytest.mark.parametrize("name", ["clean", "check", "dedup", "diff"])
def test_every_option_is_documented(name: str) -> None:
    command = get_command(app).commands[name]  # type: ignore[attr-defined]
    for param in command.params:
        for flag in param.opts:
            if flag.startswith("--"):
                assert f"`{flag}" in README or f", {flag}" in README, flag


def test_every_record_field_is_documented() -> None:
    for name in Story.__dataclass_fields__:
        assert f"| `{name}` |" in README, name
