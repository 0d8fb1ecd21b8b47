"""Quality of text and HTML mode on every dev page set, with trafilatura's in the same run.

    python benchmarks/quality.py [--shared ../shared] [--oof DIR] [--sets pages,more,ko,cjk]
                                 [--modes text,html,trafilatura] [--jobs N] [--timing]
                                 [--scripts georgian,arabic,devanagari,thai]
                                 [--layouts flat,spaced,doubled]

Cleans every page of each set (its `.clip.txt` in text mode, its `.html.gz` in HTML mode)
with this checkout's clipclean, scores the output with the project's scorer
(shared/eval/score_pages.py --by-language) and prints a row per set, mode and language,
beside trafilatura's own `extract` on the same HTML (default settings, and without
comments), scored the same way in the same run. It also prints the seeds' TOTAL row
(shared/eval/score.py) and, for pages-ko, how many of its pages with no article (and teaser
lists) gave no story.

The shipped chrome model learned from these very pages: its rows are in-sample. With
`--oof DIR` (written by `training/train_chrome.py --oof-out DIR`) every page is cleaned by
the fold model that never saw its site: the figures to trust for unseen sites.

pages-ko's teaser lists are scored against an empty gold (the default run gives no story
for them), as that set's README says; `--teasers` runs are scored against their gold.txt.
With --timing, HTML mode is also timed against a bare `trafilatura.extract` page by page.

With --scripts, text mode is also scored on each set's English pages written in another
script's letters (`in_script`): a stand-in for the languages the dev sets lack, whose scripts
have no capital letters (Thai: no full stop and no space between words either) and whose pages
use none of the English words some rules know ("says:", "Posted by", month names). Page and
gold are mapped alike, so only what clipclean does differs.

With --layouts, text mode is also scored on each set's clippings laid out another way
(`relaid`): "flat" with no blank line at all (a tool that drops them), "spaced" with one blank
line between any two lines (paragraph breaks lost), "doubled" with every line break doubled
(an editor that makes each line a paragraph). Only the blank lines change, not the words, so
the gold is the set's own.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from clipclean import Clipping, Config
from clipclean.config import MODEL_PATH
from clipclean.pipeline import clean_page

SETS = {"pages": "dev/pages", "more": "dev/pages-more", "ko": "dev/pages-ko", "cjk": "dev/pages-cjk"}
NO_STORY_KINDS = ("multi-article", "no-article")


SCRIPTS = {
    "georgian": (0x10D0, "."),
    "arabic": (0x0628, "."),
    "devanagari": (0x0915, "\u0964"),
    "thai": (0x0E01, ""),
}
"""For --scripts: where each script's 26 stand-in letters begin, and its full stop (the
danda in Devanagari). Georgian (Mkhedruli), Arabic, Devanagari and Thai have no letter case;
Thai has no full stop and no space between words, only between sentences."""
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")


def in_script(text: str, script: str) -> str:
    """`text` with each Latin letter, of either case, written as one letter of `script`; in
    Thai, each sentence's words run together and sentences are set apart by a space alone.

    >>> in_script("Posted by Ann. Yes.", "georgian"), in_script("Posted by Ann. Yes!", "thai")
    ('ჟპტუედ ბშ აოო. შეტ.', 'ฐฏณดฅคขนกฎฎ นฅณ')
    """
    first, stop = SCRIPTS[script]
    table = {ord(letter) + k: first + k for letter in "aA" for k in range(26)}
    if script == "thai":
        table |= {ord(mark): None for mark in ".!?"}
        text = "\n".join(
            "".join(_thai_run(part) for part in _LAYOUT_SPACE.split(line)) for line in text.split("\n")
        )
    return text.translate({**table, ord("."): stop} if stop else table)


def _thai_run(part: str) -> str:
    """A run of a line between layout spaces (`_LAYOUT_SPACE`) with its words run together, its
    sentences a space apart; layout spaces are kept as they are."""
    if _LAYOUT_SPACE.fullmatch(part):
        return part
    return " ".join("".join(s.split()) for s in _SENTENCE_END.split(part))


_LAYOUT_SPACE = re.compile(r"(^\s+|\s{2,})")
"""Spaces that lay a line out, not that part words: a line's indent, a gutter between columns
(two spaces or more). A Thai page has them too."""


LAYOUTS = ("flat", "spaced", "doubled")


def relaid(text: str, layout: str) -> str:
    r"""`text`'s non-blank lines with no blank line between them ("flat"), or one ("spaced"), or
    `text` with every line break doubled ("doubled").

    >>> page = "Menu\nNews\n\nThe storm hit.\n"
    >>> relaid(page, "flat").split("\n"), relaid(page, "spaced").split("\n")
    (['Menu', 'News', 'The storm hit.', ''], ['Menu', '', 'News', '', 'The storm hit.', ''])
    >>> relaid(page, "doubled")
    'Menu\n\nNews\n\n\n\nThe storm hit.\n\n'
    """
    if layout == "doubled":
        return text.replace("\n", "\n\n")
    lines = [line for line in text.split("\n") if line.strip()]
    return ("\n" if layout == "flat" else "\n\n").join(lines) + "\n"


def clean_one(task: tuple[Path, str, str]) -> list[dict[str, str]]:
    """One page's records ({source, text}) in a mode: text, html, trafilatura, or text in
    another script's letters ("text:georgian") or laid out another way ("text:flat")."""
    path, mode, model = task
    data = path.read_bytes()
    if mode == "trafilatura":
        return _trafilatura(path, gzip.decompress(data))
    if mode.startswith("text:"):
        variant = mode.split(":")[1]
        text = data.decode("utf-8")
        data = (relaid(text, variant) if variant in LAYOUTS else in_script(text, variant)).encode("utf-8")
    config = Config(chrome_model=Path(model), detect_language=False)
    kind = "html" if mode == "html" else "auto"
    page = clean_page(
        Clipping(path.name, gzip.decompress(data) if mode == "html" else data, kind=kind), config
    )
    return [{"source": path.name, "text": story.text} for story in page.stories]


