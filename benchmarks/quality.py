"""Quality and speed of text mode on the shared evaluation data, in one run.

    python benchmarks/quality.py [--shared ../shared] [--html]

Cleans the seed clippings and every dev page's plain-text clipping (and, with --html, every
saved page) with this checkout's clipclean, scores the output with the project's own
scorers (shared/eval/score.py and score_pages.py) and prints their TOTAL / ALL rows with the
time taken (clippings/s, MB/s). With --html it also times HTML mode against a bare
`trafilatura.extract` (its default settings) on the same pages in the same run, page by page
in turn so that both see the same machine load, and prints the ratio. The chrome model was
trained on these same pages: its figures on unseen sites are the out-of-fold ones printed by
training/train_chrome.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from clipclean import Clipping, Config, clean_clipping


def clean_all(paths: list[Path], out: Path) -> tuple[float, int]:
    """Clean every file into out (JSONL); returns seconds and input bytes."""
    config = Config()
    size = 0
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as sink:
        for path in paths:
            data = path.read_bytes()
            size += len(gzip.decompress(data)) if path.suffix == ".gz" else len(data)
            kind = "html" if ".html" in path.name else "auto"
            stories, _ = clean_clipping(
                Clipping(str(path), data if kind == "auto" else gzip.decompress(data), kind=kind), config
            )
            for story in stories:
                sink.write(json.dumps(story.to_json_dict(), ensure_ascii=False) + "\n")
    return time.perf_counter() - start, size


def html_cost(paths: list[Path]) -> tuple[float, float]:
    """Seconds for clipclean's HTML mode and for a bare trafilatura.extract on the same
    pages, taken in turn page by page, each going first on every other page (a page's
    second extraction finds trafilatura's text caches warm).

    One-time costs are paid before timing: imports and the language model (one warm-up
    page each), and jusText's stop lists, which trafilatura loads once per process on
    the first page that needs its jusText fallback (0.35 s here; unwarmed, whichever
    extraction meets that page first pays them).
    """
    import trafilatura
    from trafilatura.external import jt_stoplist_init

    config = Config()
    pages = [(str(path), gzip.decompress(path.read_bytes())) for path in paths]
    jt_stoplist_init()
    times = [0.0, 0.0]
    runs = (
        lambda name, data: clean_clipping(Clipping(name, data, kind="html"), config),
        lambda name, data: trafilatura.extract(data, deduplicate=False),
    )
    for n, (name, data) in enumerate([pages[0], *pages]):
        for k in (0, 1) if n % 2 else (1, 0):
            start = time.process_time()
            runs[k](name, data)
            if n:  # the first round warms up both
                times[k] += time.process_time() - start
    return times[0], times[1]


def score(script: Path, gold: Path, output: Path, *extra: str) -> str:
    result = subprocess.run([sys.executable, str(script), str(gold), str(output), *extra],
                            capture_output=True, text=True, check=True)  # fmt: skip
    return result.stdout


def report(
    name: str, paths: list[Path], scorer: Path, gold: Path, rows: tuple[str, ...], *extra: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        seconds, size = clean_all(paths, out)
        table = score(scorer, gold, out, *extra).splitlines()
    print(f"== {name}: {len(paths)} inputs in {seconds:.1f} s: "
          f"{len(paths) / seconds:.1f} clippings/s, {size / seconds / 1e6:.2f} MB/s")  # fmt: skip
    print(table[0])
    for line in table[1:]:
        if line.split()[0] in rows:
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).parent.parent.parent / "shared")
    parser.add_argument("--html", action="store_true", help="also clean the saved HTML pages")
    args = parser.parse_args()
    seeds, pages, scripts = args.shared / "fixtures/seeds", args.shared / "dev/pages", args.shared / "eval"
    report("seeds, text", sorted(seeds.glob("*.txt")), scripts / "score.py", seeds, ("TOTAL",))
    groups = ("ALL", "en", "de", "other", "CJK")
    clips = sorted(pages.glob("*.clip.txt"))
    report("dev pages, text", clips, scripts / "score_pages.py", pages, groups, "--by-language")
    if args.html:
        html = sorted(pages.glob("*.html.gz"))
        report("dev pages, HTML", html, scripts / "score_pages.py", pages, groups, "--by-language")
        ours, theirs = html_cost(html)
        print(f"== HTML mode {ours:.1f} s, trafilatura.extract alone {theirs:.1f} s "
              f"on the same {len(html)} pages: {ours / theirs:.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
