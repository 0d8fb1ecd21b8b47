"""How kept lines become stories: a line taken for a header never swallows a paragraph, and
every line the chrome stage kept ends in a story or with a removal reason."""

from __future__ import annotations

from dataclasses import replace

import pytest

from clipclean import Clipping, Config
from clipclean.pipeline import clean_page
from clipclean.stages import chrome, repeats, split

WRAPPED = [
    "Notes from the harbour",
    "",
    "The ferry to the island left an hour late this morning",
    "because the crew waited for spare parts from the mainland",
    "and the harbour master would not let it sail without them",
    "",
    "More from the harbour desk",
]


def test_a_hard_wrapped_paragraph_above_a_headline_shaped_line_stays_one_paragraph() -> None:
    # every line of the paragraph is shaped like a headline (no full stop), and so is the
    # chrome line below it: taking the last line for a header used to take them all
    reasons: list[str | None] = [None] * 6 + [chrome.OUTSIDE]
    [story] = split.split(WRAPPED, reasons, [None] * len(WRAPPED), Config())
    assert story.title == "Notes from the harbour"
    assert story.paragraphs == [" ".join(WRAPPED[2:5])]


def test_a_hard_wrapped_paragraph_s_first_line_is_no_title() -> None:
    # an extractor's text (or a clipping) that starts with a wrapped paragraph: its first line
    # is shaped like a headline, but runs on into the next in lower case
    lines = WRAPPED[2:5]
    [story] = split.split(lines, [None] * 3, [None] * 3, Config(), articles=[0])
    assert story.title is None
    assert story.paragraphs == [" ".join(lines)]
    # a headline over a byline that starts in lower case is still the headline
    lines = ["Ferry to the island sails an hour late", "by Jane Doe", WRAPPED[2] + "."]
    [story] = split.split(lines, [None] * 3, [None] * 3, Config(), articles=[0])
    assert story.title == lines[0]


def test_an_extracted_text_s_first_line_under_the_page_s_title_is_its_deck_unless_longer_than_the_rest() -> (
    None
):
    # an extractor's text under the page's known title: a headline-shaped first line is the
    # deck; a short post's first line (a list of names, no full stop) wider than the rest is text
    names = "Club officers: Park (founder), Lee (treasurer), Choi (captain), Kim (coach)"
    post = [names, "", "The same crowd, once again."]
    [story] = split.split(post, [None] * 3, [None] * 3, Config(), title_hint="Old names", articles=[0])
    assert (story.title, story.subtitles, story.paragraphs) == ("Old names", [], [names, post[2]])
    deck = "The harbour bridge closes to cars from next spring"
    article = [deck, "", "The city council voted on Monday to close the old harbour bridge to cars."]
    [story] = split.split(
        article, [None] * 3, [None] * 3, Config(), title_hint="Bridge to close", articles=[0]
    )
    assert (story.title, story.subtitles, story.paragraphs) == ("Bridge to close", [deck], [article[2]])


def test_a_line_that_opens_a_list_is_no_headline_nor_deck() -> None:
    # a text's first line that ends in a colon over a list's items introduces the list: it is
    # neither the story's headline nor, under the page's known title, its deck
    intro = "Join our free webinar with the harbour's engineers, who will cover:"
    lines = [intro, "- The state of the old bridge", "- The cost of the repairs", "Sign up today."]
    [story] = split.split(lines, [None] * 4, [None] * 4, Config(), title_hint="Bridge webinar", articles=[0])
    assert (story.title, story.subtitles, story.paragraphs[0]) == ("Bridge webinar", [], intro)
    [story] = split.split(lines, [None] * 4, [None] * 4, Config(), articles=[0])
    assert story.title is None and story.paragraphs[0] == intro


@pytest.mark.parametrize(
    ("intro", "stays"), [("In a food processor or blender, mix together:", True), ("Tags:", False)]
)
def test_a_line_that_introduces_what_follows_is_text_not_a_headline_over_it(intro: str, stays: bool) -> None:
    # amid the body, over a line the chrome stage took out that is shaped like a headline: a
    # line ending in a colon introduces it (the ingredients, a quote) and is no headline of a
    # story with no body; a label of one term ("Tags:") over its box of links is still no text
    lines = [
        "Pumpkin pie with a pecan crumble",
        "",
        "The crust can be made a day ahead and kept in the fridge overnight.",
        "",
        intro,
        "Brown sugar and maple syrup",
        "",
        "Pour the filling into the crust and bake it for forty minutes.",
    ]
    reasons: list[str | None] = [None] * len(lines)
    reasons[5] = chrome.MENU
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert (intro in story.paragraphs) is stays
    assert story.paragraphs[-1] == lines[-1]


def test_a_post_s_lines_that_end_in_a_polite_ending_are_its_text_not_headlines() -> None:
    # a Korean post written a phrase a line: its lines end as sentences spoken to the reader do
    # ("…다녀왔어요!", "…예요 ㅎㅎ"), with no full stop; no headline ends so. One the chrome stage
    # took out (a short line) made the lines above it a headline over its deck lines.
    phrases = ["안녕하세요 곰돌이예요 ㅎㅎ", "지난 주말에 친구랑 강릉에 다녀왔어요!", "날씨가 정말 좋아서"]
    phrases += [
        "바다가 정말 예뻤어요 🌊",
        "첫날에는 안목해변 카페거리에 갔어요.",
        "고소하고 부드러워서 추천해요!",
    ]
    lines = ["강릉 1박 2일 여행 코스", "", "2026. 6. 2. 20:15", ""]
    lines += [line for phrase in phrases for line in (phrase, "")]
    reasons: list[str | None] = [chrome.MENU if line == phrases[3] else None for line in lines]
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    # (the date line the chrome stage kept stays in the text, and gives the date)
    kept = [lines[2], *phrases[:3], *phrases[4:]]
    assert (story.title, story.subtitles, story.paragraphs) == ("강릉 1박 2일 여행 코스", [], kept)


def test_every_kept_line_ends_in_a_story_or_has_a_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    # the chrome stage keeps every line here: the headline and deck at the bottom head no story
    monkeypatch.setattr(chrome, "classify", lambda lines, model: [chrome.line_reason(x) for x in lines])
    text = "\n".join(
        [
            "Bridge to close to cars",
            "",
            "The city council voted on Monday to close the old harbour bridge to cars from next spring.",
            "Engineers found cracks in two of its steel beams during an inspection in March.",
            "",
            "Weather for the weekend",
            "- Rain on Saturday, sun on Sunday",
        ]
    )
    page = clean_page(Clipping("kept.txt", text.encode()), Config())
    fields = " ".join(" ".join([s.title or "", *s.subtitles, *s.captions, s.text]) for s in page.stories)
    removed = {r.line: r.reason for r in page.removals}
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            assert line.strip() in fields or number in removed, line
    assert removed == {6: split.NO_STORY, 7: split.NO_STORY}


