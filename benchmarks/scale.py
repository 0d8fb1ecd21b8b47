"""Throughput and memory at scale, every figure beside its anchor from the same run.

    python benchmarks/scale.py [--sizes 10000 100000] [--jobs 1 2] [--modes text html] [--anchor 500]

Builds corpora of N clippings. A text clipping is one of 24 real page clippings in
benchmarks/clippings/ (a seeded sample of the dev pages' .clip.txt files, 8 languages, 8.5 KB
and 195 non-blank lines on average, against 9.7 KB and 182 for all 236) with every word
swapped, consistently within the clipping, for a word of the same length from the same page:
each line keeps its length, word lengths, punctuation, digits and place (menus stay runs of short
lines, repeated lines stay repeated), while every clipping's text is its own. An HTML clipping
is one of the two real saved pages in examples/ with an article of made-up sentences put in
(so trafilatura parses real markup). Then, for each
size: `clipclean clean` on the text and on the HTML at each --jobs, with clippings/s, MB/s
and the peak RSS of the main process (each worker's when there are workers); a text run
that keeps its index in an SQLite file instead of in memory (its peak RSS is how memory
grows with the corpus, the index aside) and the file's bytes per story; and
`trafilatura.extract` alone on --anchor of the same HTML pages, in this process, on one
core: the rate the issue compares against. Each size's corpus is deleted after its rows.
"""

from __future__ import annotations

import argparse
import itertools
import random
import re
import resource
import shutil
import string
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIPPINGS_FROM = sorted((ROOT / "benchmarks" / "clippings").glob("*.clip.txt"))
PAGES_FROM = sorted((ROOT / "examples").glob("*.html"))
_WORD = re.compile(r"[^\W\d_]+")


def build(folder: Path, count: int, html: bool) -> int:
    """Write `count` clippings into folder; returns their total size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    vocabulary = ["".join(random.Random(n).choices(string.ascii_lowercase, k=2 + n % 9)) for n in range(5000)]
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocabulary))))
    clippings = [path.read_text(encoding="utf-8") for path in CLIPPINGS_FROM]
    words = [_words_by_length(text) for text in clippings]
    pages = [path.read_text(encoding="utf-8") for path in PAGES_FROM]
    total = 0
    for i in range(count):
        rng = random.Random(i)
        if html:  # a real saved page, its article lengthened by this clipping's own paragraphs

            def sentence() -> str:
                chosen = rng.choices(vocabulary, cum_weights=weights, k=rng.randint(6, 24))  # noqa: B023
                return " ".join(chosen).capitalize() + "."

            sizes = [rng.randint(3, 7) for _ in range(rng.randint(10, 16))]
            paragraphs = [" ".join(sentence() for _ in range(n)) for n in sizes]
            title = " ".join(rng.choices(vocabulary, cum_weights=weights, k=7)).capitalize()
            page = pages[i % len(pages)]
            at = page.find("<p", page.find("<body"))
            body = "".join(f"<p>{p}</p>\n" for p in [title, *paragraphs])
            text = page[:at] + body + page[at:]
        else:
            text = disguise(clippings[i % len(clippings)], words[i % len(clippings)], rng)
        data = text.encode("utf-8")
        (folder / f"c{i:06}.{'html' if html else 'txt'}").write_bytes(data)
        total += len(data)
    return total


def _words_by_length(text: str) -> dict[int, list[str]]:
    """A page's words (lower-cased, once per occurrence) by length."""
    found: dict[int, list[str]] = {}
    for word in _WORD.findall(text):
        found.setdefault(len(word), []).append(word.lower())
    return found


def disguise(text: str, words: dict[int, list[str]], rng: random.Random) -> str:
    """The text with every word swapped for one of the same length drawn from `words` (as often
    as it occurs there), the same swap wherever the word occurs, its capitals kept.

    >>> disguise("Ab ab. 12 cd!", {2: ["xy"]}, random.Random(0))
    'Xy xy. 12 xy!'
    """
    swaps: dict[str, str] = {}

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        key = word.lower()
        if key not in swaps:
            swaps[key] = rng.choice(words.get(len(word)) or [key])
        new = swaps[key]
        if word[0].isupper():
            return new.upper() if word.isupper() and len(word) > 1 else new.capitalize()
        return new

    return _WORD.sub(swap, text)


def clean(folder: Path, jobs: int, out: Path, index: Path | None = None) -> tuple[float, float]:
    """Seconds for `clipclean clean` over the folder, and the peak RSS (MB) of its biggest process."""
    command = [sys.executable, "-m", "clipclean", "clean", "-q", "-j", str(jobs), "-o", str(out), str(folder)]
    if index is not None:
        command += ["--index", str(index)]
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], check=True); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, check=True)
    seconds, rss_kb = done.stdout.split()
    return float(seconds), int(rss_kb) / 1024


def anchor(folder: Path, count: int) -> float:
    """Pages per second of trafilatura.extract alone, on the first `count` pages, one core."""
    import trafilatura

    pages = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.html"))[:count]]
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page, deduplicate=False)
    return len(pages) / (time.perf_counter() - start)


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--modes", nargs="+", choices=["text", "html"], default=["text", "html"])
    parser.add_argument("--anchor", type=int, default=500, help="pages for trafilatura's own rate")
    args = parser.parse_args()
    print(f"{'size':>7} {'mode':5} {'jobs':>4} {'clips/s':>8} {'MB/s':>6} {'peak MB':>8}  anchor")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            root = Path(tmp) / str(size)
            mb = {mode: build(root / mode, size, mode == "html") / 1e6 for mode in args.modes}
            if "html" not in args.modes:  # the anchor still needs pages
                build(root / "html", min(size, args.anchor), html=True)
            rate = anchor(root / "html", min(size, args.anchor))
            for mode, jobs in itertools.product(args.modes, args.jobs):
                seconds, rss = clean(root / mode, jobs, root / "out.jsonl")
                rates = f"{size / seconds:>8.1f} {mb[mode] / seconds:>6.2f}"
                anchor_rate = f"trafilatura.extract {rate:.1f} pages/s"
                print(f"{size:>7} {mode:5} {jobs:>4} {rates} {rss:>8.0f}  {anchor_rate}")
            if "text" in args.modes:  # the index on disk: memory without the in-memory index
                index = root / "corpus.index"
                seconds, rss = clean(root / "text", 1, root / "out.jsonl", index)
                stories = sum(1 for _ in (root / "out.jsonl").open(encoding="utf-8"))
                per_story = index.stat().st_size / max(1, stories)
                print(f"{size:>7} text --index FILE: {size / seconds:.1f} clippings/s, peak {rss:.0f} MB; "
                      f"index {per_story:.0f} bytes per story ({stories} stories)")  # fmt: skip
            for folder in root.iterdir():  # the next size's corpus needs the room
                if folder.is_dir():
                    shutil.rmtree(folder)
    print(f"this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
