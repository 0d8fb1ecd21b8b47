"""Templated reports against real copies: dedup quality, per family and out of fold, in one run.

    python benchmarks/templates.py [--shared ../shared]

On `dev/dedup/hard.jsonl` (templated reports that are different stories, and real copies across
outlets; see its HARD.md), on `dev/dedup/clusters.jsonl`, and on both together, it prints the
pairwise precision, recall and F1 of
- this rule: a near pair aligned word by word, told apart by what differs (`stages/compare.py`);
- the previous rule, in the same run: a pair with similarity 0.7 or more is two reports when
  fewer than half of one's numbers are in the other (numbers read from the same words);
- no check at all (`--merge-numbers`).

Then, per family of `hard.jsonl` (`group`): false merges (pairs of different stories judged one)
and, for real copies, the share of copy pairs found; first with the shipped constants, then out of
fold: for each family, the fitted constant (`WORDS_PER_NUMBER`) is chosen on a grid by F1 over
every other family and `clusters.jsonl`, and the family is scored with the worst of the values
tied best (the pessimistic reading when several fit the other families equally well).
`SHORT_CHARS` is not fitted (the issue's "under ~400 characters"); how the families fare at
other values of it is printed too. Last, the
cost: fingerprint + claim per story on the copies and reports of both sets, with and without the
comparison.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from clipclean.config import Config
from clipclean.index import MemoryIndex
from clipclean.stages import compare, dedup

GRID_SHORT = (200, 280, 360, 440, 520)
GRID_WORDS_PER_NUMBER = (1, 2, 3, 4)


def load(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def run(docs: list[dict[str, str]], config: Config) -> dict[str, str | None]:
    """Each document's dup_of, as `clipclean dedup --keep-duplicates` would give it."""
    deduper = dedup.CorpusDedup(MemoryIndex(), config)
    return {d["id"]: deduper.check(d["id"], d["text"]).dup_of for d in docs}


def predicted_pairs(links: dict[str, str | None]) -> set[tuple[str, str]]:
    """Documents linked by dup_of, taken transitively (as eval/score_dedup.py does)."""
    root: dict[str, str] = {}

    def find(x: str) -> str:
        while links.get(x):
            x = str(links[x])
        return x

    for doc in links:
        root[doc] = find(doc)
    groups: dict[str, list[str]] = defaultdict(list)
    for doc, top in root.items():
        groups[top].append(doc)
    return {tuple(sorted(pair)) for members in groups.values() for pair in itertools.combinations(members, 2)}  # type: ignore[misc]


def gold_pairs(docs: list[dict[str, str]]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        groups[d["cluster_id"]].append(d["id"])
    return {tuple(sorted(pair)) for members in groups.values() for pair in itertools.combinations(members, 2)}  # type: ignore[misc]


def prf(pred: set[tuple[str, str]], gold: set[tuple[str, str]]) -> tuple[float, float, float]:
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _previous_differences(
    similarity_of: Callable[[str, str], float],
) -> Callable[[str, str], tuple[compare.Slot, ...]]:
    """The rule before this one: similarity >= 0.7 and most numbers of one not in the other."""

    def numbers(head: str) -> list[str]:
        return list(dict.fromkeys(w for w in compare.words(head) if w.isdigit()))[:32]

    def same_number(a: str, b: str) -> bool:
        if a == b:
            return True
        if min(len(a), len(b)) < 3 or abs(len(a) - len(b)) > 1:
            return False
        if len(a) == len(b):
            return sum(x != y for x, y in zip(a, b, strict=True)) == 1
        shorter, longer = sorted((a, b), key=len)
        return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))

    def differences(mine: str, theirs: str) -> tuple[compare.Slot, ...]:
        if similarity_of(mine, theirs) < 0.7:
            return ()
        fewer, more = sorted((numbers(mine), numbers(theirs)), key=len)
        if not fewer:
            return ()
        matched = sum(1 for n in fewer if any(same_number(n, m) for m in more))
        return (("numbers", "differ"),) if matched * 2 < len(fewer) else ()

    return differences


@contextmanager
def patched(**values: object) -> Iterator[None]:
    old = {name: getattr(compare, name) for name in values}
    for name, value in values.items():
        setattr(compare, name, value)
    try:
        yield
    finally:
        for name, value in old.items():
            setattr(compare, name, value)


