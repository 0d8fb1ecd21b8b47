"""What a single line is, when it is not body text: a headline, a subtitle, a byline, a
dateline, a photo caption. Small pure predicates, and the reading of a story's header.

The cues are layout conventions shared by news sites (a sign-off with the reporter's name
and e-mail, a dash-led deck line, a photo credit, a position note like "(from left)"),
written for Korean, English, Japanese, Chinese and German (dates for more languages); each
is one signal that the split stage weighs with the lines around it. A headline's echo of
the body (`terms`, `echo`) needs no language: it compares words, or character pairs where
words run together.
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from clipclean.stages import layout, months
from clipclean.stages.linefeatures import CLOSERS, SENTENCE_MARK, ends_sentence, unmarked_prose

_PERIOD_END = re.compile(rf"[.。．｡︒।॥۔։።။][{re.escape(CLOSERS)}]*$")
"""A full stop in any script (a headline has none) before closing quotes and brackets."""
_BULLET = re.compile(r"^[•·*▶▷►■□◆◇○●◎※>|+#]")
_SUBTITLE = re.compile(r"^[-–—]\s*\S")
_NEGATIVE_NUMBER = re.compile(r"^[-–—]\s*\d[\d.,]*(?:\s|%|°|$)")
_URL = re.compile(r"https?://|www\.\w", re.IGNORECASE)
_WEB_ADDRESS = r"(?:https?://|www\.)\S+"
_WEB_ADDRESS_LINE = re.compile(rf"\A{_WEB_ADDRESS}\Z", re.IGNORECASE)
_ADDRESS_LINE = re.compile(
    rf"\A(?:{_WEB_ADDRESS}|[\w-]{{1,63}}(?:\.[\w-]{{1,63}}){{0,9}}\.[a-z]{{2,24}}(?:/\S*)?)\Z", re.IGNORECASE
)
"""An address, or a site's name, alone ("https://…", "citynews.example"); anchored, and with
bounded runs, so that a long line costs one pass."""
_MENU_ROW = re.compile(r"^(?:[^|•·\s]+(?: [^|•·\s]+){0,2}) [|•·] (?:[^|•·\s]+(?: [^|•·\s]+){0,2}) [|•·] ")
"""A menu laid out on one line: three items or more of three words at most, between " | "."""
_BYLINE = re.compile(
    r"[가-힣]{2,4}\s*(?:기자|특파원|논설위원|선임기자|객원기자|통신원)(?![가-힣])"
    # a correspondent's title after the place or name, in Bengali and Hindi, and the place after it
    r"|(?:প্রতিনিধি|প্রতিবেদক|সংবাদদাতা|संवाददाता|प्रतिनिधि)(?:\s*,\s*[^\W\d_][^,\d]{0,30})?\s*$"
    r"|^\W*(?:by|written by|reported by|von|geschrieben von|par|écrit par|por|escrito por|di|scritto da|"
    r"door|geschreven door|av|af|oleh|dal nostro inviato|dalla nostra inviata|بقلم|מאת|โดย)\s+(?!\d)\w"
    r"|^\W*(?:text|texto|autor|autore|auteur|author|reporter|автор|текст|yazar|yazan|muhabir|penulis|tác giả"
    r"|लेखक|نویسنده|خبرنگار|szerző|kirjoittaja|piše|пише|autorius|autors|συντάκτης|επιμέλεια|文|كتب|إعداد|"
    r"رپورٹ|تحریر|հեղինակ|ავტორი|எழுதியவர்|செய்தியாளர்|ដោយ|ผู้เขียน|ዘጋቢ)\s*[:：՝៖፦]\s*\w"
    # and anywhere in a Chinese or Japanese header line: "2026-12-03 来源：城市日报 作者：王明"
    r"|(?:作者|记者|記者)\s*[:：]\s*\w",
    re.IGNORECASE,
)
_EMAIL_LINE = re.compile(r"^[^\w.+-]*[\w.+-]+@[\w-]+(?:\.[\w-]+)+[^\w-]*$")  # no overlapping runs
_BYLINE_PREFIX = re.compile(
    r"^\s*(?:[\[(]([^\])]{2,40}?(?:기자|특파원|통신원))[\])]|\(([^)]{2,20}=[^)]{2,20})\)\s*([가-힣]{2,4}\s*기자)\s*=)\s*"
)
_CAPTION = re.compile(
    r"사진\s*[=:]|/\s*사진|사진\s*제공|제공\s*=|\(사진|"
    r"\((?:앞줄|뒷줄|가운데|왼쪽|오른쪽|좌측|우측)[^)]{0,12}\)|"
    r"\((?:from\s+)?(?:left|right|l-r|center|centre)\b[^)]{0,16}\)|"
    r"\b(?:photo|photograph|image|picture|foto|bild)\s*(?:by|credit|:)|credit\s*:|getty images|"
    r"\((?:AP|AFP|Reuters|EPA|dpa|Yonhap|연합뉴스|뉴시스|뉴스1)(?:\s*photo)?\)\s*$|"
    r"写真[:：=]|图[:：]|图为|"
    # a photo's credit in more scripts: "(צילום: …)", "عکس: …", "ছবি: …", "Фото: …", "（…照片）"
    # (each led by a lookahead on its first letters: most places in a line fail there at once)
    r"(?=[צعছфφảภफतص])(?:צילום|عکس|ছবি|фото|φωτογραφία|ảnh|ภาพ|फोटो|तस्वीर|صورة)\s*[:：]|照片[)）]|"
    r"\((?:foto|photo|kuha ni|picha)\b[^)]{2,60}\)\s*$|/\s*[^/]{2,30}\s제공\s*$|"
    # Japanese: "…＝潮見市で2月、早瀬悠真撮影", "…（商店会提供）"
    r"(?=[＝撮提])(?:＝[^＝。]{1,40}$|(?:撮影|提供)[)）]\s*$)",
    re.IGNORECASE,
)
_KO_NOUN_END = re.compile(r"[가-힣][.]$")
_KO_VERB_END = re.compile(r"(?:다|요|죠|까)[.]$")
CAPTION_MAX_CHARS = 200
"""A photo caption is at most this long (characters)."""
_BYLINE_MAX_CHARS = 80
_DATELINE_MAX_CHARS = 60
DATED_MAX_CHARS = 80
"""A header line this long may still give the date ("PUBLISHED: November 19, 2019 at 8:59 pm |
UPDATED: ..."), though a line over _DATELINE_MAX_CHARS is not only a dateline (it may be a
headline)."""
_KICKER_MAX_CHARS = 10
_GROUP_MAX_LINES = 6
_GROUP_GAP = 4

_SPELLED_OTHERWISE = {
    "fevrier": 2, "maerz": 3, "aout": 8,  # without their accents, as some sites write them
    "ابريل": 4, "اغسطس": 8, "اكتوبر": 10,  # Arabic without the hamza
    "फरवरी": 2, "सितम्बर": 9, "नवम्बर": 11, "दिसम्बर": 12,  # Hindi's other spellings
}  # fmt: skip
"""Months' names as pages write them and the Unicode CLDR (`months`) does not."""
_MONTHS = {**months.NAMES, **_SPELLED_OTHERWISE}
MONTH_NAMES = "|".join(
    re.escape(name).replace(r"\ ", r"\s+") for name in sorted(_MONTHS, key=len, reverse=True)
)
"""The months' names and their short forms in the web's 71 most used languages but Chinese,
Japanese and Korean (which number them), as a regular expression's alternatives (longest
first; a name of two words, "كانون الأول", with any space between them)."""
_SOLAR_MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("فروردین", "حمل"), ("اردیبهشت", "ثور"), ("خرداد", "جوزا"), ("تیر", "سرطان"),
            ("مرداد", "امرداد", "اسد"), ("شهریور", "سنبله"), ("مهر", "میزان"), ("آبان", "عقرب"),
            ("آذر", "قوس"), ("دی", "جدی"), ("بهمن", "دلو"), ("اسفند", "حوت"),
        ],
        start=1,
    )
    for name in (*names, *(name.replace("ی", "ي") for name in names if "ی" in name))
}  # fmt: skip
"""The months of the Solar Hijri calendar, in Persian (Iran's names) and Dari (Afghanistan's),
each also with the Arabic letter yeh that some pages type for the Persian one."""
_SOLAR_NAMES = "|".join(sorted(_SOLAR_MONTHS, key=len, reverse=True))
_SOLAR_YEARS = (1300, 1420)
"""A Solar Hijri year written in figures alone (1405/09/12) is one of these (1921-2042): the
lunar Hijri calendar's years, which Arabic pages write the same way, are from 1430 on now."""
_DATE_FORMS = (
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[.\-/년年]\s*(?P<m>\d{1,2})\s*[.\-/월月]\s*(?P<d>\d{1,2})(?!\d)(?:\s*[일日])?"
    rf"|(?<![\w])(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+|of\s+|d['’]|ב-?)?(?P<mn>{MONTH_NAMES})\.?,?\s+(?:de\s+|del\s+|พ\.\s?ศ\.\s*)?(?P<y2>(?:19|20|25)\d{{2}})"
    rf"|(?<![\w])(?P<mn3>{MONTH_NAMES})\.?\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y3>(?:19|20|25)\d{{2}})"
    r"|(?<![\d.])(?P<a4>\d{1,2})(?P<sep>[./])(?P<b4>\d{1,2})(?P=sep)(?P<y4>(?:19|20)\d{2})(?!\d)"
    rf"|(?<!\d)(?P<y5>(?:19|20)\d{{2}})\.?\s*(?:m\.|թ\.)?\s+(?P<mn5>{MONTH_NAMES})\.?\s+(?P<d5>\d{{1,2}})(?!\d)"
    r"|(?<!\d)(?P<d6>\d{1,2})\s+tháng\s+(?P<m6>\d{1,2})(?:\s+năm|,)?\s+(?P<y6>(?:19|20)\d{2})"
    rf"|(?<!\d)(?P<dj>\d{{1,2}})\s+(?P<mj>{_SOLAR_NAMES})(?:\u200c?\s*ماه)?\s+(?P<yj>1[34]\d{{2}})(?!\d)"
    r"|(?<![\d/])(?P<yj2>1[34]\d{2})(?P<sepj>[/\-.])(?P<mj2>\d{1,2})(?P=sepj)(?P<dj2>\d{1,2})(?!\d)"
    r"|(?P<era>明治|大正|昭和|平成|令和|民[國国])\s*(?P<ye>\d{1,3}|元)\s*年\s*(?P<me>\d{1,2})\s*月\s*(?P<de>\d{1,2})\s*日"
)
"""A date in the forms pages write it: 2026-12-03, 2026년 12월 3일, 3 December 2026, December 3,
2026, 03.12.2026 or 12/03/2026, 2026. december 3. (Hungarian, Lithuanian: the year first), 3
tháng 12 năm 2026 (Vietnamese), in the Solar Hijri calendar (۱۲ آذر ۱۴۰۵, ۱۴۰۵/۰۹/۱۲: Iran's
and Afghanistan's), and in the years of an era: Japan's (令和8年12月3日) and the Republic of
China's (民國115年12月3日, Taiwan's)."""
_ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019, "民國": 1912, "民国": 1912}
"""The Gregorian year of each era's first year (元年, "the first year")."""