def test_an_html_article_s_headline_is_its_title_not_a_removal() -> None:
    paragraphs = "".join(
        f"<p>{line} The council will decide on the details at its next meeting in the town hall.</p>"
        for line in (
            "The city council voted on Monday to close the old harbour bridge to cars from next spring.",
            "Engineers found cracks in two of its steel beams during an inspection in March.",
            "Cyclists and people on foot will still be able to cross the river there.",
        )
    )
    page = (
        "<html><head><title>Bridge to close to cars</title></head><body><article>"
        f"<h1>Bridge to close to cars</h1>{paragraphs}</article></body></html>"
    )
    result = clean_page(Clipping("bridge.html", page.encode(), kind="html"), Config())
    [story] = result.stories
    assert story.title == "Bridge to close to cars"
    assert [r.reason for r in result.removals if r.reason == split.NO_STORY] == []


def test_a_body_shown_twice_in_another_order_is_body_not_captions() -> None:
    paragraphs = [
        "The ferry to the island left an hour late this morning because of a delayed delivery.",
        "The crew waited for spare parts from the mainland workshop near the old harbour gate.",
        "Passengers were offered coffee and a seat in the terminal while the parts were fitted.",
    ]
    # a print copy below, its paragraphs between other lines: no run repeats in the same order
    lines = ["Ferry leaves late", "", *paragraphs, "", "Print this story"]
    lines += [paragraphs[1], "Share", paragraphs[0], "Share", paragraphs[2]]
    reasons: list[str | None] = [None] * 6 + [chrome.MENU] * 6
    repeat_of: list[int | None] = [None] * 7
    repeat_of += [3, None, 2, None, 4]
    [story] = split.split(lines, reasons, repeat_of, Config())
    assert story.paragraphs == paragraphs and story.captions == []


def test_a_long_paragraph_quoted_far_below_stays_body_and_a_long_caption_shown_twice_is_one() -> None:
    quoted = (
        "Engineers say the bridge can carry buses again once the new bearings are fitted, and the "
        "city expects that in March, though the cost of the steel has doubled since the plan was "
        "drawn up and the council has yet to say where the money will come from."
    )
    caption = (
        "Workers fit a bearing under the east span of the old bridge on Monday, as traffic waits on "
        "the ramp behind them; the city closed the bridge to buses in May after an inspection found "
        "cracks in three of its twelve bearings. (Photo: City Press)"
    )
    body = ["Bridge to reopen in March", "", quoted, "", caption, "", caption]
    body += ["", "The council meets on Thursday to vote on the budget for the bridge.", ""]
    box = ["In short", "", quoted, "", "Comments are closed.", ""]
    lines = [*body, *["Sponsored links", ""] * 6, *box]
    kept = {0, 2, 4, 8}  # the chrome stage took out the box's heading and notice and the links
    reasons: list[str | None] = [
        None if i in kept or not line else chrome.MENU for i, line in enumerate(lines)
    ]
    repeat_of: list[int | None] = [None] * len(lines)
    repeat_of[6], repeat_of[len(body) + 12 + 2] = 4, 2
    [story] = split.split(lines, reasons, repeat_of, Config())
    assert story.title == "Bridge to reopen in March"
    assert story.captions == [caption]
    assert story.paragraphs == [quoted, lines[8]]


MENU = ["Home", "World", "Sport", "Business", "Culture", "Log in", ""]
STORY = [
    "Government announces new plan to support small businesses",
    "",
    "Cairo, 3 December 2026",
    "",
    "The government announced on Wednesday a new plan to support small businesses, the finance "
    "minister said, and it will take effect next month.",
    "",
    "Under the plan, shop owners will get low-interest loans and apply for them online.",
]


def test_the_headline_is_the_line_that_echoes_the_body_not_the_menu_above_it() -> None:
    # the chrome stage took the menu off and kept the headline and the dateline as body: the
    # menu items are headline-shaped and sit right above the body, but name nothing it tells
    lines = [*MENU, *STORY]
    reasons: list[str | None] = [chrome.MENU if line else None for line in MENU] + [None] * len(STORY)
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert story.title == STORY[0]
    assert story.subtitles == []
    assert story.paragraphs == [STORY[2], STORY[4], STORY[6]]


def test_a_headline_far_above_the_body_is_found_by_its_echo() -> None:
    # share buttons, a byline and a picture's credit stand between the headline and the body
    between = ["Share", "Tweet", "Print", "By Jane Roe, staff writer", "Photo: J. Roe", "Comments", ""]
    lines = ["Sections", "", STORY[0], "", *between, *STORY[4:]]
    reasons: list[str | None] = [None if line in STORY[4:] else chrome.MENU for line in lines]
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert story.title == STORY[0]
    assert story.byline == "By Jane Roe, staff writer"


DECK = "Shop owners will get low-interest loans from next month under the government's new plan"


@pytest.mark.parametrize("kept", [False, True])
def test_a_headline_over_its_longer_deck_is_the_title_and_the_deck_a_subtitle(kept: bool) -> None:
    # a section's name shown twice, the headline, its deck, the byline: the deck echoes the
    # body as much as the headline does, and more of it; the headline is the line over it,
    # whether the chrome stage kept the deck (the body's first line) or took it out with the
    # headline (a header line)
    lines = ["Business", "", STORY[0], DECK, "By Jane Roe", "", *STORY[4:]]
    reasons: list[str | None] = [chrome.MENU, None, chrome.OUTSIDE, None if kept else chrome.OUTSIDE]
    reasons += [None] * (len(lines) - len(reasons))
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert (story.title, story.subtitles, story.byline) == (STORY[0], [DECK], "By Jane Roe")
    assert story.paragraphs[-2:] == [STORY[4], STORY[6]] and DECK not in story.paragraphs
    assert 3 in story.used


def test_a_menu_item_over_a_headline_that_echoes_the_body_is_not_the_title() -> None:
    # "Small business loans" names what the story tells, but the chrome stage read it as an
    # item of the menu above the headline
    lines = ["World", "Sport", "Small business loans", DECK, "By Jane Roe", "", *STORY[4:]]
    reasons: list[str | None] = [chrome.MENU] * 3 + [None] * (len(lines) - 3)
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert story.title == DECK


@pytest.mark.parametrize(
    "caption",
    [
        'בית הספר "אורנים" בעיר. הגג יכוסה בפאנלים כבר בחודש הבא (צילום: רועי מזרחי)',
        "راسته اصلی بازار پس از پایان مرمت / عکس: علی اکبری",
        "খালের ওপর নির্মিত নতুন সেতু। ছবি: নদীবার্তা",
        "Il gol del 2-1 di Sangalli all'88' (Foto Studio Luce)",
        "Mga nasunog na puwesto sa palengke. (Kuha ni Carlo M. Dizon)",
        "학생들이 상장을 들고 기념촬영을 하고 있다. /해담중 제공",
        "圖為夜間公車停靠台北車站。（華光社檔案照片）",
        "雪の中を走るひばり野線の列車＝千歳原市で2月、早瀬悠真撮影",
        "昨年夏の納涼祭で打ち上げられた花火（商店会提供）",
    ],
)
def test_a_photo_s_credit_in_more_languages_makes_its_line_a_caption(caption: str) -> None:
    # Hebrew, Persian, Bengali "photo:", Italian and Tagalog credits in parentheses, Korean
    # "courtesy of", Chinese "file photo", Japanese "＝place, date, photographer" and "(courtesy
    # of)": set among the paragraphs, the line is a caption
    lines = [STORY[0], "", STORY[2], "", caption, "", STORY[4], "", STORY[6]]
    [story] = split.split(lines, [None] * len(lines), [None] * len(lines), Config())
    assert story.captions == [caption] and caption not in story.paragraphs


