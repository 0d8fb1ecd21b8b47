"""Near-duplicate stories across a corpus: fingerprints, the judge, `clipclean dedup` and the indexes."""

from __future__ import annotations

import itertools
import json
import random
import re
import socket
import sqlite3
import subprocess
import sys
import zlib
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clipclean import index as index_module
from clipclean.config import Config
from clipclean.index import Entry, MemoryIndex, SqliteIndex
from clipclean.stages import compare, dedup, minhash, repeats
from clipclean.stages.compare import Slot
from tests.conftest import FIXTURES, invoke, records, wait_until_written

DEDUP = FIXTURES / "dedup"
NEGATIVE = sorted((FIXTURES / "negative").glob("*.txt"))


def _load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def _exact_jaccard(a: str, b: str) -> float:
    """The definition, written out plainly: n-grams of lower-case letters and digits (digits as 0)."""

    def grams(text: str) -> set[str]:
        flat = re.sub(r"\d", "0", "".join(ch for ch in text.lower() if ch.isalnum()))
        wide = sum(1 for ch in flat if ord(ch) >= 0x2E80) * 2 >= len(flat)
        n = 4 if wide else 7
        return {flat[i : i + n] for i in range(len(flat) - n + 1)}

    x, y = grams(a), grams(b)
    return len(x & y) / len(x | y)


def _pairs(groups: dict[Any, set[str]]) -> set[tuple[str, str]]:
    return {pair for members in groups.values() for pair in itertools.combinations(sorted(members), 2)}


def _pairwise(gold: dict[str, Any], dup_of: dict[str, str | None]) -> tuple[float, float]:
    """Pairwise precision and recall of predicted duplicate groups (dup_of taken transitively)."""
    root = {i: i for i in gold}

    def find(i: str) -> str:
        while root[i] != i:
            i = root[i]
        return i

    for i, j in dup_of.items():
        if j is not None:
            root[find(i)] = find(j)
    predicted: dict[str, set[str]] = defaultdict(set)
    truth: dict[Any, set[str]] = defaultdict(set)
    for i in gold:
        predicted[find(i)].add(i)
        truth[gold[i]].add(i)
    pp, gp = _pairs(predicted), _pairs(truth)
    return len(pp & gp) / max(1, len(pp)), len(pp & gp) / max(1, len(gp))


# -- fingerprints ------------------------------------------------------------------------------


def test_estimate_follows_the_exact_jaccard_similarity() -> None:
    docs = _load(DEDUP / "clusters.jsonl")[:30]
    for a, b in itertools.combinations(docs, 2):
        fa, fb = minhash.fingerprint(a["text"]), minhash.fingerprint(b["text"])
        assert fa is not None and fb is not None
        assert abs(minhash.jaccard(fa.signature, fb.signature) - _exact_jaccard(a["text"], b["text"])) < 0.15


def test_spacing_and_hard_wraps_do_not_matter() -> None:
    text = _load(DEDUP / "clusters.jsonl")[0]["text"]
    squeezed = text.replace(" ", "")
    wrapped = "\n".join(squeezed[i : i + 31] for i in range(0, len(squeezed), 31))
    fa, fb = minhash.fingerprint(text), minhash.fingerprint(wrapped)
    assert fa is not None and fb is not None
    assert minhash.jaccard(fa.signature, fb.signature) == 1.0


def test_different_articles_are_far_apart() -> None:
    prints = [minhash.fingerprint(path.read_text(encoding="utf-8")) for path in NEGATIVE]
    for fa, fb in itertools.combinations(prints, 2):
        assert fa is not None and fb is not None
        assert minhash.jaccard(fa.signature, fb.signature) < 0.1


def test_short_text_has_no_fingerprint_and_is_never_a_duplicate() -> None:
    deduper = dedup.CorpusDedup(MemoryIndex(), Config())
    assert deduper.check("a", "OK.").dup_of is None
    assert deduper.check("b", "OK.").dup_of is None


# -- the judge and the dev subset --------------------------------------------------------------


def _dedup(path: Path, *options: str) -> dict[str, str | None]:
    result = invoke("dedup", "--keep-duplicates", "-q", *options, str(path))
    assert result.exit_code == 0, result.output
    return {record["id"]: record["dup_of"] for record in records(result.stdout)}


def test_copies_from_the_dev_set_are_found_and_nothing_else() -> None:
    docs = _load(DEDUP / "clusters.jsonl")
    precision, recall = _pairwise({d["id"]: d["cluster_id"] for d in docs}, _dedup(DEDUP / "clusters.jsonl"))
    assert precision == 1.0
    assert recall >= 0.95