@functools.cache
def date_pattern(forms: str = _DATE_FORMS) -> re.Pattern[str]:
    """A pattern of dates in words, compiled on first use (ignoring case): with a thousand
    months' names it takes tens of milliseconds, which `clipclean --help` need not wait for."""
    return re.compile(forms, re.IGNORECASE)


_YEAR = re.compile(r"(?:19|20|25|13|14)\d\d|[治正和成國国]\s*(?:\d|元)")
_BUDDHIST_ERA = 543
"""A year written with a month's name from 2500 on is of the Buddhist Era, as in Thailand (2569 is 2026)."""
_TIME = re.compile(
    r"^(?P<gap>[^\d\n]{0,12}?)(?P<H>\d{1,2})(?:[:h.](?P<M>\d{2})(?![\d%])|\s*[時时시]\s*(?P<CJK_M>\d{1,2})\s*[分분])"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?))?",
    re.IGNORECASE,
)
"""A time after a date: "14:20", "4:47 pm", "오후 2:20", "14h20" (French, Portuguese), "kl. 14.20"
(the Nordic languages', the Guardian's "06.00 GMT"; not "12.50%"), or "14時20分", "9时5分", "14시 20분"."""
_PM = re.compile(r"오후|午後|下午|p\.?m\.?", re.IGNORECASE)
_AM = re.compile(r"오전|午前|上午|a\.?m\.?", re.IGNORECASE)