def test_a_button_shown_twice_is_no_caption_and_keeps_a_removal_reason() -> None:
    # "Share" over the article and under it, like a photo's caption shown twice: a label of
    # one term describes no photo; it is neither a caption nor text, and it is counted
    caption = "Photo: Jane Roe / Example Agency"
    lines = [STORY[0], "Share", caption, "", *STORY[2:], "", "Share", caption]
    reasons: list[str | None] = [None] * len(lines)
    repeat_of: list[int | None] = [None] * (len(lines) - 2) + [1, 2]
    [story] = split.split(lines, reasons, repeat_of, Config())
    assert story.captions == [caption]
    assert 1 not in story.used and "Share" not in story.paragraphs
    page = clean_page(Clipping("share.txt", "\n".join(lines).encode()), Config(detect_language=False))
    [record] = page.stories
    assert record.captions == [caption]
    assert any(removal.text == "Share" for removal in page.removals)


def test_a_header_line_that_names_nothing_in_the_story_is_no_title() -> None:
    lines = ["Advertisement", "", *STORY[4:]]
    reasons: list[str | None] = [chrome.OUTSIDE, None, *[None] * len(STORY[4:])]
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert story.title is None
    assert 0 not in story.used  # the line keeps its removal reason
    assert story.paragraphs == [STORY[4], STORY[6]]


def test_a_section_s_name_shown_twice_over_a_headline_the_chrome_stage_took_out_is_not_its_title() -> None:
    # "Politics" in the menu and again over the headline is shown twice, so it was taken for
    # the headline; it names nothing the story tells, and the body opens with no headline of
    # its own. The header read again without it gives the headline, which names two things the
    # story tells (shop owners), though too few of its words for its echo alone to find it.
    menu = ["Home", "World", "Politics", "Science", "Sport", "Culture", "Travel", "Weather"]
    headline = "Harbour town shop owners cheer as relief finally arrives"
    lines = [*menu, "", "Politics", "", headline, "", *STORY[4:]]
    reasons: list[str | None] = [*[chrome.MENU] * 8, None, chrome.MENU, None, chrome.OUTSIDE]
    reasons += [None] * (len(lines) - len(reasons))
    repeat_of: list[int | None] = [None] * len(lines)
    repeat_of[9] = 2
    [story] = split.split(lines, reasons, repeat_of, Config())
    assert story.title == headline
    assert story.paragraphs == [STORY[4], STORY[6]]
    # a line that shares only a short word with the story ("for") is no title
    lines[11] = "Sign up for our newsletter today"
    [story] = split.split(lines, reasons, repeat_of, Config())
    assert story.title is None
    # nor is the author's name over the date line, read next when the section's name is left out
    lines[11:12] = [headline, "Jane Roe", "3 December 2026"]
    reasons[11:12] = [chrome.OUTSIDE] * 3
    repeat_of[11:12] = [None] * 3
    [story] = split.split(lines, reasons, repeat_of, Config())
    assert (story.title, story.published) == (headline, "2026-12-03")
    # with no blank lines (a clipping pasted flat), the menu's item left above the headline once
    # the section's name below it is left out is no kicker of the headline: a kicker stands
    # right above it
    menu = ["Home", "World", "Science", "Travel", "Politics", "Sport"]
    lines = [*menu, "Politics", headline, "Jane Roe", "3 December 2026", STORY[4], STORY[6]]
    reasons = [*[chrome.MENU] * 7, chrome.OUTSIDE, chrome.OUTSIDE, None, None, None]
    repeat_of = [None] * len(lines)
    repeat_of[6] = 4
    [story] = split.split(lines, reasons, repeat_of, Config())
    assert story.title == headline


def test_a_menu_read_as_a_headline_and_its_deck_gives_neither_title_nor_subtitles() -> None:
    # a menu's items right above the body look like a headline over its deck lines; none
    # names anything the story tells
    lines = ["Home", "World", "Sport", "", *STORY[4:]]
    reasons: list[str | None] = [chrome.MENU] * 3 + [None] * (len(lines) - 3)
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert (story.title, story.subtitles) == (None, [])
    assert not {0, 1, 2} & set(story.used)  # the lines keep their removal reason


def test_a_date_above_a_headline_found_by_its_echo_is_still_the_story_s_date() -> None:
    lines = ["Wednesday 3 December 2026", "", "World", "Sport", "", STORY[0], "", *STORY[4:]]
    reasons: list[str | None] = [None if line in STORY[4:] else chrome.MENU for line in lines]
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert (story.title, story.published) == (STORY[0], "2026-12-03")


def test_a_dateline_kept_as_the_body_s_first_line_gives_the_story_its_date() -> None:
    lines = list(STORY)  # a clean article: headline, dateline, paragraphs, all kept
    [story] = split.split(lines, [None] * len(lines), [None] * len(lines), Config())
    assert (story.title, story.published) == (STORY[0], "2026-12-03")
    assert story.paragraphs == [STORY[2], STORY[4], STORY[6]]  # the dateline stays in the text


def test_a_byline_kept_as_the_body_s_first_line_gives_the_story_its_byline() -> None:
    lines = [STORY[0], "", "By Jane Roe on December 3, 2026", "", STORY[4], "", STORY[6]]
    [story] = split.split(lines, [None] * len(lines), [None] * len(lines), Config())
    assert (story.byline, story.published) == ("By Jane Roe on December 3, 2026", "2026-12-03")
    assert story.paragraphs[0] == lines[2]  # it stays in the text


@pytest.mark.parametrize(("between", "byline"), [("Jana Nováková", "Jana Nováková"), ("Share this", None)])
def test_a_bare_name_under_the_headline_over_the_date_is_the_byline(between: str, byline: str | None) -> None:
    # many sites print the author's name with no "By": alone on its line, under the headline
    # and over the date; a button's label there is no name
    lines = [STORY[0], "", between, "3 December 2026", "", *STORY[4:]]
    reasons: list[str | None] = [chrome.OUTSIDE, None, chrome.MENU, chrome.OUTSIDE, *[None] * 4]
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert (story.title, story.byline, story.published) == (STORY[0], byline, "2026-12-03")


@pytest.mark.parametrize(
    "byline",
    [
        "de Andrei Popescu",
        "Szerző: Szabó Péter",
        "Piše: Ana Horvat",
        "Ni Carlo M. Dizon",
        "NA JUMA MWINYI",
        "dal nostro inviato Paolo Brambati",
        "خبرنگار: مریم احمدی",
        "ঢাকা প্রতিনিধি",
    ],
)
def test_a_byline_in_a_language_with_its_own_word_for_by_is_the_story_s_byline(byline: str) -> None:
    # Romanian "de" (also "of"), Tagalog "Ni", Swahili "Na" (also "and"): only over a name
    # alone; Hungarian "Szerző:", Croatian "Piše:", Italian "from our correspondent", Persian
    # "reporter:", Bengali "Dhaka correspondent"; a byline in lower case under the headline is
    # no line of a paragraph wrapped short either
    headline = "Energy prices fall from January. What changes for households"
    lines = [headline, byline, "3 December 2026", "", *STORY[4:]]
    [story] = split.split(lines, [None] * len(lines), [None] * len(lines), Config())
    assert (story.title, story.byline) == (headline, byline)


