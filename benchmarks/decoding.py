"""How often decoding gets a legacy-encoded clipping right, beside chardet's own first guess.

    python benchmarks/decoding.py [--shared ../shared] [--sizes 150,600,3000,0]

The dev pages' clippings are all UTF-8, but a clipping saved from a Korean, Japanese, Chinese
or European site may come in its legacy encoding. This writes each dev clipping of a language
in that language's legacy encodings (Korean: EUC-KR and CP949; Japanese: Shift_JIS, EUC-JP
and CP932; Chinese: GB2312, GBK, GB18030 and Big5; Western European: windows-1252 and the
ISO-8859 sets), whole and as windows of --sizes characters starting a third of the way in
(0 is the whole clipping). Characters the encoding lacks are left out. Each encoded text
is decoded by clipclean (`decode.decode`) and by chardet's first guess alone, in the same
run; a decoding is right when it gives back the text the encoding holds, with the codecs'
own look-alikes folded ("～" and "〜", which CP932 maps one way and back another).

Prints, per language: the encoded texts, how many each decoder got wrong, and a few that
clipclean got wrong (set, page, size, encoding, what it said).
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

import chardet
from quality import SETS, index_rows

from clipclean.config import Config
from clipclean.stages.decode import DecodeError, decode, normalize_text

LEGACY = {
    "ko": ("euc-kr", "cp949"),
    "ja": ("shift_jis", "euc-jp", "cp932"),
    "zh": ("gb2312", "gbk", "gb18030", "big5"),
    **{lang: ("cp1252", "iso-8859-1", "iso-8859-15") for lang in ("de", "fr", "es", "it", "pt", "no")},
}
_FOLD = str.maketrans("～－∥￠￡￢", "〜−‖¢£¬")


def _same(a: str, b: str) -> bool:
    return normalize_text(a).translate(_FOLD) == normalize_text(b).translate(_FOLD)


def _chardet(data: bytes) -> str | None:
    codec = chardet.detect(data)["encoding"]
    try:
        return data.decode(codec) if codec else None
    except (UnicodeDecodeError, LookupError):
        return None


def _clipclean(data: bytes) -> tuple[str | None, str]:
    try:
        decoded = decode(data, Config())
    except DecodeError:
        return None, "error"
    return decoded.text, decoded.encoding


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--sizes", default="150,600,3000,0")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    texts = collections.Counter()
    wrong: collections.Counter[tuple[str, str]] = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for folder in (args.shared / path for path in SETS.values()):
        name = folder.name
        for row in index_rows(folder):
            lang = row["language"]
            if lang not in LEGACY:
                continue
            clipping = (folder / f"{row['id']}.clip.txt").read_text(encoding="utf-8")
            for size in sizes:
                middle = len(clipping) // 3
                text = clipping[middle : middle + size] if size else clipping
                for codec in LEGACY[lang]:
                    data = text.encode(codec, errors="ignore")
                    if data.isascii():
                        continue
                    held = data.decode(codec)
                    texts[lang] += 1
                    ours, said = _clipclean(data)
                    if ours is None or not _same(ours, held):
                        wrong[lang, "clipclean"] += 1
                        if len(examples[lang]) < 4:
                            examples[lang].append(f"{name}/{row['id']} {size or 'whole'} {codec} -> {said}")
                    theirs = _chardet(data)
                    if theirs is None or not _same(theirs, held):
                        wrong[lang, "chardet"] += 1
    print(f"{'language':<9} {'texts':>6} {'chardet wrong':>14} {'clipclean wrong':>16}")
    for lang in sorted(texts):
        print(f"{lang:<9} {texts[lang]:>6} {wrong[lang, 'chardet']:>14} {wrong[lang, 'clipclean']:>16}")
    total = sum(texts.values())
    print(f"{'ALL':<9} {total:>6} {sum(v for (_, who), v in wrong.items() if who == 'chardet'):>14} "
          f"{sum(v for (_, who), v in wrong.items() if who == 'clipclean'):>16}")  # fmt: skip
    for lang, lines in sorted(examples.items()):
        print(f"{lang}: " + "; ".join(lines))


if __name__ == "__main__":
    main()