def is_cjk(char: str) -> bool:
    """True for Hangul, kana and Han characters (text without spaces between words)."""
    return "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7a3"


def is_headline(text: str, max_chars: int = 150) -> bool:
    """A line shaped like a headline: short (`max_chars` display columns: a CJK character takes
    two, as it holds more than a Latin letter), with letters, not ending in a period (nor a line
    of Thai or Lao prose, which ends with none: `unmarked_prose`), no bullet.

    >>> is_headline("광주, 글로벌 인공지능 융복합 중심 도시 도약한다"), is_headline("It rained all day.")
    (True, False)
    >>> is_headline("홈 | 정치 | 경제"), is_headline("Home | World news | Sport")
    (False, False)
    >>> is_headline("Rain floods town | Daily"), is_headline("지난 주말에 강릉에 다녀왔어요!")
    (True, False)
    """
    return (
        4 <= len(text) <= max_chars
        and (2 * len(text) <= max_chars or layout.width(text) <= max_chars)
        and any(c.isalpha() for c in text)
        and not _PERIOD_END.search(text)
        and not unmarked_prose(text)
        and not is_bullet(text)
        and not _SUBTITLE.match(text)
        and not _URL.search(text)
        and not _MENU_ROW.match(text)
        and not is_address(text)
        and not is_byline(text)
        and not is_dateline(text)
        and not _CAPTION.search(text)
        and not _SPOKEN_END.search(text)
    )


_SPOKEN_END = re.compile(
    r"(?:[요죠]|니다|[まで]す|ました|でした|ません)"
    r"(?:[\s!?！？.。~～…♡♥ㅋㅎㅠㅜ^]|[\u2600-\u27bf\ufe0f\u200d\U0001f000-\U0001faff])*$"
)
"""The polite endings a Korean or Japanese sentence ends with when it is spoken to the reader
("…다녀왔어요!", "…좋습니다", "…行きました"), with the marks, emoji and laughter a post sets after
them: a post's line, no headline (headlines end in a noun or the plain form, "…도약한다")."""


def trail_end(text: str) -> str | None:
    """The last step of a breadcrumb trail ("Home > News > Storms hit the coast", "You are here:
    Home » Design » Poltrona"), or None when the line is no trail. A trail is short steps (a
    site's sections: `_CRUMB_WORDS` words at most, no sentence) joined by ">", "»" or "›", or,
    in a trail of `_SLASHED_STEPS` steps or more, by a spaced "/" or "|"; a line that quotes in
    guillemets (»so«, « so ») is none. The step after the last mark is its page's headline:
    "" when that is a section (fewer than `MIN_ECHO_TERMS` terms) or nothing.

    >>> trail_end("Home > News > Storms hit three towns on the coast"), trail_end("Home » Sport »")
    ('Storms hit three towns on the coast', '')
    >>> trail_end("Home / News / Local"), trail_end("Storms hit three towns | Daily Post")
    ('', None)
    """
    if not _TRAIL_MARK.search(text) or _QUOTE_MARK.search(text):
        return None  # most lines: no mark at all; a quote in guillemets (»Nein«, « Non ») is none
    steps = [step.strip() for step in _TRAIL_MARK.split(text)]
    if steps and not steps[0]:
        steps = steps[1:]  # a trail led by its mark
    sections, last = steps[:-1], steps[-1] if steps else ""
    label, colon, first = sections[0].rpartition(":") if sections else ("", "", "")
    if colon and len(label.split()) <= _CRUMB_WORDS:  # "You are here: Home"
        sections = [first.strip(), *sections[1:]]
    slashed = all(mark in "/|" for mark in _TRAIL_MARK.findall(text))
    if (
        not sections
        or (slashed and len(steps) < _SLASHED_STEPS)
        or any(not step or len(step.split()) > _CRUMB_WORDS or ends_sentence(step) for step in sections)
    ):
        return None
    return last if len(terms(last)) >= MIN_ECHO_TERMS else ""


def headline_text(title: str, body: frozenset[str] | set[str]) -> str:
    """A headline as the title of the story whose opening has the terms `body`: a breadcrumb
    trail's last step, when that is a headline (`trail_end`) that names something the story
    tells; else the line as it is.

    >>> body = terms("Three towns on the coast were hit by storms on Monday.")
    >>> headline_text("Home > Storms hit three towns", body), headline_text("Home > World News Today", body)
    ('Storms hit three towns', 'Home > World News Today')
    """
    last = trail_end(title)
    return last if last and shares_a_term(last, body) else title