def previous_rule(docs: list[dict[str, str]]) -> dict[str, str | None]:
    """The previous rule needs each pair's similarity: judge passes the entry, so it is
    recomputed here from the two texts' fingerprints (the same estimate judge makes)."""
    from clipclean.stages import minhash

    prints = {d["text"][: compare.HEAD_CHARS]: minhash.fingerprint(d["text"]) for d in docs}

    def similarity_of(a: str, b: str) -> float:
        fa, fb = prints.get(a), prints.get(b)
        if fa is None or fb is None:
            return 0.0
        return minhash.jaccard(minhash.stored(fa.signature), minhash.stored(fb.signature))

    with patched(differences=_previous_differences(similarity_of)):
        return run(docs, Config())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared")
    args = parser.parse_args()
    folder = args.shared / "dev" / "dedup"
    hard, clusters = load(folder / "hard.jsonl"), load(folder / "clusters.jsonl")
    sets = {"hard.jsonl": hard, "clusters.jsonl": clusters, "both": clusters + hard}

    print("== pairwise P / R / F1 (eval/score_dedup.py's measure), one run")
    rules: dict[str, Callable[[list[dict[str, str]]], dict[str, str | None]]] = {
        "this rule": lambda docs: run(docs, Config()),
        "previous rule": previous_rule,
        "no check (--merge-numbers)": lambda docs: run(docs, Config(merge_numbers=True)),
    }
    for name, docs in sets.items():
        gold = gold_pairs(docs)
        for rule, go in rules.items():
            p, r, f = prf(predicted_pairs(go(docs)), gold)
            print(f"  {name:15} {rule:27} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")

    families = sorted({d["group"] for d in hard})
    family_of = {d["id"]: d["group"] for d in hard}
    all_docs = clusters + hard
    gold = gold_pairs(all_docs)
    runs: dict[tuple[int, int], set[tuple[str, str]]] = {}
    grid = {(compare.SHORT_CHARS, n) for n in GRID_WORDS_PER_NUMBER}
    grid |= {(short, compare.WORDS_PER_NUMBER) for short in GRID_SHORT}
    for short, per_number in sorted(grid):
        with patched(SHORT_CHARS=short, WORDS_PER_NUMBER=per_number):
            runs[short, per_number] = predicted_pairs(run(all_docs, Config()))

    def family_figures(pred: set[tuple[str, str]], family: str) -> tuple[int, int, int]:
        mine = {pair for pair in pred if family in (family_of.get(pair[0]), family_of.get(pair[1]))}
        theirs = {pair for pair in gold if family in (family_of.get(pair[0]), family_of.get(pair[1]))}
        return len(mine - gold), len(mine & theirs), len(theirs)

    def f1_without(pred: set[tuple[str, str]], family: str) -> float:
        keep = {pair for pair in pred if family not in (family_of.get(pair[0]), family_of.get(pair[1]))}
        kept_gold = {pair for pair in gold if family not in (family_of.get(pair[0]), family_of.get(pair[1]))}
        return prf(keep, kept_gold)[2]

    shipped = (compare.SHORT_CHARS, compare.WORDS_PER_NUMBER)
    print("\n== per family of hard.jsonl: false merges, copy pairs found (shipped constants | out of fold)")
    worst = 0
    for family in families:
        scores = {s: f1_without(pred, family) for s, pred in runs.items() if s[0] == compare.SHORT_CHARS}
        tied = [setting for setting, score in scores.items() if score == max(scores.values())]
        # out of fold: the held-out family scored with the worst of the settings tied best elsewhere
        false_out, found_out, copies = max(
            (family_figures(runs[setting], family) for setting in tied), key=lambda f: (f[0], -f[1])
        )
        false_in, found_in, _ = family_figures(runs[shipped], family)
        worst = max(worst, false_out)
        found = f"{found_in}/{copies} | {found_out}/{copies}" if copies else "-"
        print(f"  {family:45} false merges {false_in} | {false_out}   copies {found:11}  "
              f"({len(tied)} of {len(scores)} values tied best without it)")  # fmt: skip
    print(f"  most false merges in one family, out of fold: {worst}")
    print(f"\n== SHORT_CHARS (not fitted: {compare.SHORT_CHARS}) at other values: false merges per family")
    for short in GRID_SHORT:
        pred = runs[short, compare.WORDS_PER_NUMBER]
        merges = {family: family_figures(pred, family)[0] for family in families}
        bad = ", ".join(f"{family} {n}" for family, n in merges.items() if n) or "none"
        found = sum(family_figures(pred, f)[1] for f in families)
        print(f"  {short:4}: copy pairs found {found}/62; false merges: {bad}")

    print("\n== cost: fingerprint + claim over both sets (766 stories), best of 5")
    for label, config in (
        ("this rule", Config()),
        ("no check (--merge-numbers)", Config(merge_numbers=True)),
    ):
        best = min(_timed(all_docs, config) for _ in range(5))
        print(f"  {label:27} {len(all_docs) / best:,.0f} stories/s")


def _timed(docs: list[dict[str, str]], config: Config) -> float:
    start = time.perf_counter()
    run(docs, config)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