def _trafilatura(path: Path, data: bytes) -> list[dict[str, str]]:
    import trafilatura

    out = []
    for variant, comments in (("default", True), ("no-comments", False)):
        text = trafilatura.extract(data, include_comments=comments, include_tables=True, deduplicate=False)
        out.append({"source": path.name, "text": text or "", "variant": variant})
    return out


def folds_of(oof: Path | None) -> dict[str, Path]:
    """Page key (set folder/page id) -> the fold model that never saw its site."""
    if oof is None:
        return {}
    rows = (oof / "folds.tsv").read_text(encoding="utf-8").split("\n")
    return {key: oof / f"fold{fold}.npz" for key, fold in (row.split("\t") for row in rows if row)}


def index_rows(folder: Path) -> list[dict[str, str]]:
    """A set's INDEX.tsv: one dict (column -> value) per page."""
    head, *rows = (folder / "INDEX.tsv").read_text(encoding="utf-8").split("\n")
    names = head.split("\t")
    return [dict(zip(names, row.split("\t"), strict=False)) for row in rows if row]


def gold_for_default(folder: Path, tmp: Path) -> Path:
    """pages-ko scored as the default run should be: teaser lists against an empty gold."""
    rows = index_rows(folder)
    if not rows or "kind" not in rows[0]:
        return folder
    golds = {c["id"]: "" if c["kind"] in NO_STORY_KINDS else _gold(folder, c["id"]) for c in rows}
    return gold_folder(folder, tmp / folder.name, golds)


def _gold(folder: Path, pid: str) -> str:
    return (folder / f"{pid}.gold.txt").read_text(encoding="utf-8")


def gold_folder(folder: Path, out: Path, golds: dict[str, str]) -> Path:
    """A folder for the scorer: the set's INDEX.tsv and these gold texts (page id -> text)."""
    out.mkdir()
    (out / "INDEX.tsv").write_text((folder / "INDEX.tsv").read_text(encoding="utf-8"), encoding="utf-8")
    for pid, text in golds.items():
        (out / f"{pid}.gold.txt").write_text(text, encoding="utf-8")
    return out