_TRAIL_MARK = re.compile(r"(?<![-=<])>|[»›]|(?<=\s)[/|](?=\s)")  # steps are stripped after the split
_QUOTE_MARK = re.compile(r"[«‹]")
_CRUMB_WORDS = 3
_SLASHED_STEPS = 3


def is_address(text: str, site_name: bool = True) -> bool:
    """A line that is a web address or (with `site_name`) a site's name alone: no headline, and
    no paragraph runs into or out of it.

    >>> is_address("https://news.example/a"), is_address("citynews.example"), is_address("e.g.")
    (True, True, False)
    >>> is_address("citynews.example", site_name=False)
    False
    """
    return bool((_ADDRESS_LINE if site_name else _WEB_ADDRESS_LINE).match(text))


def is_numbered(text: str) -> bool:
    """A line led by a list's number ("3) Portugal", "4. Berlin-Marathon", "(2) Wales").

    >>> is_numbered("3) Portugal"), is_numbered("4. Berlin"), is_numbered("2026. december 3.")
    (True, True, False)
    """
    return bool(_NUMBERED.match(text))


def list_number(text: str) -> int | None:
    """The number a list's item is led by (`is_numbered`), or None.

    >>> list_number("3) Portugal"), list_number("Portugal")
    (3, None)
    """
    number = _NUMBERED.match(text)
    return int(number.group(1)) if number else None


_NUMBERED = re.compile(r"\(?(\d{1,3})[.)]\s")


def introduces(text: str) -> bool:
    """Whether a line ends with a colon that introduces what follows it ("You will need the
    following:", "The encore consisted of:"), as no headline ends: not a label of one term
    ("Tags:", "Share:"), which heads a box of links.

    >>> introduces("In a food processor, mix together:"), introduces("Tags:"), introduces("Storm hits")
    (True, False, False)
    """
    return text.endswith((":", "：")) and not is_label(text)


def is_bullet(text: str) -> bool:
    """A line led by a list's or a note's mark ("• ", "▶", "※ ").

    >>> is_bullet("※ 광고 글은 삭제됩니다."), is_bullet("Rain all day.")
    (True, False)
    """
    return bool(_BULLET.match(text))


def is_subtitle(text: str) -> bool:
    """A deck line under a headline, led by a dash.

    >>> is_subtitle("- 헬스케어·자동차 분야 실증장비 구축"), is_subtitle("-2월 정례조회"), is_subtitle("-5 %")
    (True, True, False)
    """
    return bool(_SUBTITLE.match(text)) and not _NEGATIVE_NUMBER.match(text) and len(text) <= 150


def is_byline(text: str) -> bool:
    """A short line naming the reporter.

    >>> is_byline("/박진표 기자 lucky@kwangju.co.kr"), is_byline("By JERUSALEM POST STAFF")
    (True, True)
    >>> is_byline("By 2030 the city will be carbon neutral."), is_byline("By Monday, the river had risen.")
    (False, False)
    >>> is_byline("Автор: Иван Петров"), is_byline("Oleh Budi Santoso"), is_byline("بقلم محمد علي")
    (True, True, True)
    >>> is_byline("نویسنده: مریم احمدی"), is_byline("מאת דנה כהן"), is_byline("โดย สมชาย ใจดี")
    (True, True, True)
    >>> is_byline("Yazan: Ayşe 3 Aralık 2026"), is_byline("Escrito por Lucía Martín")
    (True, True)
    >>> is_byline("作者：张三"), is_byline("作者："), is_byline("2026-12-03 14:20 来源：城市日报 作者：王明")
    (True, False, True)
    >>> is_byline("Szerző: Szabó Péter"), is_byline("Piše: Ana Horvat"), is_byline("de Andrei Popescu")
    (True, True, True)
    >>> is_byline("كتب: سامر عبد الحميد"), is_byline("Հեղինակ՝ Անի Մարտիրոսյան"), is_byline("ដោយ៖ សុខ វណ្ណា")
    (True, True, True)
    >>> is_byline("ঢাকা প্রতিনিধি"), is_byline("जनपथ संवाददाता, बरेली")
    (True, True)
    """
    return (
        len(text) <= _BYLINE_MAX_CHARS
        and (bool(_BYLINE.search(text)) or _of_a_name(text))
        and not _SENTENCE_TAIL.search(text)  # "By Monday, the river had risen."
    )


def is_name(text: str) -> bool:
    """A person's name alone, in a script with capitals: two to four words, each in a capital
    but for a short particle between them ("Pieter de Vries"), letters and initials only.

    >>> is_name("Jan Kowalski"), is_name("Pieter de Vries"), is_name("Олена Коваленко")
    (True, True, True)
    >>> is_name("Carlo M. Dizon"), is_name("Jean-Luc Moreau"), is_name("Liam O'Neill")
    (True, True, True)
    >>> is_name("Sport"), is_name("Log in"), is_name("Share this article"), is_name("TT"), is_name("Page 2")
    (False, False, False, False, False)
    """
    words = text.split()
    if not 2 <= len(words) <= 4 or len(text) > _NAME_MAX_CHARS:
        return False
    if not all(_NAME_WORD.fullmatch(w) for w in words):
        return False
    particles = [w for w in words[1:-1] if not w[0].isupper()]
    return words[0][0].isupper() and words[-1][0].isupper() and all(len(w) <= 3 for w in particles)


_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|[^\W\d_]\.")
"""A name's word: letters, joined by a hyphen or an apostrophe ("Jean-Luc", "O'Neill"), or an
initial ("M.")."""
_NAME_MAX_CHARS = 40


