"""Hostile inputs, each between two good files, through the real command in a subprocess.

Each gets a correct result or a one-line error naming it, within a time bound; never a hang,
a traceback, or a lost good record (the good files' lines must be byte for byte those of a
run without the hostile input). Also: regular expressions against catastrophic backtracking,
kill -9 in the middle of a run, and no network access, ever.
"""

from __future__ import annotations

import gzip
import importlib
import itertools
import json
import os
import pkgutil
import random
import re
import sqlite3
import string
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest

import clipclean
from tests.conftest import FIXTURES, records, wait_until_written

COMMAND = [sys.executable, "-m", "clipclean"]
NEGATIVE = FIXTURES / "negative"
# The tests that need minutes run in one nox session only (see noxfile.py).
once = pytest.mark.skipif(
    os.environ.get("CLIPCLEAN_ONCE_TESTS") == "0",
    reason="runs in one nox session only (CLIPCLEAN_ONCE_TESTS=0)",
)


class Case(NamedTuple):
    make: Callable[[Path], str]
    """Writes the hostile input into a directory; returns the name to pass on the command line."""
    error: str | None
    """The one-line reason expected after "clipclean: NAME: ", or None when it must clean."""
    seconds: float = 60


def _prose(size: int, seed: int) -> str:
    """Sentences of made-up words, Zipf-distributed like a language's: prose to every statistic."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9))) for _ in range(5000)]
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocab))))
    out, total = [], 0
    while total < size:
        words = rng.choices(vocab, cum_weights=cumulative, k=rng.randint(6, 24))
        sentence = " ".join(words).capitalize() + "."
        out.append(sentence)
        total += len(sentence) + 1
    return " ".join(out)[:size]


def _write(name: str, data: bytes | str | Callable[[], str]) -> Callable[[Path], str]:
    def make(directory: Path) -> str:
        content = data() if callable(data) else data
        (directory / name).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return name

    return make


def _gzip_bomb(directory: Path) -> str:
    """300 MiB of zeros in about 300 KB: past the default 256 MiB cap."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
    chunk = bytes(1 << 20)
    with (directory / "bomb.txt.gz").open("wb") as out:
        for _ in range(300):
            out.write(packer.compress(chunk))
        out.write(packer.flush())
    return "bomb.txt.gz"


def _gz(name: str, damage: Callable[[bytes], bytes]) -> Callable[[Path], str]:
    good = gzip.compress((NEGATIVE / "de_bridge.txt").read_bytes())
    return _write(name, damage(good))


