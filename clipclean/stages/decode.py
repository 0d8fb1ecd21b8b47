"""Bytes to text: BOM, 7-bit ISO-2022, strict UTF-8, the declared charset, chardet, then fallbacks.

Each guess is decoded strictly and checked for plausibility (mojibake leaves
symbols glued to letters, words that mix scripts, Japanese without kana, Korean
that is mostly Han), so a wrong or unsure guess from chardet falls through to
the next candidate instead of turning a clipping into garbage.
"""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from dataclasses import dataclass

from clipclean.config import Config

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data (name it .gz)"),
)
# When strict decoding with a detected codec fails, its superset often succeeds.
_SUPERSETS = {
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "euc_jp": "euc_jis_2004",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859_9": "cp1254",
}
_JAPANESE = {"shift_jis", "cp932", "euc_jp", "euc_jis_2004", "shift_jis_2004", "iso2022_jp"}
_KOREAN = {"euc_kr", "cp949", "johab", "iso2022_kr"}
_DOUBLE_BYTE = _JAPANESE | _KOREAN | {"gb2312", "gbk", "gb18030", "big5", "big5hkscs"}
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""",
    re.IGNORECASE,
)
_SAMPLE_CHARS = 65536
_ISO_2022 = re.compile(rb"\x1b\$[@AB()*+]")
"""ESC $: an ISO-2022 shift to a double-byte set (JIS, KS X 1001, GB 2312). Such 7-bit text is
valid ASCII too, and must not be taken for UTF-8."""
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f\s]{2,}")
_LATIN1_SYMBOL = re.compile(r"[\xa1-\xaa\xac-\xaf\xb1-\xb6\xb8-\xba\xbc-\xbf\xd7\xf7]")  # not ·«»°
_LATIN1_LETTER = re.compile(r"[\xc0-\xd6\xd8-\xf6\xf8-\xff]")
_MIXED_MIN_UTF8 = 4  # non-ASCII characters in valid UTF-8 lines before a file counts as mixed
_MIN_HAN = 6  # below this, a text is too short for the script-mix rules


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can trust."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    """Name of the codec that produced `text` (WHATWG-style label)."""


def decode(data: bytes, config: Config, declared: str | None = None) -> Decoded:
    """Decode one input's bytes, or raise DecodeError with a one-line reason.

    >>> decode("한국 경제".encode("euc-kr"), Config()).text
    '한국 경제'
    >>> decode("経済の記事。".encode("iso-2022-jp"), Config())
    Decoded(text='経済の記事。', encoding='iso2022-jp')
    """
    if config.encoding:
        return _decode_forced(data, config.encoding)
    return repair_mojibake(_decode(data, config, declared))


def _decode(data: bytes, config: Config, declared: str | None) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_strict_or_fail(data[len(bom) :], codec)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary file ({what})")
    if b"\x00" in data[:4096]:
        return _decode_nul_bytes(data)
    if _ISO_2022.search(data[:_SAMPLE_CHARS]) and (shifted := _decode_iso_2022(data, config)):
        return shifted
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared or declared_charset(data)
    return _decode_mixed(data, config, declared) or _decode_guessed(data, config, declared)


_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    "|[\u0420\u0421][\u0402\u0403\u0405-\u040f\u0452-\u045f\u201a\u201e\u2020\u2021\u2030\u2039"
    "\u203a\u2122\u00a4\u00a6\u00a7\u00a9\u00ab\u00ac\u00ae\u00b0\u00b1\u00b5-\u00b7\u00bb]"
)
"""Two characters that UTF-8's two bytes of one letter become when read as windows-1252 or
Latin-1 ("Ã©" for "é", "â€™" for "’") or as windows-1251 ("Рџ" for "П"): a line holding them
may be mojibake, and ftfy is asked (most lines hold none, and ftfy's own test is slower)."""
REPAIRED = " (mojibake repaired)"


def repair_mojibake(decoded: Decoded) -> Decoded:
    r"""The text with lines that are mojibake (UTF-8 that a tool once read in a single-byte
    code page and wrote out again: "cafÃ©") decoded as they were written, by ftfy, which
    leaves text that is not plainly such mojibake alone; the encoding's label then says so.
    Decoding cannot mend this: the bytes are valid UTF-8 of the wrong characters.

    >>> repair_mojibake(Decoded("Caf\u00c3\u00a9 owners\nna\u00efve \u00abd\u00e9j\u00e0 vu\u00bb", "utf-8"))
    Decoded(text='Café owners\nnaïve «déjà vu»', encoding='utf-8 (mojibake repaired)')
    >>> repair_mojibake(Decoded("«СССР» всё её", "utf-8")).encoding
    'utf-8'
    """
    if not _MOJIBAKE.search(decoded.text):
        return decoded
    import ftfy  # lazy: only text that may be mojibake pays for it

    lines = decoded.text.split("\n")
    fixed = [ftfy.fix_encoding(line) if _MOJIBAKE.search(line) else line for line in lines]
    if fixed == lines:
        return decoded
    return Decoded("\n".join(fixed), decoded.encoding + REPAIRED)


def _decode_iso_2022(data: bytes, config: Config) -> Decoded | None:
    """7-bit Japanese or Korean text (ISO-2022-JP, its -2 extension with Korean and Chinese
    sets, ISO-2022-KR), or None when no such codec gives plausible text."""
    for codec in ("iso2022_jp", "iso2022_jp_2", "iso2022_kr"):
        decoded = _try_decode(data, codec)
        if decoded and implausibility(decoded.text, codec) <= config.max_implausible:
            return decoded
    return None


def _decode_mixed(data: bytes, config: Config, declared: str | None) -> Decoded | None:
    r"""A file whose lines are partly UTF-8 and partly one legacy encoding (clippings pasted
    together from several sources): each line in the encoding it is valid in, or None
    when the file is not like that or the result is not plausible.

    Legacy CJK bytes seldom form a line of valid UTF-8, and then only as letters of the
    two-byte range (Latin, Greek, Cyrillic, Armenian, Hebrew: "2019年" in EUC-JP reads
    "2019ǯ"). A line whose UTF-8 reading has only such letters is read in the legacy encoding
    when that reading is as plausible; a line with three-byte characters (CJK) is UTF-8.

    >>> data = "Straße\n".encode() + "한국 경제 신문\n".encode("euc-kr") + "끝났다".encode()
    >>> _decode_mixed(data, Config(), None)
    Decoded(text='Straße\n한국 경제 신문\n끝났다', encoding='utf-8+cp949')
    >>> _decode_mixed("系统通知\n新闻".encode("gbk"), Config(), None) is None
    True
    """
    raws = data.split(b"\n")
    utf8: list[str | None] = []
    for raw in raws:
        try:
            utf8.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            utf8.append(None)
    legacy = [raw for raw, line in zip(raws, utf8, strict=True) if line is None]
    if not legacy or sum(sum(char >= "\x80" for char in line) for line in utf8 if line) < _MIXED_MIN_UTF8:
        return None  # (lines read in the legacy codec below only lower this count)
    try:
        guessed = _decode_guessed(b"\n".join(legacy), config, declared)
    except DecodeError:
        return None
    decoded = iter(guessed.text.split("\n"))
    if guessed.text.count("\n") != len(legacy) - 1:
        return None  # the legacy codec does not keep line breaks apart: not a line-wise mix
    codec = codecs.lookup(guessed.encoding).name
    reread = codec in _DOUBLE_BYTE  # (a Western code page's text is never valid UTF-8 by chance: "Ã©")
    lines: list[str] = []
    utf8_non_ascii = 0
    for raw, line in zip(raws, utf8, strict=True):
        if line is None:
            lines.append(next(decoded))
        elif line.isascii() or not reread or (other := _legacy_reading(raw, line, codec)) is None:
            lines.append(line)
            utf8_non_ascii += sum(1 for char in line if char >= "\x80")
        else:
            lines.append(other)
    if utf8_non_ascii < _MIXED_MIN_UTF8:
        return None
    text = "\n".join(lines)
    if implausibility(text) > config.max_implausible:
        return None
    return Decoded(text, f"utf-8+{guessed.encoding}")


def _legacy_reading(raw: bytes, line: str, codec: str) -> str | None:
    """A line valid in UTF-8 read in the file's double-byte legacy codec instead, when its UTF-8
    reading has no character beyond the two-byte range and the legacy reading is as plausible."""
    if any(char >= "\u0800" for char in line):
        return None
    other = _try_decode(raw, codec)
    if other is None or implausibility(other.text, codec) > implausibility(line):
        return None
    return other.text


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares near its top, if any.

    >>> declared_charset(b'<html><meta charset="euc-kr">')
    'euc-kr'
    """
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii").lower()


def _decode_guessed(data: bytes, config: Config, declared: str | None) -> Decoded:
    """The most plausible decoding among the declared charset, chardet's guesses and the fallbacks."""
    best: tuple[float, Decoded] | None = None
    for codec in _candidates(data, config, declared):
        decoded = _try_decode(data, codec)
        if decoded is None:
            continue
        score = implausibility(decoded.text, codecs.lookup(codec).name)
        if score <= config.max_implausible:
            return decoded
        if best is None or score < best[0]:
            best = (score, decoded)
    if best is None or best[0] > 0.25:
        raise DecodeError("undecodable: no encoding gives plausible text (binary data?)")
    return best[1]


def _candidates(data: bytes, config: Config, declared: str | None) -> list[str]:
    import chardet  # lazy: only inputs that are not UTF-8 pay for it

    names = [declared] if declared else []
    results = chardet.detect_all(data[:_SAMPLE_CHARS], ignore_threshold=True)
    names += [r["encoding"] for r in results if r["encoding"] and r["confidence"] > 0.01]
    names += list(config.fallback_encodings)
    seen: set[str] = set()
    out = []
    for name in names:
        try:
            canonical = codecs.lookup(name).name
        except LookupError:
            continue
        if canonical not in seen:
            seen.add(canonical)
            out.append(canonical)
    return out


def _try_decode(data: bytes, codec: str) -> Decoded | None:
    for name in (codec, _SUPERSETS.get(codec)):
        if name is None:
            continue
        try:
            return Decoded(data.decode(name), label(name))
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _decode_forced(data: bytes, encoding: str) -> Decoded:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError as exc:
        raise DecodeError(f"unknown encoding {encoding!r}") from exc
    for bom, bom_codec in _BOMS:
        if data.startswith(bom) and codecs.lookup(bom_codec).name == codec:
            data = data[len(bom) :]
            break
    return _decode_strict_or_fail(data, codec)


def _decode_strict_or_fail(data: bytes, codec: str) -> Decoded:
    try:
        return Decoded(data.decode(codec), label(codec))
    except UnicodeDecodeError as exc:
        raise DecodeError(f"not valid {label(codec)} at byte {exc.start}") from exc


def _decode_nul_bytes(data: bytes) -> Decoded:
    """UTF-16 without a BOM shows NULs on one side of every ASCII pair; anything else is binary."""
    sample = data[:4096]
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    codec = "utf-16-le" if odd > 0.3 > even * 10 else "utf-16-be" if even > 0.3 > odd * 10 else None
    if codec:
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass
    raise DecodeError("binary data (NUL bytes)")


def label(codec: str) -> str:
    """A familiar name for a Python codec.

    >>> label("cp1252"), label("euc_kr"), label("utf_8")
    ('windows-1252', 'euc-kr', 'utf-8')
    """
    name = codecs.lookup(codec).name.replace("_", "-")
    return {"cp1252": "windows-1252", "cp1251": "windows-1251", "cp1250": "windows-1250"}.get(name, name)


def implausibility(text: str, codec: str = "") -> float:
    """Share of the non-ASCII characters that look like mojibake; 0.0 for clean text.

    >>> implausibility("Café crème à la française")
    0.0
    >>> implausibility("±¤ÁÖ±¤¿ª½Ã, °í°´¸¸Á·") > 0.5
    True
    """
    sample = text[:_SAMPLE_CHARS]
    bad = sum(1 for char in sample if char < " " and char not in "\t\n\r\x0c")
    # "±¤ÁÖ": Latin-1 symbols glued into a run of non-ASCII letters are CJK bytes read as Latin-1.
    bad += sum(
        len(run)
        for run in _NON_ASCII_RUN.findall(sample)
        if _LATIN1_SYMBOL.search(run) and _LATIN1_LETTER.search(run)
    )
    counts = {"hangul": 0, "han": 0, "kana": 0}
    non_ascii = 0
    prev_script = "ascii"
    prev_char = " "
    for char in sample:
        if char < "\x80":
            prev_script, prev_char = "ascii", char
            continue
        non_ascii += 1
        script = _script(char)
        if script in counts:
            counts[script] += 1
        if script == "bad" or (_mixes(prev_script, script) and prev_char.isalpha() and char.isalpha()):
            bad += 1  # a control or unassigned character, or a word that switches script mid-way
        prev_script, prev_char = script, char
    if not non_ascii:
        return 1.0 if bad > len(sample) * 0.05 else 0.0
    bad += _unspaced_letters(sample) + _inside_latin_words(sample)
    bad -= sum(map(len, _JAMO_RUN.findall(sample)))  # "ㅋㅋ", "ㅠㅠ": Korean chat, counted bad above
    share = bad / non_ascii
    cjk = sum(counts.values())
    if codec in _JAPANESE and counts["han"] >= _MIN_HAN and counts["kana"] < 0.05 * cjk:
        share += 0.5  # Japanese prose always carries kana
    if codec in _KOREAN and counts["han"] >= _MIN_HAN and counts["hangul"] < 0.6 * cjk:
        share += 0.5  # Korean prose is mostly Hangul
    return share


def _unspaced_letters(sample: str) -> int:
    """Non-ASCII letters of spaced scripts (Latin, Greek, Cyrillic, Arabic, Hebrew) caught in a
    run of over 40 characters without a space: no word is that long, but random bytes read in
    a single-byte codec are (Thai, Khmer or CJK, written without spaces, do not count). A menu
    whose items lost their spaces ("ÜbersichtNewsBilderVideos") is cut where an ASCII capital
    follows a small letter.

    >>> _unspaced_letters("Привет мир"), _unspaced_letters("Пр" * 30)
    (0, 60)
    >>> _unspaced_letters("ÜbersichtNewsBilderVideosErgebnisseGesamtwertungTermineMobilität")
    0
    """
    return sum(
        sum(1 for char in word if char >= "\x80" and _script(char) in _SPACED)
        for run in _LONG_RUN.finditer(sample)
        for word in _GLUED.split(run.group())
        if len(word) > _LONG_WORD
    )


_LONG_WORD = 40
_GLUED = re.compile(r"(?<=[a-z\u00df-\u00ff])(?=[A-Z])")
_SPACED = {"latin", "greek", "cyrillic", "rtl"}
_LONG_RUN = re.compile(r"\S{41,}")


def _inside_latin_words(sample: str) -> int:
    """Characters that no Latin word holds, found inside one: a symbol ("Fu§ball",
    "Tennisschl‰ger": a Western text in the wrong single-byte codec), or one Chinese or Hangul
    character between small letters ("Informa悲o": an accented pair read as one double-byte
    character). Chinese and Japanese text writes Latin words against its own ("Google和Apple",
    "ChromeのNever"), but not inside them."""
    return len(_SYMBOL_IN_WORD.findall(sample)) + len(_CJK_IN_WORD.findall(sample))


_SYMBOL_IN_WORD = re.compile(
    r"(?<=[A-Za-z\u00c0-\u024f])"
    r"[\u00a1-\u00a9\u00ac\u00ae-\u00b3\u00b6\u00b8\u00b9\u00bc-\u00bf\u00d7\u00f7\u02c6-\u02dd"
    r"\u2020\u2021\u2030\u2122\u2202-\u221e\u25ca]"
    r"(?=[a-z\u00df-\u024f])"
)
"""The symbols that Latin letters become in another single-byte codec ("§", "‰", "¸", "÷",
"∂"); not the punctuation that touches letters in real text (quotes, dashes, "´" for an
apostrophe, "·", "…")."""
_CJK_IN_WORD = re.compile(r"(?<=[a-z])[\u3400-\u9fff\uac00-\ud7a3](?=[a-z])")
_JAMO_RUN = re.compile(r"[\u3131-\u318e]{2,}")
"""Hangul compatibility jamo in a row: Korean chat ("ㅋㅋ", "ㅠㅠ"), not mis-decoded bytes
(where such jamo come one at a time among syllables and Han)."""


def _script(char: str) -> str:
    code = ord(char)
    if 0xAC00 <= code <= 0xD7A3:
        return "hangul"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
        return "han"
    if 0x3040 <= code <= 0x30FF:
        return "kana"
    if 0x2000 <= code <= 0x206F or 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF65:
        return "punct"
    if 0x3130 <= code <= 0x318F or 0xFF66 <= code <= 0xFF9F or 0x2500 <= code <= 0x259F:
        return "bad"  # compatibility jamo, half-width kana, box drawing: typical of mis-decoded CJK
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFC:
        return "bad"  # Arabic presentation forms: what old code pages (cp1006, cp864) make of CJK bytes
    category = unicodedata.category(char)
    if category in ("Cc", "Co", "Cn", "Cs") or char == "\ufffd":
        return "bad"
    if category[0] == "L" or category[0] == "M":
        return _letter_script(code)
    return "punct"


def _letter_script(code: int) -> str:
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    if 0x0370 <= code <= 0x03FF:
        return "greek"
    if 0x0400 <= code <= 0x052F:
        return "cyrillic"
    if 0x0590 <= code <= 0x06FF:
        return "rtl"
    return "other-letter"


def _mixes(a: str, b: str) -> bool:
    """Whether a word that switches from script `a` to `b` is mojibake. A Latin word with a
    Hangul ending is Korean ("PDF를", "iOS에서"): the particle follows the word."""
    scripts = {"ascii", "latin", "greek", "cyrillic", "rtl", "hangul"}
    if a == "ascii":
        a = "latin"
    return a != b and a in scripts and b in scripts and (a, b) != ("latin", "hangul")


def normalize_text(text: str) -> str:
    r"""Unify line breaks and spaces, drop invisible controls, compose to NFC; a lone
    surrogate (possible only in JSONL input, as "\ud800") becomes U+FFFD.

    >>> normalize_text("a\r\nb\u2028c\u00a0d\u200b\x07\ud800")
    'a\nb\nc d\ufffd'
    >>> normalize_text("the \u200ciPhone \u200d"), normalize_text("می\u200cخواهم") == "می\u200cخواهم"
    ('the iPhone', True)
    """
    # runs of the few characters to change, each translated (str.translate over all is 5x slower)
    text = _TO_NORMALIZE.sub(lambda run: run.group().translate(_NORMALIZE), text.replace("\r\n", "\n"))
    if "\u200c" in text or "\u200d" in text:
        text = _STRAY_JOINER.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


#: Lines longer than this are split (a clipping's paragraphs are far shorter; a file with no line
#: breaks at all would otherwise be one paragraph that every per-line stage scans whole).
MAX_LINE_CHARS = 5000
_SURROGATE = re.compile("[\ud800-\udfff]")
_BREAK_AFTER = re.compile(r"[.!?…][\"'”’»)\]」』]*\s+|[。！？][\"'”’»)\]」』]*\s*|\s+")


def split_long_lines(lines: list[str], limit: int = MAX_LINE_CHARS) -> list[str]:
    """Lines no longer than `limit`: a longer one is cut after its last sentence end within
    the limit, else after its last space, else at the limit; only spaces at a cut are lost.

    >>> split_long_lines(["One. Two three. Four five six", "short"], limit=16)
    ['One. Two three.', 'Four five six', 'short']
    >>> split_long_lines(["abcdefghij"], limit=4)
    ['abcd', 'efgh', 'ij']
    """
    if all(len(line) <= limit for line in lines):
        return lines
    out: list[str] = []
    for line in lines:
        start = 0
        while len(line) - start > limit:
            cut = _cut(line, start, limit)
            out.append(line[start:cut].rstrip())
            start = cut
            while start < len(line) and line[start].isspace():
                start += 1
        out.append(line[start:] if start else line)
    return out


def single_spaced(lines: list[str], even: bool = True) -> list[str]:
    """A spaced clipping's lines as they were before every line break was doubled (each line
    made a paragraph of its own by an editor, a CR LF read as two breaks, a tool that sets every
    line apart): a gap of 2n + 1 blank lines becomes n. Such a clipping has `_SPACED_LINES` lines
    or more, no two of them next to each other, and an odd number of blank lines in every gap.
    Read as it is, every menu item looks like a paragraph of its own. A clipping whose lines are
    all one blank line apart (n = 0 everywhere: a menu's items as far apart as an article's
    paragraphs) so loses its blank lines, which told nothing, and the model for clippings with
    no blank line reads it (`chrome.flat_clipping`). (Out of fold, fold models of training
    seed 0, every dev clipping so spaced: `dev/pages` 0.922 -> 0.927, `pages-more` 0.854 ->
    0.892, `pages-ko` 0.837 -> 0.824, `pages-cjk` 0.913 -> 0.911.) An article with its
    paragraphs one blank line apart, clipclean's own output too, comes out as it went in. With
    `even` False, such a clipping is left as it is (the model learns from the pages as they
    come: `training/chrome_data.py`).

    >>> single_spaced(["Home", "", "News", "", "", "", "The storm hit.", "", "It rained."])
    ['Home', 'News', '', 'The storm hit.', 'It rained.']
    >>> single_spaced(["Home", "", "News", "", "The storm hit.", "", "It rained."])
    ['Home', 'News', 'The storm hit.', 'It rained.']
    >>> single_spaced(["The storm hit.", "", "It rained.", "", "Roofs fell.", "", "", "End."])
    ['The storm hit.', '', 'It rained.', '', 'Roofs fell.', '', '', 'End.']
    """
    at = [i for i, line in enumerate(lines) if line.strip()]
    gaps = [b - a - 1 for a, b in itertools.pairwise(at)]
    if len(at) < _SPACED_LINES or any(gap % 2 == 0 for gap in gaps) or (not even and max(gaps) == 1):
        return lines
    out = lines[: at[0]]
    for a, gap in zip(at, gaps, strict=False):
        out += lines[a : a + 1 + gap // 2]
    return out + lines[at[-1] :]


_SPACED_LINES = 4


def _cut(line: str, start: int, limit: int) -> int:
    """Where to cut a line that is too long: after a sentence end in the window's later half,
    else after a space there, else at the limit."""
    sentence = space = 0
    for match in _BREAK_AFTER.finditer(line, start + limit // 2, start + limit):
        if match.group()[0].isspace():
            space = match.end()
        else:
            sentence = match.end()
    return sentence or space or start + limit


_NORMALIZE = {
    **{code: None for code in range(0x20) if code not in (0x09, 0x0A)},
    **{code: None for code in range(0x7F, 0xA0) if code != 0x85},
    0x0D: 0x0A,
    0x0B: 0x0A,
    0x0C: 0x0A,
    0x85: 0x0A,
    0x2028: 0x0A,
    0x2029: 0x0A,
    0x09: 0x20,
    0xA0: 0x20,
    **{code: 0x20 for code in range(0x2000, 0x200B)},
    0x200B: None,
    0x2060: None,
    0xFEFF: None,
    0x00AD: None,
}
_TO_NORMALIZE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_NORMALIZE)) + "]+")
_JOINS = "\u0600-\u08ff\u0900-\u0dff\ufb50-\ufdff\ufe70-\ufefe\u2600-\u27bf\ufe0f\U0001f000-\U0001faff"
_STRAY_JOINER = re.compile(f"(?<![{_JOINS}])[\u200c\u200d]|[\u200c\u200d](?![{_JOINS}])")
"""A zero-width non-joiner or joiner that is not between two characters of a script that joins
its letters (Arabic, Persian and Urdu, the scripts of India and Sri Lanka) or of emoji: elsewhere
it is a stray of the page's markup ("\u200cand"). Between them it spells the word ("می\u200cخواهم")
or the emoji (a family, a flag), and stays."""