def test_reports_from_one_template_stay_apart_unless_numbers_are_merged() -> None:
    docs = _load(DEDUP / "templated.jsonl")
    by_default = _dedup(DEDUP / "templated.jsonl")
    assert by_default == {d["id"]: d.get("copy_of") for d in docs}
    merged = _dedup(DEDUP / "templated.jsonl", "--merge-numbers")
    first: dict[str, str] = {}
    for d in docs:
        first.setdefault(d["family"], d["id"])
    assert merged == {d["id"]: None if first[d["family"]] == d["id"] else first[d["family"]] for d in docs}


def test_a_truncated_copy_is_a_duplicate() -> None:
    text = _load(DEDUP / "clusters.jsonl")[0]["text"]
    deduper = dedup.CorpusDedup(MemoryIndex(), Config())
    assert deduper.check("full", text).dup_of is None
    assert deduper.check("teaser", text[: len(text) // 2] + " … read more").dup_of == "full"


_REPORT = (
    "The Federal Home Loan Bank Board said it will offer discount notes today at rates from {a} pct "
    "for 30 days to {b} pct for 360 days. The notes are sold through a group of dealers in amounts of "
    "100,000 dlrs and more, the board said, and settle on {day} April. Proceeds refinance maturing "
    "notes of the member banks. Last week the board sold {sold} mln dlrs of notes. Dealers said demand "
    "was steady and that the board expects to keep the schedule of its offerings through the quarter."
)


@pytest.mark.parametrize(
    ("mine", "theirs", "slots"),
    [
        # another day's report: the numbers in its slots differ
        (
            _REPORT.format(a="6.05", b="6.50", day="7", sold="850"),
            _REPORT.format(a="6.10", b="6.55", day="14", sold="900"),
            [("05", "10"), ("50", "55"), ("7", "14"), ("850", "900")],
        ),
        # the same report re-sent: spacing, a number written another way, a typo, a cut ending
        (
            _REPORT.format(a="6.05", b="6.50", day="7", sold="850"),
            _REPORT.format(a="6.05", b="6.50", day="7", sold="850")
            .replace("100,000", "100000")
            .replace("maturing", "maturlng")
            .replace("through the quarter.", "thro"),
            [],
        ),
        # a copy re-worded by another outlet in which one figure also changed
        (
            _REPORT.format(a="6.05", b="6.50", day="7", sold="850"),
            _REPORT.format(a="6.05", b="6.50", day="7", sold="860")
            .replace("said it will offer", "will sell")
            .replace("are sold", "go")
            .replace("a group of", "its")
            .replace("refinance", "pay off"),
            [],
        ),
        # short alerts: another region's alert is another report; the same one with a tag is not
        (
            "[기상청] 07:00 서울 호우경보 발효. 산사태 하천 범람 유의",
            "[기상청] 07:00 인천 호우경보 발효. 산사태 하천 범람 유의",
            [("서울", "인천")],
        ),
        (
            "[기상청] 07:00 서울 호우경보 발효. 산사태 하천 범람 유의",
            "[속보] [기상청] 07:00 서울 호우경보 발효. 산사태 하천 범람 유의",
            [],
        ),
    ],
)
def test_what_differs_tells_a_copy_from_another_report(mine: str, theirs: str, slots: list[Slot]) -> None:
    assert list(compare.differences(mine, theirs)) == slots


# -- clipclean dedup ---------------------------------------------------------------------------


def test_dedup_keeps_every_field_and_the_order(tmp_path: Path) -> None:
    docs = _load(DEDUP / "templated.jsonl")
    result = invoke("dedup", "-q", str(DEDUP / "templated.jsonl"))
    assert result.exit_code == 0, result.output
    out = records(result.stdout)
    kept = [d for d in docs if "copy_of" not in d]
    assert out == [{**d, "dup_of": None} for d in kept]


def test_dedup_reports_bad_lines_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = _load(DEDUP / "templated.jsonl")[:2]
    no_text = json.dumps({"id": "x", "title": "no text"})
    lines = [json.dumps(good[0]), "{not json", no_text, json.dumps(good[1])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("dedup", str(path))
    assert result.exit_code == 1
    assert [r["id"] for r in records(result.stdout)] == [good[0]["id"], good[1]["id"]]
    assert f"{path}:2: invalid JSON" in result.stderr
    assert f'{path}:3: no "text" string in the record' in result.stderr


def test_records_without_id_are_named_by_place(tmp_path: Path) -> None:
    text = _load(DEDUP / "clusters.jsonl")[0]["text"]
    path = tmp_path / "noid.jsonl"
    lines = [json.dumps({"text": text}), json.dumps({"text": text + " "})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("dedup", "--keep-duplicates", str(path))
    assert [r["dup_of"] for r in records(result.stdout)] == [None, f"{path}:1"]


# -- the SQLite index --------------------------------------------------------------------------


def test_a_second_run_over_the_same_file_keeps_nothing(tmp_path: Path) -> None:
    index = str(tmp_path / "corpus.index")
    first = invoke("dedup", "-q", "--index", index, str(DEDUP / "clusters.jsonl"))
    assert first.exit_code == 0, first.output
    assert 24 <= len(records(first.stdout)) <= 26
    second = invoke("dedup", "--index", index, str(DEDUP / "clusters.jsonl"))
    assert second.exit_code == 0
    assert second.stdout == ""
    assert "clipclean: 101 records, 0 written, 0 failed, 101 duplicates" in second.stderr


def test_clean_with_an_index_drops_stories_seen_in_an_earlier_run(tmp_path: Path) -> None:
    index = str(tmp_path / "corpus.index")
    seeds = sorted((FIXTURES / "seeds").glob("*.txt"))
    first = invoke("clean", "-q", "--index", index, str(seeds[0]))
    assert first.exit_code == 0 and records(first.stdout)
    again = invoke("clean", "-q", "--index", index, *map(str, seeds[:2]))
    out = records(again.stdout)
    assert out and all(r["source"] == str(seeds[1]) for r in out)


def test_an_index_is_not_confused_with_other_files(tmp_path: Path) -> None:
    other = tmp_path / "notes.jsonl"
    other.write_text('{"text": "x"}\n', encoding="utf-8")
    result = invoke("dedup", "--index", str(other), str(DEDUP / "templated.jsonl"))
    assert result.exit_code == 2
    assert "not a clipclean index" in result.output
    assert other.read_text(encoding="utf-8") == '{"text": "x"}\n'


def test_index_made_with_other_settings_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.index"
    SqliteIndex(str(path)).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = 'oph-v0' WHERE name = 'scheme'")
    result = invoke("dedup", "--index", str(path), str(DEDUP / "templated.jsonl"))
    assert result.exit_code == 2
    assert "another clipclean version (oph-v0)" in result.output


def test_uncommitted_stories_are_not_in_the_index(tmp_path: Path) -> None:
    path = str(tmp_path / "corpus.index")
    index = SqliteIndex(path)
    deduper = dedup.CorpusDedup(index, Config())
    for doc in _load(DEDUP / "templated.jsonl"):
        deduper.check(doc["id"], doc["text"])
    assert len(index) == 9
    index.close()  # no commit: as after Ctrl-C or a crash
    assert len(SqliteIndex(path)) == 0


def test_memory_index_stays_small() -> None:
    index = MemoryIndex()
    deduper = dedup.CorpusDedup(index, Config())
    pick = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz"
    for n in range(3000):  # 2 KB stories of random words: all different
        words = ("".join(pick.choices(letters, k=pick.randint(2, 9))) for _ in range(330))
        deduper.check(f"story-{n}", " ".join(words))
    assert len(index) == 3000
    # under 2.5 KB a story: ~0.8 KB of signature and band keys, and the opening (3,000
    # characters) compressed: ~1.2 KB for these random words, which compress worse than real text
    assert index.nbytes() / len(index) < 2560


def test_an_unreachable_redis_is_a_usage_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = invoke("dedup", "--index", f"redis://127.0.0.1:{port}/0", str(DEDUP / "templated.jsonl"))
    assert result.exit_code == 2
    assert "Connection refused" in result.output


def test_kill_9_mid_run_leaves_the_index_as_it_was(tmp_path: Path) -> None:
    index, out = tmp_path / "corpus.index", tmp_path / "out.jsonl"
    docs = (DEDUP / "clusters.jsonl").read_text(encoding="utf-8").split("\n")
    first = invoke("dedup", "-q", "--index", str(index), str(DEDUP / "templated.jsonl"))
    assert first.exit_code == 0
    command = [sys.executable, "-m", "clipclean", "dedup", "-q", "--index", str(index), "-o", str(out), "-"]
    run = subprocess.Popen(command, stdin=subprocess.PIPE)
    assert run.stdin is not None
    run.stdin.write("\n".join(docs[:50]).encode("utf-8") + b"\n")
    run.stdin.flush()
    wait_until_written(tmp_path, ".out.jsonl.*.tmp")
    run.kill()
    run.wait()
    assert not out.exists()
    with sqlite3.connect(index) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM stories").fetchone() == (9,)
    again = invoke("dedup", "-q", "--index", str(index), "-o", str(out), str(DEDUP / "clusters.jsonl"))
    assert again.exit_code == 0
    assert 24 <= len(records(out.read_text(encoding="utf-8"))) <= 26


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.integers(0, 3), min_size=6, max_size=6), min_size=1, max_size=80))
def test_memory_index_finds_exactly_the_stories_sharing_a_band(stories: list[list[int]]) -> None:
    """Small pending buffers and runs, so flushes and merges happen, and a small CROWDED, so
    stop keys happen; checked against brute force."""

    class Small(MemoryIndex):
        _PENDING = 150
        _LARGEST = 1024

    with mock.patch.object(index_module, "CROWDED", 3):
        index = Small()
        filed: dict[int, list[int]] = defaultdict(list)
        for n, values in enumerate(stories):  # few distinct bucket values: many shared bands
            fp = minhash.Fingerprint(np.resize(np.array(values, dtype=np.uint32), minhash.K), 100, "")
            seen: list[int] = []

            def judge(entries: Sequence[Entry], seen: list[int] = seen) -> None:
                seen.extend(entry.seq for entry in entries)

            index.claim(f"s{n}", fp, judge)
            open_keys = {key for key in fp.bands().tolist() if len(filed[key]) < 3}
            assert seen == sorted({seq for key in open_keys for seq in filed[key]})
            for key in open_keys:
                filed[key].append(n)


def _candidates_seen(index: Any, prints: list[minhash.Fingerprint]) -> list[list[str]]:
    seen: list[list[str]] = []
    for n, fp in enumerate(prints):
        seen.append([])
        index.claim(f"s{n}", fp, lambda entries, found=seen[-1]: found.extend(e.id for e in entries))
    return seen


def crowded_prints(count: int = 60, seed: int = 4) -> list[minhash.Fingerprint]:
    """Stories whose buckets take few values, so that band keys are shared by many."""
    pick = random.Random(seed)
    return [
        minhash.Fingerprint(np.array(pick.choices(range(3), k=minhash.K), dtype=np.uint32), 100, "")
        for _ in range(count)
    ]


def test_every_index_stops_the_same_crowded_keys(tmp_path: Path) -> None:
    prints = crowded_prints()
    with mock.patch.object(index_module, "CROWDED", 4):
        memory = _candidates_seen(MemoryIndex(), prints)
        sqlite = _candidates_seen(SqliteIndex(str(tmp_path / "index.db")), prints)
    assert memory == sqlite
    assert sum(map(len, memory)) < sum(range(len(prints)))  # some keys were stopped...
    assert any(memory[20:])  # ...and later stories still found candidates under open keys


def test_datasketch_loads_without_scipy_integrate_and_still_finds_its_bands() -> None:
    """In-page repeats import datasketch with scipy.integrate deferred (0.5 s of a pre-commit check);
    datasketch's own band optimisation, which needs it, must still give what a plain import gives."""
    probe = (
        "import sys, json\n"
        "{setup}\n"
        "lsh = datasketch.MinHashLSH(threshold=0.6, num_perm=64)\n"
        "print(json.dumps([lsh.b, lsh.r, 'scipy.integrate' in sys.modules]))\n"
    )
    deferred = (
        "from clipclean.stages import repeats\n"
        "lines = ['a cat on a mat, again', 'a cat on a mat again']\n"
        "assert repeats.page_repeats(lines, [None, None]) == [None, 0]\n"
        "assert 'scipy.integrate' not in sys.modules\n"
        "datasketch = repeats._datasketch()"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe.format(setup=s)], capture_output=True, text=True, check=True
        )
        for s in ("import datasketch", deferred)
    ]
    results = [json.loads(run.stdout) for run in runs]
    assert results[0] == results[1]
    assert results[1][2] is True  # the real module, loaded when the optimisation needed it