def score(scorer: Path, gold: Path, records: list[dict[str, str]], tmp: Path) -> dict[str, dict[str, float]]:
    out = tmp / "out.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = subprocess.run([sys.executable, str(scorer), str(gold), str(out), "--by-language", "--json"],
                            capture_output=True, text=True, check=True)  # fmt: skip
    return dict(json.loads(result.stdout)["total"])


def run_set(name: str, args: argparse.Namespace, pool: ProcessPoolExecutor) -> None:
    folder = args.shared / SETS[name]
    folds = folds_of(args.oof)
    scorer = args.shared / "eval" / "score_pages.py"
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        gold = gold_for_default(folder, tmp)
        for mode in args.modes:
            paths = sorted(folder.glob("*.clip.txt" if mode == "text" else "*.html.gz"))
            tasks = [
                (p, mode, str(folds.get(f"{folder.name}/{p.name.split('.')[0]}", MODEL_PATH))) for p in paths
            ]
            start = time.perf_counter()
            records = [r for rs in pool.map(clean_one, tasks, chunksize=4) for r in rs]
            seconds = time.perf_counter() - start
            variants = sorted({r.get("variant", "") for r in records}) or [""]
            for variant in variants:
                rows = score(scorer, gold, [r for r in records if r.get("variant", "") == variant], tmp)
                label = f"trafilatura {variant}" if variant else mode + (" (out of fold)" if folds else "")
                _print(name, label, rows, f"{len(paths) / seconds:.0f} pages/s" if not variant else "")
            if name == "ko" and mode != "trafilatura":
                _no_story(folder, records, mode)


def run_scripts(name: str, args: argparse.Namespace, pool: ProcessPoolExecutor) -> None:
    """Text mode on the set's English pages, each written in the letters of each of `args.scripts`."""
    folder = args.shared / SETS[name]
    folds = folds_of(args.oof)
    english = [c["id"] for c in index_rows(folder) if c["language"] == "en"]
    for script in args.scripts:
        with tempfile.TemporaryDirectory() as tmp_name:
            gold = gold_folder(
                folder,
                Path(tmp_name) / folder.name,
                {pid: in_script(_gold(folder, pid), script) for pid in english},
            )
            tasks = [
                (
                    folder / f"{pid}.clip.txt",
                    f"text:{script}",
                    str(folds.get(f"{folder.name}/{pid}", MODEL_PATH)),
                )
                for pid in english
            ]
            records = [r for rs in pool.map(clean_one, tasks, chunksize=4) for r in rs]
            label = f"text in {script}" + (" (oof)" if folds else "")
            _print(
                name,
                label,
                {"en": score(args.shared / "eval" / "score_pages.py", gold, records, gold.parent)["ALL"]},
                "",
            )


def run_layouts(name: str, args: argparse.Namespace, pool: ProcessPoolExecutor) -> None:
    """Text mode on the set's clippings laid out as each of `args.layouts` says, scored against the
    set's gold."""
    folder = args.shared / SETS[name]
    folds = folds_of(args.oof)
    paths = sorted(folder.glob("*.clip.txt"))
    scorer = args.shared / "eval" / "score_pages.py"
    with tempfile.TemporaryDirectory() as tmp_name:
        gold = gold_for_default(folder, Path(tmp_name))
        for layout in args.layouts:
            tasks = [
                (p, f"text:{layout}", str(folds.get(f"{folder.name}/{p.name.split('.')[0]}", MODEL_PATH)))
                for p in paths
            ]
            records = [r for rs in pool.map(clean_one, tasks, chunksize=4) for r in rs]
            label = f"text {layout}" + (" (oof)" if folds else "")
            _print(name, label, score(scorer, gold, records, Path(tmp_name)), "")


def _print(name: str, label: str, rows: dict[str, dict[str, float]], speed: str) -> None:
    cells = "  ".join(f"{group} {row['F']:.3f} ({row['pages']})" for group, row in rows.items())
    print(f"{name:5} {label:24} {cells}  {speed}", flush=True)


def _no_story(folder: Path, records: list[dict[str, str]], mode: str) -> None:
    kinds = {c["id"]: c["kind"] for c in index_rows(folder)}
    given = {r["source"].split(".")[0] for r in records}
    for kind in NO_STORY_KINDS:
        pages = [pid for pid, k in kinds.items() if k == kind]
        print(
            f"      {mode}: {kind} pages with no story: {sum(p not in given for p in pages)} of {len(pages)}"
        )