@pytest.mark.parametrize("byline", ["Yazar: Ayşe Demir", "Oleh Budi Santoso", "By Jane Roe"])
def test_a_byline_the_chrome_stage_took_out_under_a_kept_headline_is_the_story_s_byline(byline: str) -> None:
    # the headline opens the kept lines, the byline under it reads to the model as a menu's item
    lines = [STORY[0], "", byline, "", *STORY[2:]]
    reasons: list[str | None] = [chrome.MENU if line == byline else None for line in lines]
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert (story.title, story.byline, story.published) == (STORY[0], byline, "2026-12-03")
    assert story.paragraphs == [STORY[2], STORY[4], STORY[6]]  # the byline is not text


@pytest.mark.parametrize("credit", ["Von Anna Schmidt", "By Jane Roe", "3 December 2026, 18:45"])
def test_a_credit_line_the_chrome_stage_took_out_under_a_kept_lede_is_the_story_s(credit: str) -> None:
    # headline, lede, byline or date line, body: the model keeps the lede and rejects the
    # credit line between it and the body; it is the story's byline or date all the same
    lede = "The plan gives shop owners low-interest loans from next month."
    lines = [STORY[0], lede, credit, STORY[4], "", STORY[6]]
    reasons: list[str | None] = [chrome.BOILERPLATE if line == credit else None for line in lines]
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert (story.byline or story.published) == (credit if credit[0].isalpha() else "2026-12-03T18:45")
    assert 2 in story.used and story.paragraphs[0] == lede  # not removed, and not text


def test_stories_under_one_date_line_shown_over_each_get_that_date_not_a_caption() -> None:
    # a portal's page of two stories, the same date line over each: the second copy is a
    # repeat of the first, and a line shown twice reads like a caption shown twice
    first = [STORY[0], "", "By Jane Roe", "", "3 December 2026", "", STORY[4], "", STORY[6]]
    second = [
        "City library reopens after two years of building work",
        "",
        "By Sam Poe",
        "",
        "3 December 2026",
        "",
        "The city library opened its doors again on Tuesday after two years of building work that "
        "renewed its reading rooms, its roof and the old stairs up to the map room.",
        "",
        "A room for children has opened on the ground floor, and the students' hall now stays open "
        "until midnight on weekdays, the library's director said at the opening.",
    ]
    lines = [*first, "", "Share on Facebook", "", *second]
    menu = {second[0], "By Sam Poe", "Share on Facebook"}  # the chrome stage took these for a menu
    reasons: list[str | None] = [chrome.MENU if line in menu else None for line in lines]
    repeat_of = [4 if k == len(first) + 7 else None for k in range(len(lines))]
    stories = split.split(lines, reasons, repeat_of, Config())
    assert [(s.title, s.byline, s.published) for s in stories] == [
        (STORY[0], "By Jane Roe", "2026-12-03"),
        (second[0], "By Sam Poe", "2026-12-03"),
    ]
    assert not any(s.captions for s in stories)


def test_the_line_above_the_dateline_is_the_headline_even_far_above_the_body() -> None:
    # a portal's article page: headline, dateline and byline, then a dozen buttons, then a photo
    # whose credit line echoes the body too; the headline is the line above the dateline
    buttons = ["Share", "Tweet", "Print", "Text size", "Smaller", "Larger", "Listen", "Stop", "Close"]
    lines = [
        STORY[0], "3 December 2026 11:01", "Jane Roe, reporter",
        *buttons, "Loans for small businesses will be online, the minister said",
        *STORY[4:],
    ]  # fmt: skip
    reasons: list[str | None] = [None if line in STORY[4:] else chrome.MENU for line in lines]
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert (story.title, story.published) == (STORY[0], "2026-12-03T11:01")


def test_an_article_cut_by_a_block_of_related_headlines_is_one_story(monkeypatch: pytest.MonkeyPatch) -> None:
    # the chrome stage rejects the block of related headlines between two paragraphs: it looks
    # like the header of a new story, but its headline names the text above it as well as below
    related = ["Related", "Storms hit three towns again on Monday", "Storms: power cut to towns for hours"]
    first = "Heavy storms hit three towns on Monday, cutting power to thousands of homes for hours."
    second = "Crews worked through the night in the three towns to bring power back after the storms."
    lines = ["Storms cut power to three towns", "", first, "", *related, "", second]

    def rejects_related(page: list[str], model: object) -> list[str | None]:
        return [chrome.OUTSIDE if line in related else chrome.line_reason(line) for line in page]

    monkeypatch.setattr(chrome, "classify", rejects_related)
    page = clean_page(Clipping("aside.txt", "\n".join(lines).encode()), Config())
    [story] = page.stories
    assert (story.title, story.text) == (lines[0], f"{first}\n\n{second}")
    removed = {r.line: r.reason for r in page.removals}
    assert [removed.get(n) for n in (5, 6, 7)] == [chrome.OUTSIDE] * 3  # the block keeps its reasons


def test_a_long_cjk_paragraph_ending_in_a_question_is_not_taken_for_a_headline() -> None:
    # no full stop at its end, and a headline-shaped chrome line below it: measured in display
    # columns (a CJK character takes two), its 76 characters are a paragraph, not a headline
    last = (
        "駅の新しい券売機は来月から全国に広がる予定で、小銭を持たなくても切符が買えるようになる。"
        "朝の改札前の長い行列も、これで少しは短くなるのではないだろうか？"
    )
    lines = [
        "新しい券売機が駅に登場",
        "",
        "東京の駅で今週、交通系のカードだけで使える新しい券売機が動き始めた。",
        "",
        last,
        "",
        "出典 鉄道ニュース編集部",
    ]
    reasons: list[str | None] = [None] * 6 + [chrome.MENU]
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert story.title == lines[0]
    assert story.paragraphs == [lines[2], last]


def test_a_list_led_by_dashes_stays_in_the_story_while_a_deck_under_a_headline_leaves_it() -> None:
    # a dash leads a deck line under a headline (as on the Korean seeds) and an item of a list:
    # a list that a line introduces, or longer than a headline's decks, is the story's text
    fixes = ["Faster start on old phones", "Fewer crashes when the battery is low", "Maps that work offline",
             "A dark mode", "Larger text for the keyboard", "Calls that stay up on trains"]  # fmt: skip
    items = [f"- {fix}" for fix in fixes]
    intro = "The update reached phones in Europe this week. Here is what changed:"
    lines = [
        "Phone update fixes crashes",
        "",
        intro,
        *items,
        "",
        "Storm hits the coast",
        "- Roofs torn off in two towns",
    ]
    lines += ["", "Winds of over 120 km/h tore roofs off houses in two towns on the coast on Monday night."]
    reasons: list[str | None] = [None] * len(lines)
    first, second = split.split(lines, reasons, [None] * len(lines), Config())
    assert first.paragraphs == [intro, *items]
    assert (second.title, second.subtitles) == ("Storm hits the coast", ["Roofs torn off in two towns"])