def _of_a_name(text: str) -> bool:
    """A byline whose word for "by" is a word of every sentence too, so that only a name alone
    after it (`is_name`) makes it one: Romanian "de Andrei Popescu" ("de" is "of", in Romanian
    and beyond), Tagalog "Ni Carlo M. Dizon", Swahili "NA JUMA MWINYI" ("na" is "and"). A
    name in capitals is read as one in capitals and small letters.

    >>> _of_a_name("de Andrei Popescu"), _of_a_name("de la Rioja"), _of_a_name("de Madrid")
    (True, False, False)
    >>> _of_a_name("Ni Carlo M. Dizon"), _of_a_name("NA JUMA MWINYI"), _of_a_name("na Mombasa")
    (True, True, False)
    """
    first, _, rest = text.strip().partition(" ")
    rest = rest.strip().title() if rest.isupper() else rest.strip()
    return first.lower() in _BY_WORDS and is_name(rest)


_BY_WORDS = frozenset({"de", "ni", "na"})


_SENTENCE_TAIL = re.compile(rf"(?<!\w)[a-zß-ÿ]{{2,}}[.!?][{re.escape(CLOSERS)}]*$")
"""The end of a sentence in a Latin script: a word in lower case, then its mark (not "6:41am.",
nor a name's "Peters.")."""


def is_credit(text: str) -> bool:
    """A byline or a dateline: what a news page sets right under a headline."""
    return is_byline(text) or is_dateline(text)


def is_email(text: str) -> bool:
    """A line that is only an e-mail address (a reporter's sign-off)."""
    return bool(_EMAIL_LINE.match(text))


def lede_date(paragraph: str) -> str | None:
    """The date a story's first paragraph opens with, as wire services and press releases
    write it ("ABERDEEN, 3 December 2026 – Northwind Energy today ..."): in the words before
    the first dash, when they are few.

    >>> lede_date("Aberdeen, 3 December 2026 – Northwind Energy today opened a wind farm.")
    '2026-12-03'
    >>> lede_date("The farm opened on 3 December 2026 - a day late."), lede_date("Madrid, 3/12/2026.- El")
    (None, '2026-03-12')
    """
    dash = _LEDE_DASH.search(paragraph, 0, _DATELINE_MAX_CHARS + 4)
    return parse_date(paragraph[: dash.start()]) if dash and _LEDE_PLACE.match(paragraph) else None


_LEDE_DASH = re.compile(r"\s(?:--?|–|—)\s|\.-\s")
_LEDE_PLACE = re.compile(r"[^\W\d_][\w .'’-]{0,30}[,(]")
"""A dateline's place, as the lede starts with it: "ABERDEEN,", "Aberdeen,", "LONDON (Reuters)"."""


def is_dateline(text: str, max_chars: int = _DATELINE_MAX_CHARS) -> bool:
    """A short line carrying a date, like "입력 2021.06.07 10:30" or "18 NOV 2019"."""
    return len(text) <= max_chars and parse_date(text) is not None


def is_label(text: str) -> bool:
    """A line of fewer than two terms: a button's or a section's label ("Tweet", "Print|",
    "Advertisement", "닫기"), which a page may show twice as it shows a photo's caption, but
    which describes no photo.

    >>> is_label("Share"), is_label("(AP)"), is_label("Photo: Reuters"), is_label("사진=연합뉴스")
    (True, True, False, False)
    """
    return len(terms(text)) < 2


def is_caption(text: str, in_block: bool = False) -> bool:
    """A photo caption: a photo credit, a position note, or a Korean caption's sentence form.

    A Korean caption describes the photo in the present progressive ("…하고 있다.") or ends
    on a noun ("…조감도."); the progressive form counts only for a line set in a block with
    other lines (`in_block`), as captions under photos are, since body sentences use it too.
    (In a clipping with no blank line every line stands in a block: `split.split` says no block.)

    >>> is_caption("김종호(왼쪽) 광주시 행정부시장이 현장을 점검하고 있다.")
    True
    >>> is_caption("광주시 첨단 3지구 내 인공지능 집적단지 조감도.")
    True
    >>> is_caption("Il gol del 2-1 (Foto Studio Luce)"), is_caption("He said so (photo editors agree).")
    (True, False)
    >>> line = "시민들이 보고를 청취하고 있다."
    >>> is_caption(line), is_caption(line, in_block=True)
    (False, True)
    >>> is_caption("광주시는 대상을 수상했다고 밝혔다.", in_block=True)
    False
    """
    if len(text) > CAPTION_MAX_CHARS or is_bullet(text):
        return False
    if _CAPTION.search(text):
        return True
    if len(SENTENCE_MARK.findall(text)) > 1:
        return False
    noun_end = _KO_NOUN_END.search(text) is not None and _KO_VERB_END.search(text) is None
    return noun_end or (in_block and text.endswith("고 있다."))


def split_byline_prefix(paragraph: str) -> tuple[str | None, str]:
    """A reporter tag at the start of the body, and the paragraph without it.

    >>> split_byline_prefix("[아시아경제 박선강 기자] 광주시가 정책을 내놓았다.")
    ('아시아경제 박선강 기자', '광주시가 정책을 내놓았다.')
    >>> split_byline_prefix("(서울=연합뉴스) 홍길동 기자 = 비가 왔다.")
    ('서울=연합뉴스 홍길동 기자', '비가 왔다.')
    """
    match = _BYLINE_PREFIX.match(paragraph)
    if not match or match.end() >= len(paragraph):
        return None, paragraph
    tag = match.group(1) or f"{match.group(2)} {match.group(3)}"
    return tag, paragraph[match.end() :]