def seeds(shared: Path, oof: Path | None) -> None:
    """The seeds' TOTAL row with the shipped model and, with `oof`, with their fold models."""
    from clipclean.pipeline import clean_clipping

    folder = shared / "fixtures" / "seeds"
    folds = folds_of(oof)
    for label, models in (("shipped model", {}), ("out of fold", folds)) if oof else (("shipped model", {}),):
        lines = []
        for path in sorted(folder.glob("*.txt")):
            config = Config(chrome_model=models.get(f"{folder.name}/{path.name}", MODEL_PATH))
            stories, _ = clean_clipping(Clipping(str(path), path.read_bytes()), config)
            lines += [json.dumps(s.to_json_dict(), ensure_ascii=False) for s in stories]
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "seeds.jsonl"
            out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            scorer = str(shared / "eval" / "score.py")
            result = subprocess.run([sys.executable, scorer, str(folder), str(out)],
                                    capture_output=True, text=True, check=True)  # fmt: skip
        print(
            f"seeds {label:18}", next(line for line in result.stdout.splitlines() if line.startswith("TOTAL"))
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).parent.parent.parent / "shared")
    parser.add_argument("--oof", type=Path, help="fold models and folds.tsv from train_chrome.py --oof-out")
    parser.add_argument("--sets", default="pages,more,ko,cjk")
    parser.add_argument("--modes", default="text,html,trafilatura")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timing", action="store_true", help="time HTML mode against trafilatura.extract")
    parser.add_argument(
        "--scripts", default="", help=f"text mode on English pages in other letters: {','.join(SCRIPTS)}"
    )
    parser.add_argument(
        "--layouts", default="", help=f"text mode on clippings laid out as: {','.join(LAYOUTS)}"
    )
    args = parser.parse_args()
    args.modes = args.modes.split(",")
    args.layouts = [layout for layout in args.layouts.split(",") if layout]
    if unknown := set(args.layouts) - set(LAYOUTS):
        parser.error(f"--layouts: unknown {', '.join(sorted(unknown))} (known: {', '.join(LAYOUTS)})")
    args.scripts = [script for script in args.scripts.split(",") if script]
    if unknown := set(args.scripts) - set(SCRIPTS):
        parser.error(f"--scripts: unknown {', '.join(sorted(unknown))} (known: {', '.join(SCRIPTS)})")
    seeds(args.shared, args.oof)
    with ProcessPoolExecutor(args.jobs) as pool:
        for name in args.sets.split(","):
            run_set(name, args, pool)
            if args.scripts and name in ("pages", "more"):
                run_scripts(name, args, pool)
            if args.layouts:
                run_layouts(name, args, pool)
    if args.timing:
        ours, theirs = html_cost(sorted((args.shared / SETS["pages"]).glob("*.html.gz")))
        print(f"HTML mode {ours:.1f} s, trafilatura.extract alone {theirs:.1f} s: {ours / theirs:.2f}x")


def html_cost(paths: list[Path]) -> tuple[float, float]:
    """Seconds (CPU) for clipclean's HTML mode and for a bare trafilatura.extract on the same
    pages, taken in turn page by page, each going first on every other page (a page's
    second extraction finds trafilatura's text caches warm). One-time costs (imports, the
    language model, jusText's stop lists) are paid before timing."""
    import trafilatura
    from trafilatura.external import jt_stoplist_init

    config = Config()
    pages = [(str(path), gzip.decompress(path.read_bytes())) for path in paths]
    jt_stoplist_init()
    times = [0.0, 0.0]
    runs = (
        lambda name, data: clean_page(Clipping(name, data, kind="html"), config),
        lambda name, data: trafilatura.extract(data, deduplicate=False),
    )
    for n, (name, data) in enumerate([pages[0], *pages]):
        for k in (0, 1) if n % 2 else (1, 0):
            start = time.process_time()
            runs[k](name, data)
            if n:  # the first round warms up both
                times[k] += time.process_time() - start
    return times[0], times[1]


if __name__ == "__main__":
    main()
