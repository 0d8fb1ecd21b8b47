"""Settings for one run, in one frozen dataclass that travels through every stage."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: The chrome classifier's weights shipped in the package (written by training/train_chrome.py).
MODEL_PATH = Path(__file__).parent / "models" / "chrome.npz"

#: Input formats the reader understands; "auto" decides by file name and content.
INPUT_FORMATS = ("auto", "text", "html", "markdown", "jsonl")


@dataclass(frozen=True)
class Config:
    """Everything a run can tune. Defaults are what `clipclean clean` uses."""

    # decode
    encoding: str | None = None
    """Force this encoding for every input instead of detecting one."""
    fallback_encodings: tuple[str, ...] = ("cp949", "cp932", "gb18030", "big5", "windows-1252")
    """Tried, in order, after chardet's candidates; cp949 first because Korean portals are our home."""
    max_implausible: float = 0.02
    """Largest share of implausible characters a detected decoding may have and still be taken at once."""

    # read
    input_format: str = "auto"
    max_input_bytes: int = 256 * 1024 * 1024
    """Cap on the (decompressed) size of one input; protects against gzip bombs."""

    # clean
    chrome_model: Path = MODEL_PATH
    """Weights of the chrome classifier (training/train_chrome.py writes them)."""
    explain: bool = False
    """Add the removed lines and their reasons to each record."""
    detect_language: bool = True
    """Fill each story's `lang` (py3langid's model takes about a second to load, once per process)."""

    # split
    title_max_chars: int = 150
    """The widest a headline can be, in display columns (a CJK character takes two)."""
    teasers: bool = False
    """A page that is a list of teasers gives one record per teaser (kind "teaser") instead of none."""

    # dedup
    line_minhash_perm: int = 32
    line_lsh_bands: tuple[int, int] = (8, 4)
    """LSH bands and rows for lines: a pair at Jaccard 0.8 becomes a candidate with p = 0.985."""
    line_repeat_min_chars: int = 8
    """Lines shorter than this (letters and digits) repeat only when exactly equal."""
    line_repeat_similarity: float = 0.8
    """3-gram Jaccard at or above which two lines of a page are the same line."""
    line_containment: float = 0.6
    """A line inside another that is at most this much longer is the same line (an added credit)."""
    keep_duplicates: bool = False
    index: str | None = None
    """Where kept stories' fingerprints live: None (this run's memory), a SQLite file, or redis://."""
    dedup_threshold: float = 0.5
    """Estimated Jaccard similarity of two stories' n-grams at or above which they are one story."""
    dedup_containment: float = 0.55
    """Share of the smaller story's n-grams found in the larger at or above which it is a copy."""
    dedup_min_agree: int = 16
    """Containment counts only with this many agreeing buckets of 256 (a story less than about a
    tenth as long as the other is not called its copy: the estimate is too loose there)."""
    merge_numbers: bool = False
    """Treat stories that differ only in their numbers (or, when short, in a few words) as
    duplicates: no `compare` of what differs."""
    min_shingles: int = 8
    """Stories with fewer n-grams are never called duplicates (two empty MinHashes look identical)."""