def parse_date(text: str, language: str | None = None) -> str | None:
    """The first date in a line as ISO 8601, with the time when one follows. Two numbers both
    12 or under read day first with dots, and with slashes too when the line's `language` is
    known and writes them so (all but `MONTH_FIRST`). A month's name that two languages read
    as two months ("listopada": November in Polish, October in Croatian) is read as the
    `language` reads it, if it is one of the two.

    >>> parse_date("입력 2021.06.07 오후 3:05"), parse_date("2021년 6월 7일"), parse_date("13.2021")
    ('2021-06-07T15:05', '2021-06-07', None)
    >>> parse_date("NOVEMBER 20, 2019 10:43"), parse_date("18 NOV 2019"), parse_date("11/20/2019 01:14 PM")
    ('2019-11-20T10:43', '2019-11-18', '2019-11-20T13:14')
    >>> parse_date("2025年1月14日 20:00"), parse_date("05.11.2025, 18:00 Uhr")
    ('2025-01-14T20:00', '2025-11-05T18:00')
    >>> parse_date("le 22/11/2024 à 9:47"), parse_date("11.14.2019 09:00 AM"), parse_date("22/11/2024 14h20")
    ('2024-11-22T09:47', '2019-11-14T09:00', '2024-11-22T14:20')
    >>> parse_date("05.08.2024 kl. 13.05"), parse_date("3 Dec 2026 06.00 GMT"), parse_date("3 Dec 2026 9.50%")
    ('2024-08-05T13:05', '2026-12-03T06:00', '2026-12-03')
    >>> parse_date("03/12/2026"), parse_date("03/12/2026", "fr"), parse_date("03/12/2026", "en")
    ('2026-03-12', '2026-12-03', '2026-03-12')
    >>> parse_date("10 de julio de 2026"), parse_date("Publié le 30 août 2023"), parse_date("11 октября 2018")
    ('2026-07-10', '2023-08-30', '2018-10-11')
    >>> parse_date("Published Tuesday 8th December 2026 16:05 GMT"), parse_date("le 1er décembre 2026")
    ('2026-12-08T16:05', '2026-12-01')
    >>> parse_date("القاهرة، ٣ ديسمبر ٢٠٢٦"), parse_date("३ दिसंबर २०२६"), parse_date("２０２６年１２月３日")
    ('2026-12-03', '2026-12-03', '2026-12-03')
    >>> parse_date("3 ธันวาคม 2569 14:20 น."), parse_date("3 ธันวาคม พ.ศ. 2569"), parse_date("2569-12-03")
    ('2026-12-03T14:20', '2026-12-03', None)
    >>> parse_date("2024年5月13日 9時0分"), parse_date("2019年04月21日12时05分")
    ('2024-05-13T09:00', '2019-04-21T12:05')
    >>> parse_date("2026년 12월 3일 14시 20분")
    '2026-12-03T14:20'
    >>> parse_date("3 декември 2026, 14:20"), parse_date("2026. december 3. 14:20")
    ('2026-12-03T14:20', '2026-12-03T14:20')
    >>> parse_date("3 d’abril de 2026"), parse_date("2026 m. gruodžio 3 d."), parse_date("3 Disember 2026")
    ('2026-04-03', '2026-12-03', '2026-12-03')
    >>> parse_date("3 كانون الأول 2026"), parse_date("3 בדצמבר 2026"), parse_date("ngày 3 tháng 12 năm 2026")
    ('2026-12-03', '2026-12-03', '2026-12-03')
    >>> parse_date("3. listopada 2026."), parse_date("3. listopada 2026.", "hr")
    ('2026-11-03', '2026-10-03')
    >>> parse_date("چهارشنبه ۱۲ آذر ۱۴۰۵ - ۱۴:۲۰"), parse_date("۱۴۰۵/۰۹/۱۲"), parse_date("1447/06/12 هـ")
    ('2026-12-03T14:20', '2026-12-03', None)
    >>> parse_date("3 \u200fديسمبر\u200f 2026")
    '2026-12-03'
    >>> parse_date("令和8年12月3日 14時20分"), parse_date("平成元年1月8日"), parse_date("民國115年12月3日")
    ('2026-12-03T14:20', '1989-01-08', '2026-12-03')
    """
    if not text.isascii():
        text = _BIDI.sub("", text)  # "3 \u200fديسمبر 2026": marks of direction, set between the words
        if _OTHER_DIGIT.search(text):
            text = text.translate(_ascii_digits())  # ٢٠٢٦, २०२६, ２０２６: the patterns read ASCII digits
    if not _YEAR.search(text):
        return None  # every form has a year: most lines need no search
    for match in date_pattern().finditer(text):
        found = _gregorian(match.groupdict(), language)
        if found is not None:
            return found.isoformat() + _time(text[match.end() :], match.group(0))
    return None


def _gregorian(parts: dict[str, str | None], language: str | None) -> datetime.date | None:
    """The day a match of `_DATE_FORMS` names (its named groups), None when it names none (a 13th month)."""
    if parts["a4"]:
        separator = "." if language and language not in MONTH_FIRST else parts["sep"] or "/"
        day, month = _day_and_month(int(parts["a4"] or 0), int(parts["b4"] or 0), separator)
        return _day(int(parts["y4"] or 0), month, day)
    if parts["yj"] or parts["yj2"]:
        return _solar_hijri(parts)
    if parts["era"]:
        year = _ERAS[parts["era"]] + (0 if parts["ye"] == "元" else int(parts["ye"] or 0) - 1)
        return _day(year, int(parts["me"] or 0), int(parts["de"] or 0))
    year = int(parts["y"] or parts["y2"] or parts["y3"] or parts["y5"] or parts["y6"] or 0)
    year -= _BUDDHIST_ERA if year >= 2500 else 0
    name = " ".join((parts["mn"] or parts["mn3"] or parts["mn5"] or "").lower().split())
    if name:
        month = months.AMBIGUOUS.get((language or "", name)) or _MONTHS[name]
    else:
        month = int(parts["m"] or parts["m6"] or 0)
    return _day(year, month, int(parts["d"] or parts["d2"] or parts["d3"] or parts["d5"] or parts["d6"] or 0))


