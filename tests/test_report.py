"""`clipclean report`: every number on the page against a count made here from the JSONL and the log.

The run: the examples twice (so every story of the second copy is a duplicate), a clipping with no
article, and a missing file, cleaned with --explain --keep-duplicates, its stderr kept as the log.
The browser test (tests/test_report_browser.py) opens the same kind of page in Chromium.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from clipclean import report
from clipclean.cli import _with_progress, known_inputs
from clipclean.pipeline import Stats
from clipclean.records import Failure
from tests.conftest import ROOT, invoke, records

EXAMPLES = ROOT / "examples"
MENU = "\n".join(
    ["Home", "News", "Sport", "Weather", "Jobs", "Contact", "About us", "Archive", "Login", "Search"] * 2
)


def make_run(folder: Path) -> tuple[Path, Path, list[dict[str, Any]], str]:
    """Clean a small corpus the way a user would; returns the JSONL, the log, its records and stderr."""
    for copy in ("first", "second"):
        shutil.copytree(EXAMPLES, folder / copy)
    (folder / "first" / "portal.txt").write_text(MENU + "\n", encoding="utf-8")
    result = invoke(
        "clean", "--explain", "--keep-duplicates", "-j", "1",
        str(folder / "first"), str(folder / "second"), str(folder / "missing.txt"),
    )  # fmt: skip
    assert result.exit_code == 1, result.output  # a failed input and a page with no article
    run, log = folder / "run.jsonl", folder / "run.log"
    run.write_text(result.stdout, encoding="utf-8")
    log.write_text(result.stderr, encoding="utf-8")
    return run, log, records(result.stdout), result.stderr


def shown(page: str, attribute: str) -> dict[str, int]:
    """The numbers the page shows in elements carrying `attribute`, by its value."""
    found = re.findall(rf'{attribute}="([^"]+)">([\d,]+)<', page)
    return {key: int(value.replace(",", "")) for key, value in found}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[dict[str, Any]], str]:
    folder = tmp_path_factory.mktemp("run")
    run, log, recs, stderr = make_run(folder)
    out = folder / "report.html"
    result = invoke("report", str(run), "--log", str(log), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8"), recs, stderr


def test_the_run_in_numbers_equals_a_count_of_the_records(
    built: tuple[str, list[dict[str, Any]], str],
) -> None:
    page, recs, stderr = built
    failures = [
        line for line in stderr.splitlines() if line.startswith("clipclean: ") and " inputs, " not in line
    ]
    counts = shown(page, "data-count")
    assert counts["stories"] == sum(1 for r in recs if r["dup_of"] is None)
    assert counts["duplicates"] == sum(1 for r in recs if r["dup_of"] is not None) > 0
    assert counts["failures"] == len(failures) == 2  # the missing file, the portal page
    assert counts["inputs"] == len({r["source"] for r in recs}) + len(failures)
    removed = Counter(item["reason"] for r in recs for item in r.get("removed") or [])
    assert counts["removed"] == sum(removed.values()) > 0
    assert shown(page, "data-reason") == dict(removed)
    assert counts["clusters"] == len({r["dup_of"] for r in recs if r["dup_of"]})
    reasons = Counter(line.split(": ", 2)[2] for line in failures)
    assert shown(page, "data-failure") == dict(reasons)


def test_outlet_rows_equal_a_count_by_folder(built: tuple[str, list[dict[str, Any]], str]) -> None:
    page, recs, _ = built
    for row in re.findall(r'<tr data-outlet="([^"]+)">(.*?)</tr>', page):
        name, cells = row
        mine = [r for r in recs if report.outlet_of(r) == name]
        got = {
            key: int(value.replace(",", ""))
            for key, value in re.findall(r'data-col="(\w+)">([\d,]+)<', cells)
        }
        assert got == {
            "clippings": len({r["source"] for r in mine}),
            "stories": sum(1 for r in mine if r["dup_of"] is None),
            "duplicates": sum(1 for r in mine if r["dup_of"] is not None),
        }
        removed = Counter(item["reason"] for r in mine for item in r.get("removed") or [])
        kept = sum(
            len([p for p in r["text"].split("\n\n") if p.strip()])
            + sum(1 for key in ("title", "byline", "published") if r[key])
            + len(r["subtitles"]) + len(r["captions"])
            for r in mine
        )  # fmt: skip
        shares = {reason: f"{100 * n / (kept + sum(removed.values())):.0f}%" for reason, n in removed.items()}
        got_shares = dict(re.findall(r'data-share="([^"]+)">(\d+%)<', cells))
        assert {k: v for k, v in got_shares.items() if k in shares} == shares
        assert all(v == "0%" for k, v in got_shares.items() if k not in shares)


def test_the_page_is_self_contained_and_has_its_plots(built: tuple[str, list[dict[str, Any]], str]) -> None:
    page, _, _ = built
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # nothing fetched at view time
    assert "<script" not in page
    plots = re.findall(r'<figure class="plot" data-plot="(\w+)"><svg', page)
    assert plots == ["outlets", "lengths", "languages"]
    assert page.count("<table class=view>") >= 3  # line-by-line views of the inputs worth a look


def test_the_report_is_the_same_bytes_each_time(tmp_path: Path) -> None:
    run, log, _, _ = make_run(tmp_path)
    pages = []
    for name in ("a.html", "b.html"):
        assert invoke("report", str(run), "--log", str(log), "-o", str(tmp_path / name)).exit_code == 0
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1]


def test_long_lists_are_cut_and_the_page_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    tally = report.Tally()
    for n in range(30):
        tally.add({"id": f"s{n}", "source": f"site{n}/a.txt", "text": "A story. " * n, "dup_of": None})
    monkeypatch.setattr(report, "OUTLET_ROWS", 5)
    page = report.render(tally, ["run.jsonl"])
    assert page.count("<tr data-outlet=") == 5
    assert 'data-sampled="yes"' in page and "5 outlets with most clippings of 30" in page


def test_the_log_gives_failures_and_not_the_summary() -> None:
    tally = report.Tally()
    tally.add_log(
        [
            "clipclean: a/b.txt: binary file (PNG image)\n",
            "clipclean: c.html: no article: a list of links\n",
            "clipclean: 3 inputs, 1 stories, 2 failed, 0 duplicates; lines removed: menu 4\n",
            "some other line\n",
        ]
    )
    assert tally.failures == [
        ("a/b.txt", "binary file (PNG image)"),
        ("c.html", "no article: a list of links"),
    ]


def test_unreadable_records_are_named_and_the_rest_reported(tmp_path: Path) -> None:
    run = tmp_path / "run.jsonl"
    run.write_text(
        '{"id": "a", "source": "x.txt", "text": "Hello.", "dup_of": null}\nnot json\n', encoding="utf-8"
    )
    result = invoke("report", str(run), "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 1
    assert f"{run}:2: invalid JSON" in result.stderr
    assert shown((tmp_path / "r.html").read_text(encoding="utf-8"), "data-count")["stories"] == 1


def test_a_progress_bar_counts_clippings_when_the_inputs_are_known(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text("A story.", encoding="utf-8")
    assert known_inputs([str(tmp_path)]) == 3
    assert known_inputs([str(tmp_path), "-"]) is None
    (tmp_path / "more.jsonl").write_text("{}\n", encoding="utf-8")
    assert known_inputs([str(tmp_path)]) is None  # a JSONL file holds any number
    stats = Stats()

    def items() -> Any:
        for n in range(3):
            stats.inputs += 1
            yield Failure(f"{n}.txt", "x") if n == 1 else {"id": str(n)}

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    assert len(list(_with_progress(items(), console, quiet=False, stats=stats, total=3))) == 3
    assert "3/3" in screen.getvalue() and "clippings" in screen.getvalue()


def test_without_matplotlib_the_report_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if it were not installed
    run = tmp_path / "run.jsonl"
    run.write_text('{"id": "a", "source": "x.txt", "text": "Hello.", "dup_of": null}\n', encoding="utf-8")
    result = invoke("report", str(run), "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 2
    assert "pip install 'clipclean[report]'" in result.output
    assert not (tmp_path / "r.html").exists()