def _flip(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


def _symlink(name: str, target: str) -> Callable[[Path], str]:
    def make(directory: Path) -> str:
        (directory / name).symlink_to(target)
        return name

    return make


def _loop(directory: Path) -> str:
    (directory / "loop" / "sub").mkdir(parents=True)
    (directory / "loop" / "sub" / "back").symlink_to("..", target_is_directory=True)
    (directory / "loop" / "sub" / "inside.txt").write_bytes((NEGATIVE / "de_bridge.txt").read_bytes())
    return "loop"


def _fifo_in_directory(directory: Path) -> str:
    (directory / "spool").mkdir()
    os.mkfifo(directory / "spool" / "pipe.txt")  # nobody ever writes to it
    return "spool"


def _deep_html(depth: int) -> str:
    return (
        "<html><body>"
        + "<div>" * depth
        + "<p>Deep inside the page there is one paragraph of text.</p>"
        + "</div>" * depth
        + "</body></html>"
    )


def _external_entities(directory: Path) -> str:
    (directory / "secret.dat").write_text("SECRET-FROM-DISK", encoding="utf-8")
    page = f"""<?xml version="1.0"?>
<!DOCTYPE html [
  <!ENTITY disk SYSTEM "file://{directory / "secret.dat"}">
  <!ENTITY net SYSTEM "http://169.254.169.254/latest/meta-data/">
]>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Entities</title></head><body><article>
<h1>Entities are never resolved</h1>
<p>Here comes the disk: &disk; and the network: &net; and the paragraph goes on long enough
to be the article text that an extractor keeps, with several sentences. It says nothing more.</p>
<p>A second paragraph follows the first one, also with a few sentences. It ends here.</p>
</article></body></html>"""
    (directory / "entities.xhtml").write_text(page, encoding="utf-8")
    return "entities.xhtml"


KOREAN = [
    "서울시는 오늘 새로운 교통 정책을 발표했다.",
    "시민들의 반응은 엇갈렸다고 시 관계자가 말했다.",
    "마지막 문단은 다시 UTF-8로 쓰였다.",
]
MIXED = (
    b"An English line of text comes first, and it is a sentence.\n"
    + (KOREAN[0] + "\n").encode("utf-8")
    + (KOREAN[1] + "\n").encode("cp949")
    + KOREAN[2].encode("utf-8")
)
BAD_JSONL = (
    '{"id": "j1", "text": "A good line of text. It is fine and it has two sentences at least."}\n'
    "{not json\n[1, 2]\n"
    '{"text": 5}\n'
)

CASES = {
    "empty": Case(_write("empty.txt", b""), "empty input"),
    "whitespace only": Case(_write("blank.txt", " \n\t\r\n \u3000\n"), "empty input"),
    "image": Case(
        _write("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64), "binary file (PNG image)"
    ),
    "executable": Case(
        _write("tool.txt", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 64), "binary file (ELF executable)"
    ),
    "random bytes": Case(
        _write("noise.txt", bytes(random.Random(1).choices(range(0x80, 0x100), k=50_000))), "undecodable"
    ),
    "truncated gzip": Case(_gz("cut.txt.gz", lambda d: d[: len(d) // 2]), "corrupt or truncated gzip data"),
    "corrupt gzip": Case(_gz("bad.txt.gz", _flip), "corrupt or truncated gzip data"),
    "gzip bomb": Case(_gzip_bomb, "larger than the 256 MiB limit (--max-mib)"),
    "broken symlink": Case(
        _symlink("gone.txt", "/nonexistent/gone.txt"), "no such file (or a broken symlink)"
    ),
    "unreadable (I/O error)": Case(_symlink("mem.txt", "/proc/self/mem"), "Input/output error"),
    "named pipe in a directory": Case(_fifo_in_directory, "not a regular file (a named pipe)"),
    "invalid JSONL lines": Case(_write("bad.jsonl", BAD_JSONL), "invalid JSON"),
    "directory loop": Case(_loop, None),
    "mixed encodings": Case(_write("mixed.txt", MIXED), None),
    "HTML 10,000 levels deep": Case(_write("deep.html", _deep_html(10_000)), None),
    "external entities": Case(_external_entities, None),
}
SLOW_CASES = {
    "a 10 MB line": Case(
        _write(
            "line.txt",
            lambda: "A first paragraph, with a sentence.\n\n" + _prose(10_000_000, 1) + "\n\nThe end.\n",
        ),
        None,
        120,
    ),
    "a 50 MB file with no newline": Case(_write("flat.txt", lambda: _prose(50_000_000, 2)), None, 240),
}


class Run(NamedTuple):
    out: list[str]
    err: list[str]
    code: int


def _clean(directory: Path, *names: str, timeout: float = 60) -> Run:
    done = subprocess.run(
        [*COMMAND, "clean", *names], cwd=directory, capture_output=True, timeout=timeout, check=False
    )
    return Run(
        done.stdout.decode("utf-8").split("\n"), done.stderr.decode("utf-8").splitlines(), done.returncode
    )


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """A directory with two good clippings, and the JSONL line each gives on its own."""
    directory = tmp_path_factory.mktemp("good")
    for name in ("before.txt", "after.txt"):
        source = NEGATIVE / ("en_library.txt" if name == "before.txt" else "ko_market.txt")
        (directory / name).write_bytes(source.read_bytes())
    lines = [_clean(directory, name).out[0] for name in ("before.txt", "after.txt")]
    return directory, lines[0], lines[1]


def _check(case: Case, good: tuple[Path, str, str], tmp_path: Path) -> Run:
    directory, before, after = good
    for name in ("before.txt", "after.txt"):
        (tmp_path / name).write_bytes((directory / name).read_bytes())
    hostile = case.make(tmp_path)
    start = time.monotonic()
    run = _clean(tmp_path, "before.txt", hostile, "after.txt", timeout=case.seconds)
    assert time.monotonic() - start < case.seconds
    assert not any("Traceback" in line for line in run.err), "\n".join(run.err)
    assert all(line.startswith("clipclean: ") for line in run.err), run.err
    assert run.out[0] == before and run.out[-2] == after and run.out[-1] == ""  # good records intact
    assert run.err[-1].startswith("clipclean: ") and "inputs" in run.err[-1]  # the summary
    if case.error is None:
        assert run.code == 0, run.err
        assert len(run.err) == 1  # the summary alone
    else:
        assert run.code == 1
        assert any(line.startswith(f"clipclean: {hostile}") and case.error in line for line in run.err), (
            run.err
        )
    return run


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_beside_good_files(name: str, good: tuple[Path, str, str], tmp_path: Path) -> None:
    run = _check(CASES[name], good, tmp_path)
    middle = records("\n".join(run.out[1:-2]) + "\n") if run.out[1:-2] else []
    if name == "directory loop":
        assert [r["source"] for r in middle] == ["loop/sub/inside.txt"]  # walked once
    if name == "mixed encodings":
        [story] = middle
        assert story["encoding"].startswith("utf-8+")
        assert all(sentence in story["text"] for sentence in KOREAN[1:])
    if name == "HTML 10,000 levels deep":
        assert "one paragraph of text" in middle[0]["text"]
    if name == "external entities":
        assert "paragraph follows the first" in middle[0]["text"]
        assert "SECRET-FROM-DISK" not in "\n".join(run.out)
    if name == "invalid JSONL lines":
        assert [r["id"] for r in middle] == ["j1-0"]
        assert sum(" bad.jsonl:" in line or line.startswith("clipclean: bad.jsonl:") for line in run.err) == 3


@once
@pytest.mark.parametrize("name", list(SLOW_CASES))
def test_huge_hostile_input_beside_good_files(name: str, good: tuple[Path, str, str], tmp_path: Path) -> None:
    case = SLOW_CASES[name]
    run = _check(case, good, tmp_path)
    text = "".join(json.loads(line)["text"] for line in run.out[1:-2])
    letters = re.sub(r"\s+", "", (tmp_path / case.make(tmp_path)).read_text(encoding="utf-8"))
    assert re.sub(r"\s+", "", text) == letters  # every letter kept, nothing added


# Regular expressions -------------------------------------------------------------------------

_UNITS = [
    ".",
    "!",
    "-",
    "•",
    "·",
    "ⓒ",
    "©",
    "1",
    "12.",
    "1,",
    " ",
    "\t",
    "a",
    "가",
    "。",
    "…",
    "=",
    "|",
    "/",
    ":",
    "_",
    "@",
    "a.",
    "a@",
    "가 ",
    "(",
    "[",
    "'",
    "*",
    "#",
    "http://",
    "www.",
    "<a ",
    "&",
    "-–—",
    "▶",
    "※",
    "(c)",
    "ⓒ 2024 ",
    "1 2 ",
    "기자 ",
    "Copyright ",
    "a.b",
    "x ",
    "2024.",
    "AB",
]


def _patterns() -> dict[str, re.Pattern[str]]:
    found = {}
    for info in pkgutil.walk_packages(clipclean.__path__, "clipclean."):
        if info.name.endswith("__main__"):
            continue
        for name, value in vars(importlib.import_module(info.name)).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[f"{info.name}.{name}"] = value
    return found


def test_every_pattern_is_found_by_the_safety_test() -> None:
    assert len(_patterns()) >= 40  # a refactoring that hides them (e.g. in functions) shows here


@pytest.mark.parametrize("name", sorted(_patterns()))
def test_regular_expression_is_linear_on_adversarial_lines(name: str) -> None:
    """20,000-character runs of punctuation, bullets, ⓒ, digits...: a quadratic pattern takes
    seconds on one of them (two did, before they were rewritten); a linear one, milliseconds."""
    pattern = _patterns()[name]
    worst = 0.0
    for unit in _UNITS:
        run = unit * (20_000 // len(unit))
        for line in (run, run + "\x00!", "a" + run + "b"):
            start = time.perf_counter()
            pattern.search(line)
            pattern.findall(line)
            pattern.match(line)
            worst = max(worst, time.perf_counter() - start)
    assert worst < 0.5, f"{name}: {worst:.2f} s on one line"


# kill -9 ---------------------------------------------------------------------------------------


def test_kill_9_mid_clean_leaves_no_output_and_a_valid_index_and_a_rerun_completes(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(200):  # each a different story
        paragraphs = [_prose(500, seed=1000 * i + k) for k in range(4)]
        (inputs / f"c{i:03}.txt").write_text(
            f"Story number {i}\n\n" + "\n\n".join(paragraphs), encoding="utf-8"
        )
    index, out = tmp_path / "corpus.index", tmp_path / "out.jsonl"
    command = [*COMMAND, "clean", "-q", "-j", "2", "--index", str(index), "-o", str(out), str(inputs)]
    run = subprocess.Popen(command, cwd=tmp_path)
    wait_until_written(tmp_path, ".out.jsonl.*.tmp", more_than=20_000, run=run)  # well under way
    workers = _children(run.pid)
    run.kill()
    run.wait()
    assert not out.exists()
    # its two workers (and multiprocessing's resource tracker) end with it, not wait for ever
    assert len(workers) >= 2 or not Path("/proc").is_dir()
    deadline = time.monotonic() + 20
    while any(map(_running, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _running(pid)]
    with sqlite3.connect(index) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM stories").fetchone() == (0,)  # the killed run left nothing
    again = subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=300, check=False)
    assert again.returncode == 0, again.stderr
    fresh = subprocess.run(
        [*COMMAND, "clean", "-q", str(inputs)], cwd=tmp_path, capture_output=True, timeout=300
    )
    assert out.read_bytes() == fresh.stdout  # the rerun is exactly a run that was never interrupted


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux's /proc; none where there is no /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        fields = _stat(stat)
        if fields and int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    """Whether a process runs (a zombie that no one has reaped yet has ended)."""
    fields = _stat(Path(f"/proc/{pid}/stat"))
    return bool(fields) and fields[0] != "Z"


def _stat(path: Path) -> list[str]:
    """A /proc stat file's fields after the command's name: state, parent, ... (none once ended)."""
    try:
        return path.read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


# no network --------------------------------------------------------------------------------------

_WATCH = """
import os, sys
def probe(frame):
    # urllib3 (imported by trafilatura) makes and binds an IPv6 socket to ::1 at import, to
    # learn whether the machine has IPv6; no traffic. Everything else is reported.
    while frame is not None:
        if frame.f_code.co_name == "_has_ipv6" and "urllib3" in frame.f_code.co_filename:
            return True
        frame = frame.f_back
    return False
def hook(event, args):
    if event == "open" and "secret.dat" in str(args[0]):  # an external entity's file
        os.write(2, f"OPENED {args[0]}\\n".encode())
    network = event.startswith(("socket.", "urllib.", "http.client.", "ftplib.", "smtplib."))
    if network and not probe(sys._getframe(1)):
        os.write(2, f"NETWORK {event} {args!r}\\n".encode())
sys.addaudithook(hook)
"""
_MAIN = """
from clipclean.cli import main
sys.argv = ["clipclean", *sys.argv[1:]]
main()
"""


def test_the_watch_sees_a_connection_and_an_opened_file(tmp_path: Path) -> None:
    code = _WATCH + "import socket\nsocket.socket().connect_ex(('127.0.0.1', 9))\n"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=False)
    assert b"NETWORK socket.connect" in done.stderr
    code = _WATCH + "open('secret.dat', 'w')\n"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=60, check=False, cwd=tmp_path
    )
    assert b"OPENED secret.dat" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["clean", "--explain", "PAGES"],
        ["clean", "-f", "jsonl", "PAGES/with-urls.jsonl"],
        ["dedup", "PAGES/with-urls.jsonl"],
        ["check", "--fix", "PAGES/page.html"],
    ],
    ids=["clean", "clean-jsonl-with-urls", "dedup", "check-fix"],
)
def test_no_socket_is_ever_opened(args: list[str], tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for example in sorted((FIXTURES.parent.parent / "examples").glob("*.html")):
        (pages / "page.html").write_bytes(example.read_bytes())
        break
    _external_entities(pages)
    html = (pages / "page.html").read_text(encoding="utf-8")
    rows = [
        {"id": "u1", "url": "http://example.com/a", "html": html},
        {"id": "u2", "url": "https://example.org/b", "text": "A text. " * 20},
    ]
    (pages / "with-urls.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    argv = [arg.replace("PAGES", "pages") for arg in args]
    done = subprocess.run(
        [sys.executable, "-c", _WATCH + _MAIN, *argv], cwd=tmp_path, capture_output=True, timeout=120
    )
    assert b"NETWORK" not in done.stderr, done.stderr.decode()
    assert b"OPENED" not in done.stderr, done.stderr.decode()
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    assert done.returncode in (0, 1)
