"""Decoding: every encoded twin gives exactly the text of its UTF-8 original."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from clipclean.config import Config
from clipclean.stages import decode as decode_module
from clipclean.stages.decode import DecodeError, decode, implausibility, normalize_text
from tests.conftest import ENCODINGS

TWINS = sorted(p for p in ENCODINGS.glob("*.txt") if not p.name.endswith(".utf-8.txt"))
# What each twin must be reported as (a superset codec is fine where it decodes the same bytes).
EXPECTED_LABELS = {
    "utf-8-sig": {"utf-8"},
    "utf-16-le-bom": {"utf-16-le"},
    "utf-16-be-bom": {"utf-16-be"},
    "euc-kr": {"euc-kr", "cp949"},
    "cp949": {"cp949"},
    "shift_jis": {"shift-jis", "cp932"},
    "gb18030": {"gb18030"},
    "windows-1252": {"windows-1252"},
}


def _original(twin: Path) -> str:
    name = twin.name.split(".")[0]
    return (ENCODINGS / f"{name}.utf-8.txt").read_text(encoding="utf-8")


def test_every_encoding_in_the_issue_has_a_twin() -> None:
    encodings = {p.name.split(".")[1] for p in TWINS}
    assert encodings == set(EXPECTED_LABELS)


@pytest.mark.parametrize("twin", TWINS, ids=lambda p: p.name)
def test_twin_decodes_to_its_utf8_original(twin: Path) -> None:
    decoded = decode(twin.read_bytes(), Config())
    assert decoded.text == _original(twin)
    assert decoded.encoding in EXPECTED_LABELS[twin.name.split(".")[1]]


def test_cp949_fixture_really_needs_cp949() -> None:
    data = (ENCODINGS / "ko-cp949.cp949.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("euc-kr")
    assert "똠" in decode(data, Config()).text


def test_short_euc_kr_survives_a_detector_that_says_euc_jp(monkeypatch: pytest.MonkeyPatch) -> None:
    """chardet has reported short EUC-KR as EUC-JP; the plausibility check must overrule it."""
    import chardet

    def says_euc_jp(data: bytes, **_: Any) -> list[dict[str, Any]]:
        return [{"encoding": "EUC-JP", "confidence": 0.99, "language": "ja"}]

    monkeypatch.setattr(chardet, "detect_all", says_euc_jp)
    data = "한국 경제 뉴스".encode("euc-kr")
    assert data.decode("euc-jp")  # the trap is real: the bytes are valid EUC-JP too
    assert decode(data, Config()).text == "한국 경제 뉴스"


def test_a_wrong_declared_charset_is_overruled() -> None:
    page = '<html><head><meta charset="euc-jp"></head><body>광주시 인공지능 실증센터 개소</body></html>'
    decoded = decode(page.encode("euc-kr"), Config())
    assert "광주시 인공지능" in decoded.text


def test_declared_charset_decides_between_plausible_candidates() -> None:
    text = "Zoë's café — “naïve” résumé"
    page = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head>{text}'
    )
    assert decode(page.encode("windows-1252"), Config()).text.endswith(text)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("政府は中小企業を支援する新たな対策を発表した。\n雇用の維持に役立つという。", "iso2022_jp"),
        ("정부는 중소기업 지원 대책을 발표했다.\n일자리 유지에 도움이 된다.", "iso2022_kr"),
    ],
    ids=["iso-2022-jp", "iso-2022-kr"],
)
def test_seven_bit_iso_2022_text_is_not_taken_for_ascii(text: str, codec: str) -> None:
    data = text.encode(codec)
    assert data.isascii()  # the trap: strict UTF-8 accepts these bytes
    assert decode(data, Config()).text == text


def test_a_stray_escape_in_ascii_text_stays_utf8() -> None:
    data = b"log line \x1b$B with an escape that starts no JIS text"
    assert decode(data, Config()) == decode_module.Decoded(data.decode(), "utf-8")


def test_utf16_without_bom_is_recognised() -> None:
    text = "Plain English text, saved as UTF-16 without a byte order mark.\n"
    assert decode(text.encode("utf-16-le"), Config()).text == text
    assert decode(text.encode("utf-16-be"), Config()).text == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00", "ELF"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_binary_data_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError, match=reason):
        decode(data, Config())


def test_forced_encoding_is_used_and_checked() -> None:
    data = "한국".encode("euc-kr")
    assert decode(data, Config(encoding="euc-kr")).text == "한국"
    with pytest.raises(DecodeError, match="not valid utf-8"):
        decode(data, Config(encoding="utf-8"))


def test_forced_encoding_still_drops_a_matching_bom() -> None:
    assert decode("\ufeffabc".encode("utf-8"), Config(encoding="utf-8-sig")).text == "abc"
    assert decode(b"\xef\xbb\xbfabc", Config(encoding="utf-8")).text == "abc"


def test_mojibake_scores_high_and_clean_text_low() -> None:
    korean = "광주광역시가 고객만족경영 부문 대상을 수상했다."
    assert implausibility(korean, "cp949") == 0.0
    assert implausibility(korean.encode("euc-kr").decode("cp1252", "replace"), "cp1252") > 0.2
    assert implausibility("Grüße aus München, sagt Jürgen.", "cp1252") == 0.0


@pytest.mark.parametrize(
    "word",
    [
        "می\u200cخواهم",  # Persian: "I want", its two parts kept apart by a non-joiner
        "نمی\u200cشود",
        "क्\u200dष",  # Devanagari: a half form, asked for with a joiner
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # an emoji family: three emoji joined
    ],
)
def test_a_joiner_that_spells_a_word_stays_and_a_stray_one_goes(word: str) -> None:
    assert normalize_text(f"{word} \u200cand\u200d the \u200c") == f"{word} and the"


def test_normalize_text_splits_only_real_line_breaks() -> None:
    text = normalize_text("one\r\ntwo\rthree\u2028four\x85five\u00a0six\u200b")
    assert text.split("\n") == ["one", "two", "three", "four", "five six"]


def test_normalize_composes_decomposed_hangul() -> None:
    decomposed = "\u1112\u1161\u11ab"  # 한 as jamo, as macOS file names and some copies give it
    assert normalize_text(decomposed) == "한"


def test_decode_module_has_no_state_between_calls() -> None:
    first = decode("한국 경제".encode("euc-kr"), Config())
    decode("東京都は今日、新しい政策を発表しました。".encode("shift_jis"), Config())
    assert decode("한국 경제".encode("euc-kr"), Config()) == first
    assert not [name for name in vars(decode_module) if name.startswith("_cache")]


# Legacy-encoded clippings that the plausibility check misread (the four first, before this
# test; the Portuguese one in a longer page). The texts are the project's own.
KOREAN_BLOG = (
    "오늘은 iOS 앱을 소개합니다. PDF를 바로 열 수 있고, App Store에서 무료로 받을 수 있어요.\n"
    "CBT와 같은 화면이라 시험 당일에도 낯설지 않아요ㅋㅋ 정말 편해요ㅠㅠ\n"
    "광고 없이 깔끔하게 공부할 수 있습니다."
)
GERMAN_MENU = (
    "StartseiteÜbersichtNewsBilderVideosErgebnisseGesamtwertungTermineKalenderFahrer\n"
    "FußballBasketballkorbTennisschlägerRucksackFitnessMobilitätSportwagen\n"
    "Der Verein hat am Sonntag gewonnen. Die Spieler waren müde, aber glücklich."
)
JAPANESE_YEARS = "年表\n2019年\n2018年\n2017年\n2016年\n2015年\nこの会社は東京で設立されました。"
CHINESE_NOTICES = "系统通知\n7小时前\n6小时前\n5小时前\n新闻报道说今天下雨了。"
PORTUGUESE = "A prefeitura informou a população sobre a operação de limpeza das ruas na manhã de sábado."


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (KOREAN_BLOG, "euc-kr"),  # Latin words with Hangul particles, "ㅋㅋ": read as Urdu (cp1006)
        (GERMAN_MENU, "cp1252"),  # a menu that lost its spaces: read as mac-roman ("Fu§ball")
        (JAPANESE_YEARS, "euc-jp"),  # "2019年" is valid UTF-8 ("2019ǯ"): read as a mix of UTF-8
        (CHINESE_NOTICES, "gbk"),  # "系统通知" is valid UTF-8 too
        (PORTUGUESE, "cp1252"),  # "çã" read as one Chinese character (gb18030)
    ],
    ids=["korean", "german-menu", "japanese-years", "chinese-notices", "portuguese"],
)
def test_legacy_clippings_decode_to_their_text(text: str, codec: str) -> None:
    assert decode(text.encode(codec), Config()).text == text


def test_a_symbol_or_a_chinese_character_inside_a_latin_word_is_mojibake() -> None:
    assert implausibility("Fu§ball und Tennisschl‰ger") > 0.5
    assert implausibility("Informa悲o sobre a opera悲o") > 0.5
    assert implausibility("Google和Apple的新手机, ChromeのNever-Slow Mode") == 0.0
    assert implausibility("Arabic presentation forms: ﺍﻟﻌﺮﺑﻴﺔ") > 0.5


# Text that a tool once read as a single-byte code page and wrote out again as UTF-8: valid
# UTF-8 of the wrong characters. Each is (the text as written, the code page it was read as).
MOJIBAKE = [
    ("Les propriétaires de café protestent à Lyon contre les règles", "cp1252"),
    ("Grüße aus München: „Die Straße ist gesperrt“, sagt Jürgen.", "cp1252"),
    ("It’s the mayor’s “last word” on the bridge — for now…", "cp1252"),
    ("A população da região não recebeu a informação até sábado.", "latin-1"),
    ("Мэр города открыл новый мост через реку в понедельник.", "cp1251"),
    ("Мэр города открыл новый мост через реку в понедельник.", "cp1252"),
]
# Text with the same characters that is what it says: it must come out unchanged.
NOT_MOJIBAKE = [
    "naïve café «déjà vu», l’été à Besançon",
    "«СССР» — всё её; Рівне і Київ",
    "Ærøskøbing, Þórshöfn, Øresund: ÂGE, Ça va, Ôté",
    "Wać, żółć, ĳzer; Tiếng Việt có dấu; İstanbul’da ağaç",
    "1½ hours, 3¼ miles, £5 and ¥300 at 20°C ±2",
]


def _read_as(text: str, codec: str) -> str:
    """UTF-8's bytes read one by one in a code page, as such tools read them: a byte the code
    page leaves undefined (0x9D in windows-1252) as the control character of that number."""
    return "".join(bytes([byte]).decode(codec, "ignore") or chr(byte) for byte in text.encode("utf-8"))


@pytest.mark.parametrize(("text", "codec"), MOJIBAKE, ids=["fr", "de", "quotes", "pt", "ru-1251", "ru-1252"])
def test_mojibake_in_valid_utf8_is_mended(text: str, codec: str) -> None:
    garbled = "\n".join(["Home | News", _read_as(text, codec), "Plain ASCII line."])
    assert garbled.split("\n")[1] != text  # (the test's own check: it is mojibake)
    decoded = decode(garbled.encode("utf-8"), Config())
    assert decoded.text == "\n".join(["Home | News", text, "Plain ASCII line."])
    assert decoded.encoding == "utf-8 (mojibake repaired)"


@pytest.mark.parametrize("text", NOT_MOJIBAKE)
def test_text_that_only_looks_like_mojibake_is_left_alone(text: str) -> None:
    assert decode(text.encode("utf-8"), Config()) == decode_module.Decoded(text, "utf-8")


def test_a_forced_encoding_is_not_mended() -> None:
    garbled = "café".encode().decode("cp1252").encode()
    assert decode(garbled, Config(encoding="utf-8")).text == "cafÃ©"