def test_line_signatures_are_datasketchs_minhash_values() -> None:
    """The page-at-once MinHash values equal what datasketch computes line by line."""
    rng = np.random.default_rng(0)
    datasketch = repeats._datasketch()
    for _ in range(50):
        sizes = rng.integers(1, 60, size=int(rng.integers(1, 12)))
        hashed = rng.integers(0, 2**32, size=int(sizes.sum()), dtype=np.uint64)
        bounds = np.concatenate([[0], np.cumsum(sizes)])
        signatures = repeats.line_signatures(hashed, bounds, 32)
        for k in range(len(sizes)):
            one = datasketch.MinHash(num_perm=32, seed=7, scheme="affine32", hashfunc=int)
            one.update_batch(hashed[bounds[k] : bounds[k + 1]].tolist())
            assert np.array_equal(one.hashvalues, signatures[k])


@pytest.mark.parametrize("values", [3, 2**32])
def test_band_candidates_are_what_datasketchs_lsh_answers(values: int) -> None:
    """Each row's earlier rows sharing a band: datasketch's MinHashLSH, queried then inserted row
    by row, sorted and cut to the earliest 16. Three bucket values make large groups (the cut)."""
    rng = np.random.default_rng(2)
    datasketch = repeats._datasketch()
    for _ in range(20):
        rows = int(rng.integers(1, 80))
        signatures = rng.integers(0, values, size=(rows, 32), dtype=np.uint64)
        signatures[rng.integers(0, rows, size=rows // 3)] = signatures[0]  # some lines alike
        lsh = datasketch.MinHashLSH(num_perm=32, params=(8, 4))
        expected = []
        for n, row in enumerate(signatures):
            minhash_ = datasketch.LeanMinHash(seed=7, hashvalues=row, scheme="affine32")
            expected.append(sorted(lsh.query(minhash_))[:16])
            lsh.insert(n, minhash_)
        assert repeats.band_candidates(signatures, 8, 4) == expected


def test_the_screen_keeps_every_candidate_the_judge_would_take() -> None:
    """`plausible` (all candidates at once) never drops one `judge` (one at a time) keeps,
    over stories of every size ratio and every level of agreement, at the thresholds."""
    config = Config()
    rng = np.random.default_rng(1)
    fp = minhash.fingerprint(" ".join(f"word{n} other{n * 7}" for n in range(400)))
    assert fp is not None
    mine = minhash.stored(fp.signature)
    kept = screened = 0
    for agree in range(0, minhash.K + 1, 3):
        for size in (fp.size // 20, fp.size // 9, fp.size // 3, fp.size, fp.size * 3, fp.size * 12):
            signature = mine.copy()
            changed = rng.choice(minhash.K, minhash.K - agree, replace=False)
            signature[changed] ^= np.uint8(1 + rng.integers(0, 255))  # never equal again
            entry = Entry(f"s{agree}-{size}", 0, signature, size, zlib.compress(fp.head.encode()))
            taken = dedup.judge(fp, [entry], config).dup_of is not None
            passes = bool(dedup.plausible(fp, signature[None, :], np.array([size]), config)[0])
            assert passes or not taken, (agree, size)
            kept += taken
            screened += not passes
    assert kept and screened  # both sides of the line were exercised


def test_explain_says_why_a_record_is_a_duplicate_and_what_told_two_reports_apart(tmp_path: Path) -> None:
    first = _REPORT.format(a="6.05", b="6.50", day="7", sold="850")
    docs = [
        {"id": "monday", "text": first},
        {"id": "tuesday", "text": _REPORT.format(a="6.10", b="6.50", day="8", sold="850")},
        {"id": "monday-again", "text": "FHLBB: " + first.replace("100,000", "100000")},
    ]
    path = tmp_path / "reports.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    result = invoke("dedup", "--keep-duplicates", "--explain", str(path))
    assert result.exit_code == 0, result.output
    out = {record["id"]: record for record in records(result.stdout)}
    assert out["monday"]["dedup"] is None
    assert out["tuesday"]["dup_of"] is None
    (apart,) = out["tuesday"]["dedup"]["told_apart"]
    assert apart["id"] == "monday" and 0.5 <= apart["similarity"] <= 1
    assert apart["slots"] == [["10", "05"], ["8", "7"]]
    why = out["monday-again"]["dedup"]
    assert why["dup_of"] == out["monday-again"]["dup_of"] == "monday"
    assert 0.5 <= why["similarity"] <= 1 and 0 < why["containment"] <= 1
    assert "1 like pairs told apart by what differs" in result.stderr
    plain = invoke("dedup", "--keep-duplicates", str(path))
    assert all("dedup" not in record for record in records(plain.stdout))


def test_clean_explains_duplicates_too(tmp_path: Path) -> None:
    for name, sold in (("a.txt", "850"), ("b.txt", "850"), ("c.txt", "990")):
        (tmp_path / name).write_text(_REPORT.format(a="6.05", b="6.50", day="7", sold=sold), encoding="utf-8")
    result = invoke("clean", "--keep-duplicates", "--explain", "-j", "1", str(tmp_path))
    by_source = {Path(record["source"]).name: record for record in records(result.stdout)}
    assert by_source["b.txt"]["dedup"]["dup_of"] == by_source["a.txt"]["id"]
    assert by_source["c.txt"]["dup_of"] is None
    assert by_source["c.txt"]["dedup"]["told_apart"][0]["slots"] == [["990", "850"]]