def _solar_hijri(parts: dict[str, str | None]) -> datetime.date | None:
    """The Gregorian day of a Solar Hijri date (the groups "yj", "mj", "dj" or "yj2", "mj2", "dj2")."""
    from persiantools.jdatetime import JalaliDate  # only for the pages that write such dates

    if parts["yj"]:
        year, month, day = int(parts["yj"] or 0), _SOLAR_MONTHS[parts["mj"] or ""], int(parts["dj"] or 0)
    else:
        year, month, day = int(parts["yj2"] or 0), int(parts["mj2"] or 0), int(parts["dj2"] or 0)
        if not _SOLAR_YEARS[0] <= year <= _SOLAR_YEARS[1]:
            return None  # a lunar Hijri date (1447/06/12), or no date
    try:
        return JalaliDate(year, month, day).to_gregorian()  # type: ignore[no-untyped-call]  # no annotations
    except ValueError:  # a 13th month, a 32nd day
        return None


def _day(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""The marks and embeddings of writing direction, which pages in Arabic script and Hebrew set
around a date's words and figures."""


@functools.lru_cache(maxsize=1)
def _ascii_digits() -> dict[int, int]:
    """Every decimal digit of the Basic Multilingual Plane, as its ASCII digit (built once, when
    a line first holds one)."""
    return {c: ord("0") + unicodedata.decimal(chr(c)) for c in range(0x80, 0x10000) if chr(c).isdecimal()}


MONTH_FIRST = frozenset({"en"})
"""Languages whose pages write 11/05/2024 month first (the US's)."""


def _day_and_month(first: int, second: int, separator: str) -> tuple[int, int]:
    """Which of two numbers is the day: the one over 12; else the first with dots (20.11.2019,
    as in most of Europe), the second with slashes (11/20/2019, as in the US).

    >>> _day_and_month(20, 11, "/"), _day_and_month(11, 14, ".")
    ((20, 11), (14, 11))
    >>> _day_and_month(5, 11, "."), _day_and_month(5, 11, "/")
    ((5, 11), (11, 5))
    """
    if first > 12 or (second <= 12 and separator == "."):
        return first, second
    return second, first


def _time(rest: str, date_text: str) -> str:
    match = _TIME.match(rest)
    if not match:
        return ""
    hour, minute = int(match.group("H")), int(match.group("M") or match.group("CJK_M"))
    marker = (match.group("gap") or "") + (match.group("ampm") or "")
    if _PM.search(marker) and hour < 12:
        hour += 12
    elif _AM.search(marker) and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else ""


@dataclass(frozen=True)
class Header:
    """What the lines above a story's body say about it."""

    title: str | None = None
    subtitles: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    byline: str | None = None
    published: str | None = None
    dated: str | None = None
    """The line the date was read from."""
    used: list[int] = field(default_factory=list)
    """Line numbers whose text went into a field."""
    title_lines: list[int] = field(default_factory=list)
    """Line numbers whose text went into the title."""


def read_header(
    text: list[str],
    header: list[int],
    shown_twice: set[int],
    repeat_of: list[int | None],
    max_chars: int,
    title: int | None = None,
) -> Header:
    """Title, subtitles, captions, byline and date from the non-blank lines above a story
    (with `title`, that line is the headline)."""
    live = [i for i in header if repeat_of[i] is None or i == title]
    title_at, deck = ([title], []) if title is not None else _title_lines(text, live, shown_twice, max_chars)
    below = [i for i in live if not title_at or i > title_at[-1]]
    subtitles = [i for i in below if is_subtitle(text[i]) or i in deck]
    captions = [
        i
        for i in below
        if i not in subtitles
        and not is_credit(text[i])
        and ((i in shown_twice and not is_label(text[i])) or is_caption(text[i]))
    ]
    # above a found title may stand the previous story's sign-off: look below it first; the
    # stories of one page may share a byline or a date line, shown again over each
    below_all = [i for i in header if not title_at or i > title_at[-1]]
    byline = next((i for i in (below_all if title_at else header) if is_byline(text[i])), None)
    dates = [i for i in [*below_all, *live] if is_dateline(text[i], DATED_MAX_CHARS)]
    if byline is None and title_at and dates:  # a name alone right under the headline, over the date
        between = [i for i in below_all if i < dates[0]]
        if len(between) == 1 and is_name(text[between[0]]):
            byline = between[0]
    return Header(
        title=" ".join(text[i] for i in title_at) or None,
        subtitles=[text[i].lstrip("-–— ") for i in subtitles],
        captions=[text[i] for i in captions],
        byline=text[byline] if byline is not None else None,
        published=parse_date(text[dates[0]]) if dates else None,
        dated=text[dates[0]] if dates else None,
        title_lines=title_at,
        used=sorted(
            {*title_at, *subtitles, *captions, *([byline] if byline is not None else []), *dates[:1]}
        ),
    )


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")
"""Runs of the scripts that write no space between words: Han, kana and Hangul (whose words
also carry particles), Thai, Lao, Myanmar and Khmer."""


@functools.cache
def _word() -> re.Pattern[str]:
    """A word: two letters or more, each with its combining marks. `\\w` takes no mark, and a
    vowel sign of Devanagari ("नदी"), Bengali or Tamil is one: a word of those scripts would
    come apart at each. As in English, where "a" and "I" are no terms, a letter with its marks
    alone is none: the postpositions of Hindi ("का", "में") are such. Built on first use from
    the Unicode database of the Python it runs on."""
    spans: list[list[int]] = []  # the marks' code points, as ranges
    for c in range(0x300, 0x10000):
        if unicodedata.category(chr(c)).startswith("M"):
            if spans and spans[-1][1] == c - 1:
                spans[-1][1] = c
            else:
                spans.append([c, c])
    marks = "".join(f"{chr(first)}-{chr(last)}" for first, last in spans)
    return re.compile(rf"(?:[^\W\d_][{marks}]*){{2,}}")


STEM = 6
"""Words are compared by their first letters ("hibernating" and "hibernate")."""
MIN_ECHO_TERMS = 3
"""A line of fewer terms has no echo: a section name or a menu item echoes the body by chance."""


@functools.lru_cache(maxsize=4096)
def terms(text: str) -> frozenset[str]:
    """A line's terms in any script: words of letters (with their combining marks), and the
    character pairs of runs of the scripts that write no space between words (`_UNSPACED`).
    Cached: a story's opening lines are read for each headline tried.

    >>> sorted(terms("Storms hit 3 towns")), sorted(terms("정부는 대책"))
    (['hit', 'storms', 'towns'], ['대책', '부는', '정부'])
    >>> sorted(terms("नदी में पुल")), sorted(terms("สะพานใหม่"))
    (['नदी', 'पुल'], ['นใ', 'พา', 'ม่', 'สะ', 'หม', 'ะพ', 'าน', 'ให'])
    """
    lowered = text.lower()
    found = {word[:STEM] for word in _word().findall(_UNSPACED.sub(" ", lowered))}
    for run in _UNSPACED.findall(lowered):
        found.update(run[k : k + 2] for k in range(len(run) - 1))
    return frozenset(found)


def content_terms(found: frozenset[str] | set[str]) -> list[str]:
    """The terms that name something: words of `CONTENT_LETTERS` letters or more, and the
    character pairs of the scripts that write no space between words (`_UNSPACED`); no article,
    preposition or pronoun of a spaced script.

    >>> sorted(content_terms(terms("Aller Media er ansvarlig for dine data på 武汉长假")))
    ['aller', 'ansvar', 'data', 'dine', 'media', '武汉', '汉长', '长假']
    >>> content_terms(terms("ข่าว"))  # Thai: pairs, as Chinese
    ['ข่', 'าว', '่า']
    """
    return sorted(term for term in found if len(term) >= CONTENT_LETTERS or _UNSPACED.match(term))


CONTENT_LETTERS = 4


def shares_a_term(line: str, body: frozenset[str] | set[str]) -> bool:
    """Whether a line uses any term of the body (a story's title does).

    >>> body = terms("Heavy storms hit three towns on Monday.")
    >>> shares_a_term("Storms", body), shares_a_term("Newsletter", body)
    (True, False)
    """
    return not terms(line).isdisjoint(body)


def echo(line: str, body: frozenset[str] | set[str]) -> float:
    """The share of a line's terms that the body uses too: a story's headline names what its
    first paragraphs tell, a menu item or another story's headline does not.

    >>> body = terms("Heavy storms hit three towns on Monday, cutting power to thousands.")
    >>> echo("Storms hit three towns", body), echo("Sports", body), echo("Markets rally again", body)
    (1.0, 0.0, 0.0)
    """
    own = terms(line)
    return len(own & body) / len(own) if len(own) >= MIN_ECHO_TERMS else 0.0


def _title_lines(
    text: list[str], live: list[int], shown_twice: set[int], max_chars: int
) -> tuple[list[int], list[int]]:
    """The line (or kicker and line) that holds the headline, in three tries; and deck lines."""
    first_subtitle = next((i for i in live if is_subtitle(text[i])), None)
    for k, i in enumerate(live):  # 1. a headline shown twice, above any deck line or headline
        above = text[live[k - 1]] if k else ""
        under_headline = is_subtitle(above) or (
            len(above) > _KICKER_MAX_CHARS and is_headline(above, max_chars)
        )
        if (
            i in shown_twice
            and is_headline(text[i], max_chars)
            and (first_subtitle is None or i < first_subtitle)
            and not under_headline  # a line shown twice under a headline is its photo's caption
        ):
            return [i], []
    passed_field = False
    for i in reversed(live):  # 2. the headline just above the byline or dateline
        if is_credit(text[i]):
            passed_field = True
        elif is_headline(text[i], max_chars) and i not in shown_twice:
            if passed_field:
                return [i], []
            break
    group = _group(text, live, shown_twice, max_chars)  # 3. the top of the headline group
    if not group:
        return [], []
    if len(group) > _GROUP_MAX_LINES:
        return [group[-1]], []  # a menu, not a headline with its deck: take the line nearest the body
    kicker = len(group) > 1 and _is_kicker(text[group[0]]) and group[1] - group[0] <= 2
    # right above the headline: no line between them but a blank one (a repeat left out of the group is one)
    kicker = kicker and not any(text[i] for i in range(group[0] + 1, group[1]))
    title = group[:2] if kicker else group[:1]
    return title, group[len(title) :]


def _group(text: list[str], live: list[int], shown_twice: set[int], max_chars: int) -> list[int]:
    """Headline-shaped lines right above the body (deck lines and captions may sit among them)."""
    group: list[int] = []
    previous = None
    for i in reversed(live):
        if previous is not None and previous - i > _GROUP_GAP:
            break  # a wide gap of blank lines: the header ends
        previous = i
        if is_headline(text[i], max_chars) and i not in shown_twice:
            group.insert(0, i)
        elif not (is_subtitle(text[i]) or i in shown_twice or is_caption(text[i])):
            break
    return group


def _is_kicker(text: str) -> bool:
    """A short overline above a headline (an organisation, a series name); not a section label."""
    return len(text) <= _KICKER_MAX_CHARS and not (text.isascii() and text.upper() == text)