def test_a_lede_shown_first_in_a_teaser_the_chrome_stage_removed_stays_in_its_story(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lede = "The city council voted on Monday to close the old harbour bridge to cars from next spring."
    more = "Engineers found cracks in two of its steel beams during an inspection in March."
    teaser = ["Most read", lede]
    lines = [*teaser, "", "Bridge to close to cars", "", lede, "", more]

    def removes_the_teaser(page: list[str], model: object) -> list[str | None]:
        return [chrome.MENU if n < len(teaser) else chrome.line_reason(line) for n, line in enumerate(page)]

    monkeypatch.setattr(chrome, "classify", removes_the_teaser)
    page = clean_page(Clipping("teaser.txt", "\n".join(lines).encode()), Config())
    [story] = page.stories
    assert story.text == f"{lede}\n\n{more}"
    assert {r.line: r.reason for r in page.removals}[2] == chrome.MENU  # the teaser's copy keeps its reason


def test_the_headline_under_a_site_s_tagline_that_the_chrome_stage_kept_is_the_title() -> None:
    # the tagline is the body's first line and shaped like a headline; the headline below it
    # names what the story tells (and stands above its dateline)
    lines = [
        "Notes on harbours, ferries and the towns around them",
        "",
        "Old harbour bridge to close to cars",
        "",
        "Posted on March 3, 2026 by the harbour desk",
        "",
        "The city council voted on Monday to close the old harbour bridge to cars from next spring.",
        "",
        "Engineers found cracks in two of the bridge's steel beams during an inspection in March.",
    ]
    [story] = split.split(lines, [None] * len(lines), [None] * len(lines), Config())
    assert story.title == lines[2]
    assert story.paragraphs[-2:] == [lines[6], lines[8]]
    assert 0 not in story.used  # the tagline leaves the story (as no_story, with the page's other leftovers)


def test_thai_paragraphs_with_no_sentence_mark_are_prose_not_headlines() -> None:
    # Thai ends a sentence with a space, not a mark, and runs its words together: each of these
    # paragraphs, under 150 columns and without a full stop, was shaped like a headline, so with
    # a photo's caption between each two the page gave no story at all (or a list of teasers)
    paragraphs = [
        "ฝนตกหนักทั่วกรุงเทพมหานครตั้งแต่เช้าวันจันทร์ ทำให้ถนนหลายสายมีน้ำท่วมขังสูงกว่าครึ่งเมตร "
        "และการจราจรติดขัดอย่างหนักในช่วงเวลาเร่งด่วน",
        "กรมอุตุนิยมวิทยาคาดว่าฝนจะตกต่อเนื่องไปอีกสามวัน โดยเฉพาะในพื้นที่ภาคกลางและภาคตะวันออก "
        "ประชาชนควรติดตามประกาศของทางราชการอย่างใกล้ชิด",
        "ผู้ว่าราชการกรุงเทพมหานครสั่งให้เจ้าหน้าที่เปิดประตูระบายน้ำทุกแห่ง "
        "และเตรียมเครื่องสูบน้ำเพิ่มอีกสองร้อยเครื่องในเขตที่น้ำท่วมซ้ำซาก",
        "ร้านค้าริมถนนสุขุมวิทหลายแห่งต้องปิดกิจการชั่วคราว "
        "เจ้าของร้านรายหนึ่งกล่าวว่าน้ำเข้าร้านเป็นครั้งที่สามในปีนี้ และยังไม่ได้รับความช่วยเหลือ",
    ]
    captions = ["ภาพ: รถติดบนถนนพระราม 4", "ภาพ: ประตูระบายน้ำคลองเตย", "ภาพ: ร้านค้าปิดชั่วคราว"]
    body = [paragraphs[0]]
    for caption, paragraph in zip(captions, paragraphs[1:], strict=True):
        body += [caption, paragraph]
    text = "หน้าแรก\nข่าว\nกีฬา\n\nฝนถล่มกรุงเทพฯ น้ำท่วมหลายจุด\n\n" + "\n\n".join(body)
    page = clean_page(Clipping("thai.txt", text.encode()), Config())
    told = "\n".join(story.text for story in page.stories)
    assert [paragraph in told for paragraph in paragraphs] == [True] * 4


def test_cjk_lines_that_ended_their_paragraphs_are_not_glued_together() -> None:
    """A print layout cuts a Korean paragraph mid-word, and the halves join with nothing
    between them; but headlines one to a line, a dateline above a paragraph, or a Japanese
    paragraph whose last sentence has no full stop ended there, and stay apart."""
    headlines = ["시청 앞 광장에 새 분수 생겨", "주말 비 소식에 나들이객 줄어", "시내버스 노선 다음 달 개편"]
    dated = ["2024年5月20日 16:46 東西新聞", "市は二十日、駅前の広場を来年春までに改修すると発表した。" * 2]
    casual = ["駅前に新しい店ができた。夜になると雰囲気が増す", "週末は家族で行ってみたい"]
    for lines in (headlines, dated, casual):
        assert split.join_broken(lines) == lines
    first = "정부는 내년부터 도심의 제한속도를 시속 50킬로미터로 낮추고 "
    first += "어린이 보호구역의 단속 카메라를 두 배로 늘리는 방안을 추"
    rest = "진하기로 했다고 밝혔다."
    assert split.join_broken([first, rest]) == [first + rest]


HEADLINE = "Old harbour bridge to close to cars"


@pytest.mark.parametrize(
    ("trail", "title"),
    [
        (f"Home > News > Local > {HEADLINE}", HEADLINE),
        (f"You are here: Home » Towns » {HEADLINE}", HEADLINE),
        (f"Home / News / {HEADLINE}", HEADLINE),
        # a trail that ends in a section names no story: the line stays as it was
        ("Home > News > Local", "Home > News > Local"),
        # a headline that quotes in guillemets, or names two places with a slash, is no trail
        ("Mayor: »Old harbour bridge« to close to cars", "Mayor: »Old harbour bridge« to close to cars"),
        ("Harbour / bridge to close to cars", "Harbour / bridge to close to cars"),
    ],
)
def test_a_breadcrumb_trail_above_the_body_gives_its_last_step_as_the_title(trail: str, title: str) -> None:
    # a site's trail of sections ends in the page's headline: that headline is the title
    lines = [
        trail,
        "",
        "The city council voted on Monday to close the old harbour bridge to cars.",
        "",
        "Engineers found cracks in two of the bridge's steel beams during an inspection in March.",
    ]
    [story] = split.split(lines, [None] * len(lines), [None] * len(lines), Config())
    assert story.title == title
    assert story.paragraphs == [lines[2], lines[4]]


def test_a_button_that_shares_only_a_short_word_with_the_story_is_no_title() -> None:
    # the layout's reading of the header gives the line right above the body: a share button,
    # whose "on" the story uses too; the headline that names the story is the title
    headline = "Storm closes Brackwater bridge as thousands lose power"
    header = ["Harbour Courier", "News", "Sport", "", headline, "Tom Ashdown", "3 November 2026"]
    body = [
        "The Brackwater bridge was closed on Monday after the river rose over its banks, and around "
        "41,000 homes lost power on the coast.",
        "",
        "Engineers said the bridge would stay shut until the water falls, and the power company asked "
        "people to stay at home.",
    ]
    lines = [*header, "Share on Facebook", "Share on X", "", *body]
    reasons: list[str | None] = [chrome.MENU] * (len(header) + 3) + [None] * len(body)
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert (story.title, story.byline, story.published) == (headline, "Tom Ashdown", "2026-11-03")


def test_a_trail_of_sections_that_names_the_story_s_words_is_no_title() -> None:
    # "Local News > Riverside County" uses only words the story uses, more of them than the
    # headline (kept as the body's first line) does: a breadcrumb trail that ends in a section
    # names no story
    headline = "Shoppers return as Riverside County's covered market reopens"
    body = [
        "The covered market of Riverside County reopened on Monday, local news crews reported, after "
        "three years of repairs to its roof.",
        "",
        "Traders said the county had kept them waiting too long, but most of the old stalls are back.",
    ]
    lines = ["Valley Post", "Home", "Local News > Riverside County", "", headline, "", *body]
    reasons: list[str | None] = [chrome.MENU] * 4 + [None] * (2 + len(body))
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert (story.title, story.paragraphs) == (headline, [body[0], body[2]])


def test_a_lede_that_restates_the_headline_is_text_and_the_headline_heads_the_story() -> None:
    # a government site's news (made up here): the first sentence holds the headline whole, with
    # the day before it; the model kept the headline, and under it come the date, the source, the
    # author and the count of views, each a label with its value. The lede is no repeat of the
    # headline, and the headline alone above the labels is the story's, not a story of its own
    headline = "青川县召开2026年春季森林防火工作部署会"
    body = [
        "3月5日上午，青川县召开2026年春季森林防火工作部署会议。",
        "县委常委、副县长出席会议并讲话，各乡镇分管领导参加会议。",
        "会议指出，当前全县已进入森林火灾高发期和易发期，形势严峻复杂。",
        "各林区入口要设卡检查，对进山人员逐一登记，严禁携带火种进山。",
    ]
    labels = [
        "发布时间：2026-03-05 16:20",
        "信息来源：县应急管理局",
        "作者：赵一鸣",
        "浏览次数：1283",
        "【字体：大 中 小】",
    ]
    lines = ["青川县人民政府", "首页", "政务公开", "", headline, *labels, "", *body]
    reasons: list[str | None] = [chrome.MENU] * 4 + [None] + [chrome.MENU] * 6 + [None] * len(body)
    repeat_of = repeats.kept_first(repeats.page_repeats(lines, reasons), reasons)
    [story] = split.split(lines, reasons, repeat_of, Config())
    assert (story.title, story.byline, story.published) == (headline, "作者：赵一鸣", "2026-03-05T16:20")
    assert story.paragraphs == body


def test_a_post_of_one_long_paragraph_over_another_story_is_no_headline_of_it() -> None:
    # the page's first run of body, one line, is a headline or a deck over the first story's
    # header only while it is narrow: a blog's post of one long paragraph is a story of its own
    post = " ".join(["Viver uma verdadeira experiência amorosa é um dos maiores prazeres da vida."] * 6)
    other = [
        "Outra história de amor",
        "3 de dezembro de 2026",
        "A vida requer da gente otimismo e coragem para esperar o melhor e fazer o melhor acontecer.",
        "",
        "O pessimismo só faz engessar o sorriso e travar as articulações, não deixa ninguém sair do lugar.",
    ]
    lines = ["Blog da Ana", "", post, "", *other]
    reasons: list[str | None] = [chrome.MENU, *[None] * (len(lines) - 1)]
    drafts = split.split(lines, reasons, [None] * len(lines), Config())
    assert drafts[0].paragraphs == [post] and len(drafts) == 2


def test_an_intertitle_of_one_word_over_a_list_under_a_caption_is_no_new_story() -> None:
    # a recipe's "Ingredientes" (the model took it out) under a photo's caption: a caption and
    # a headline-shaped line make a new story's header, but a label of one term is no headline
    lines = [
        "Bolo de fubá com goiabada da vó Dirce",
        "Publicado em 22 de março de 2026",
        "Toda vez que alguém me pergunta qual é a receita mais pedida aqui do blog, a resposta é a "
        "mesma: o bolo de fubá da minha avó.",
        "Depois de muitos testes, cheguei à versão que faço hoje, com leite morno e goiabada em cubinhos.",
        "",
        "Bolo recém-saído do forno, ainda na forma (foto: Tatiane Lins)",
        "",
        "Ingredientes",
        "3 ovos inteiros",
        "1 xícara (chá) de açúcar",
        "1 xícara (chá) de leite morno",
        "1 xícara (chá) de fubá",
    ]
    reasons: list[str | None] = [chrome.MENU if line == "Ingredientes" else None for line in lines]
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert story.title == lines[0] and story.paragraphs[-4:] == lines[-4:]


def test_the_headline_right_above_a_byline_that_opens_the_body_is_the_title() -> None:
    # the chrome stage kept the byline as the body's first line (it stays in the text), and the
    # layout's reading of the header gives a newsletter box that uses as many of the body's
    # words as the headline does: the headline is the line right above the byline
    lines = [
        "Sign up for the harbour bridge newsletter",
        "",
        "Bridge closing: a view from the harbour",
        "",
        "By Jane Roe - March 3, 2026",
        "",
        "The harbour bridge will close to cars from next spring, the city council decided.",
    ]
    header, segment = [0, 2], [4, 6]
    body = split._opening_terms(lines, segment)
    chosen = split._echoed_headline(lines, header, segment, 1, 150, lines[0], body)
    assert chosen == 2
    # without the byline below it, the layout's reading stands
    assert split._echoed_headline(lines, header, [6], 1, 150, lines[0], body) is None


def test_a_dateline_alone_heads_the_story_after_it() -> None:
    # a newspaper page's date above its first story, kept with no headline of its own: it is
    # that story's date and first line, not a story of its own
    date = "Tuesday, 8th December 2026"
    lines = [date, "", STORY[0], "", STORY[4], "", STORY[6]]
    dated = split.Draft(None, published="2026-12-08", dated=date, paragraphs=[date], used=[0], body=[0])
    story = split.Draft(STORY[0], paragraphs=[STORY[4], STORY[6]], used=[2, 4, 6], body=[4, 6])
    [joined] = split.join_asides([dated, story], lines)
    assert (joined.title, joined.published, joined.dated) == (STORY[0], "2026-12-08", date)
    assert joined.paragraphs == [date, STORY[4], STORY[6]] and joined.used == [0, 2, 4, 6]
    # a story with a date of its own keeps it
    own = replace(story, published="2026-12-03", dated="3 December 2026")
    [joined] = split.join_asides([dated, own], lines)
    assert joined.published == "2026-12-03" and joined.paragraphs[0] == date


def test_an_article_cut_by_a_box_of_links_is_one_story() -> None:
    # a box of job ads stands between the article's paragraphs: its headline-shaped lines
    # with company start a new draft, which has no headline of its own, so it continues the
    # article (the box's lines keep their removal reasons)
    lines = [
        STORY[0],
        "",
        STORY[4],
        "",
        "Jobs",
        "",
        "1. Bridge engineer (all genders)",
        "Harbour Works Ltd, Portsmouth",
        "2. Site manager for road works",
        "",
        STORY[6],
        "",
        "The finance minister said the loans would be paid back over ten years at a fixed rate.",
    ]
    box = {line for line in lines[4:9] if line}
    reasons: list[str | None] = [chrome.OUTSIDE if line in box else None for line in lines]
    drafts = split.join_asides(split.split(lines, reasons, [None] * len(lines), Config()), lines)
    [story] = drafts
    assert story.title == STORY[0]
    assert story.paragraphs == [STORY[4], STORY[6], lines[12]]
    assert not {4, 6, 7, 8} & set(story.used)


@pytest.mark.parametrize(
    ("date_line", "published"),
    [
        ("3 декември 2026, 14:20", "2026-12-03T14:20"),  # Bulgarian
        ("2026. december 3. 14:20", "2026-12-03T14:20"),  # Hungarian: the year first
        ("2026 m. gruodžio 3 d.", "2026-12-03"),  # Lithuanian
        ("3 كانون الأول 2026", "2026-12-03"),  # Arabic as in Syria, Lebanon, Iraq
        ("3 בדצמבר 2026", "2026-12-03"),  # Hebrew
        ("Thứ năm, ngày 3 tháng 12 năm 2026", "2026-12-03"),  # Vietnamese
        ("3 Disember 2026", "2026-12-03"),  # Malay
        ("3 de desembre de 2026", "2026-12-03"),  # Catalan
        ("۱۲ آذر ۱۴۰۵ - ۱۴:۲۰", "2026-12-03T14:20"),  # Persian, in the Solar Hijri calendar
        ("۱۴۰۵/۰۹/۱۲", "2026-12-03"),
        ("令和8年12月3日 14時20分", "2026-12-03T14:20"),  # Japanese, in the years of the Reiwa era
        ("更新日：平成元年1月8日", "1989-01-08"),
        ("民國115年12月3日", "2026-12-03"),  # Taiwan: the years of the Republic of China
    ],
)
def test_a_date_line_in_the_web_s_languages_gives_the_story_its_date(date_line: str, published: str) -> None:
    lines = [STORY[0], "", date_line, "", *STORY[4:]]
    [story] = split.split(lines, [None] * len(lines), [None] * len(lines), Config())
    assert (story.title, story.published) == (STORY[0], published)


PERSIAN = [
    "صفحه اصلی", "اخبار", "سیاست", "اقتصاد",
    "افتتاح پل جدید روی رودخانه در شهر",
    "نویسنده: مریم احمدی",
    "۱۲ آذر ۱۴۰۵ - ۱۴:۲۰",
    "پل جدید روی رودخانه صبح چهارشنبه پس از سه سال ساخت افتتاح شد. نخستین اتوبوس‌ها از روی آن عبور کرده‌اند.",
    "این پل بازار قدیمی را به ایستگاه راه‌آهن وصل می‌کند. تاکنون ساکنان باید بیست دقیقه دور می‌زدند.",
    "شهرداری وعده داده است که تا تابستان یک پیاده‌رو و مسیر دوچرخه‌سواری جدید در کنار پل ساخته شود.",
]  # fmt: skip
"""A Persian news clipping (written for this test): a menu, the headline, the byline, the date in
Iran's calendar, three paragraphs."""


def test_a_persian_date_line_is_the_story_s_date_not_a_headline_that_cuts_it() -> None:
    # read as no date, the date line was a headline of its own: the story was cut under the
    # real headline, which lost its place as the title to the menu's items
    [story] = clean_page(Clipping("fa.txt", "\n\n".join(PERSIAN).encode()), Config()).stories
    assert (story.title, story.subtitles, story.published) == (PERSIAN[4], [], "2026-12-03T14:20")


def test_a_month_s_name_two_languages_read_as_two_months_is_read_as_the_story_s_language_does() -> None:
    # "listopada" is November in Polish, October in Croatian (written for this test)
    lines = [
        "Novi most preko rijeke otvoren je u srijedu",
        "3. listopada 2026. u 14:20",
        "Novi most preko rijeke otvoren je u srijedu ujutro nakon tri godine gradnje. Prvi autobusi "
        "već su prešli preko njega.",
        "Most povezuje staru tržnicu sa željezničkim kolodvorom. Do sada su stanovnici morali "
        "obilaziti dvadeset minuta.",
    ]
    [story] = clean_page(Clipping("hr.txt", "\n\n".join(lines).encode()), Config()).stories
    assert (story.lang, story.published) == ("hr", "2026-10-03T14:20")


def test_a_chinese_date_line_that_names_the_author_after_the_source_gives_the_byline() -> None:
    # written for this test: headline, date line with source and author, two paragraphs
    header = "2026-12-03 14:20 来源：城市日报 作者：王明"
    lines = [
        "市区跨河新桥正式通车", "", header, "",
        "经过三年建设，横跨河流的新桥于周三上午正式通车。首批公交车已经从桥上驶过。", "",
        "新桥连接老市场和火车站。此前，居民需要绕行二十分钟才能到达对岸。",
    ]  # fmt: skip
    [story] = split.split(lines, [None] * len(lines), [None] * len(lines), Config())
    assert (story.title, story.byline, story.published) == (lines[0], header, "2026-12-03T14:20")


def test_a_hindi_headline_shares_its_words_with_the_body_and_is_the_title() -> None:
    # written for this test; the chrome stage took the headline out, so the header gives it,
    # and a title that shares no word with the body is none: a word of Devanagari (or Bengali,
    # Tamil, Thai) holds vowel signs, which are no letters, and must not come apart at them
    hindi = [
        "तीन साल बाद पुल तैयार",
        "",
        "नदी पर बने नए पुल का बुधवार सुबह तीन साल के निर्माण के बाद उद्घाटन किया गया। पहली बसें इस पर से गुजर चुकी हैं।",
        "",
        "यह पुल पुराने बाजार को रेलवे स्टेशन से जोड़ता है। अब तक लोगों को बीस मिनट घूमकर जाना पड़ता था।",
    ]
    reasons: list[str | None] = [chrome.MENU, None, None, None, None]
    [story] = split.split(hindi, reasons, [None] * len(hindi), Config())
    assert story.title == hindi[0]


def test_a_headline_over_its_dated_byline_is_the_title_though_its_words_take_other_endings() -> None:
    # a Turkish blog post (written for this test): the menu above reads as a headline that
    # names nothing; the post's own headline shares one word of four with the text, as
    # Turkish words take endings ("limanda", "limana"), yet a dated byline stands under it
    post = [
        "Eski limanda bir yürüyüş",
        "Yazan: Ayşe 3 Aralık 2026",
        "Dün öğleden sonra eski limana kadar yürüdük. Hava soğuktu ama güneşliydi ve deniz çok "
        "sakindi, martılar iskelenin üzerinde dönüp duruyordu.",
        "Limanın yanındaki küçük kahvede çay içtik. Sahibi bize kırk yıl önce burada balıkçı "
        "teknelerinin nasıl sıralandığını anlattı.",
    ]
    lines = ["Ana Sayfa", "Hakkımda", "İletişim", "", *"\n\n".join(post).split("\n")]
    reasons: list[str | None] = [chrome.MENU] * 3 + [None] * (len(lines) - 3)
    [story] = split.split(lines, reasons, [None] * len(lines), Config())
    assert (story.title, story.subtitles, story.published) == (post[0], [], "2026-12-03")
    assert story.paragraphs == post[1:]  # the dated byline stays in the text, as the body's first line


SECTION = [
    ("El ayuntamiento aprueba el nuevo plan de transporte", "3 de diciembre de 2026", [
        "El pleno del ayuntamiento aprobó el miércoles el nuevo plan de transporte urbano, que "
        "prevé diez nuevas líneas de autobús y un carril bici en el centro.",
        "La alcaldesa dijo que el plan entrará en vigor en marzo y que costará unos doce millones "
        "de euros durante los próximos cuatro años.",
    ]),
    ("La biblioteca central reabre tras dos años de obras", "2 de diciembre de 2026", [
        "La biblioteca central volvió a abrir sus puertas el martes después de dos años de "
        "reformas que han duplicado el espacio de lectura.",
        "Los vecinos podrán usar las nuevas salas de estudio desde las ocho de la mañana hasta las "
        "diez de la noche, de lunes a sábado.",
    ]),
    ("Un festival de cine llena el casco antiguo", "1 de diciembre de 2026", [
        "Más de veinte mil personas visitaron durante el fin de semana el festival de cine al aire "
        "libre en las plazas del casco antiguo.",
        "Los organizadores anunciaron que la próxima edición durará una semana entera y tendrá "
        "proyecciones en cinco plazas.",
    ]),
]  # fmt: skip
"""A page of three whole stories, each a headline over its date line (written for this test)."""


@pytest.mark.parametrize(
    ("gap", "date_first"),
    [("\n\n", False), ("\n", False), ("\n\n", True)],
    ids=["spaced", "flat", "date-first"],
)
def test_a_page_of_whole_stories_each_under_its_headline_and_date_is_cut_into_them(
    gap: str, date_first: bool
) -> None:
    # the chrome stage keeps each headline and date line with the text, as a page of one story
    # (the seeds' pages of several set them apart, and their dates are the same); the dates of
    # two days were also taken for one line shown twice, "2 de diciembre" for "3 de diciembre"
    lines = ["Inicio", "Noticias", "Deportes", "Cultura"]
    for title, date, paragraphs in SECTION:
        lines += [date, title] if date_first else [title, date]
        lines += [*paragraphs, "Compartir"]
    lines.append("© 2026 Diario de la Ciudad")
    page = clean_page(Clipping("es.txt", gap.join(lines).encode()), Config(detect_language=False))
    assert [(s.title, s.published) for s in page.stories] == [
        (title, f"2026-12-0{3 - n}") for n, (title, _, _) in enumerate(SECTION)
    ]
    for story, (_, _, paragraphs) in zip(page.stories, SECTION, strict=True):
        assert story.text.endswith("\n\n".join(paragraphs))


def test_short_stories_in_chinese_characters_are_measured_by_their_width() -> None:
    # a page of three short Japanese stories (written for this test), each a headline over its
    # date line: 35 characters of Japanese say what 70 of English do, and a story measured in
    # characters was too short to stand alone and ran into the one above it
    stories = [
        ("中央図書館、二年ぶりに再開", "2026年12月2日 9時10分",
         "中央図書館は火曜日、二年間の改修工事を終えて再び開館した。閲覧室の広さは以前の二倍になった。",
         "新しい自習室は月曜日から土曜日まで利用できる。"),
        ("旧市街で映画祭、二万人が来場", "2026年12月1日 18時45分",
         "週末に旧市街の広場で開かれた野外映画祭には、二万人を超える人が訪れた。",
         "主催者は、次回は一週間にわたり上映すると発表した。"),
    ]  # fmt: skip
    lines = ["ホーム", "ニュース", "市議会が新しい交通計画を可決", "2026年12月3日 14時20分"]
    lines += [
        "市議会は水曜日、新しい都市交通計画を可決した。バス路線を十本増やし、中心部に自転車専用道を設ける。"
    ]
    lines += ["市長は、計画は三月に始まり、今後四年間で約十二億円かかると述べた。"]
    for story in stories:
        lines += story
    page = clean_page(Clipping("ja.txt", "\n\n".join(lines).encode()), Config(detect_language=False))
    assert [s.title for s in page.stories] == [lines[2], *(title for title, *_ in stories)]
    assert [s.text.split("\n\n") for s in page.stories[1:]] == [list(rest) for _, _, *rest in stories]


@pytest.mark.parametrize(
    ("title", "lede", "rest", "published"),
    [
        (
            "Northwind Energy opens its first offshore wind farm",
            "ABERDEEN, 3 December 2026 – Northwind Energy today opened its first offshore wind farm, twenty "
            "kilometres off the coast.",
            STORY[6],
            "2026-12-03",
        ),
        (
            "El ayuntamiento aprueba el nuevo plan de transporte",
            "Madrid, 3/12/2026.- El pleno del ayuntamiento aprobó el miércoles el nuevo plan de transporte "
            "urbano, que prevé diez nuevas líneas de autobús.",
            "La alcaldesa dijo que el plan entrará en vigor en marzo y que costará unos doce millones "
            "de euros durante los próximos cuatro años.",
            "2026-12-03",  # day first, as Spanish writes it
        ),
    ],
    ids=["en", "es"],
)
def test_a_dateline_that_opens_the_first_paragraph_gives_the_story_its_date(
    title: str, lede: str, rest: str, published: str
) -> None:
    # a wire story or a press release (written for this test): no date line of its own
    lines = ["Newsroom", title, lede, rest]
    [story] = clean_page(Clipping("wire.txt", "\n\n".join(lines).encode()), Config()).stories
    assert (story.title, story.published) == (lines[1], published)
    assert story.text.startswith(lede)


def test_an_address_alone_under_the_headline_is_the_story_s_url_not_its_text() -> None:
    # as a clipper writes its source (Joplin: the headline, the page's address, the text);
    # the address, a lower-case line, was read as the headline's wrapped paragraph running on
    lines = [STORY[0], "https://news.example/2026/12/03/plan", *STORY[4:]]
    [story] = clean_page(Clipping("src.txt", "\n\n".join(lines).encode()), Config()).stories
    assert (story.title, story.url) == (STORY[0], "https://news.example/2026/12/03/plan")
    assert story.text == "\n\n".join(line for line in STORY[4:] if line)


def test_a_site_s_name_under_the_headline_does_not_run_into_it() -> None:
    # a reader view's copy (written for this test): the headline, the site's name, the author, the date
    lines = [
        "Neue Brücke über den Fluss eröffnet",
        "stadtanzeiger.example",
        "Anna Peters",
        "03.12.2026 · Lesezeit: 4 Min.",
        "Die neue Brücke über den Fluss ist am Mittwoch nach drei Jahren Bauzeit eröffnet worden. Die "
        "ersten Busse sind bereits darübergefahren.",
        "Die Brücke verbindet den alten Markt mit dem Bahnhof. Bisher mussten die Anwohner zwanzig "
        "Minuten Umweg fahren.",
    ]
    [story] = clean_page(Clipping("de.txt", "\n\n".join(lines).encode()), Config()).stories
    assert (story.title, story.published) == (lines[0], "2026-12-03")
    assert lines[0] not in story.text
