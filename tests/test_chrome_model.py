"""The chrome model's machinery: line features on a hand-checked page, and the tree ensemble
evaluated against a plain walk down each tree."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from clipclean.config import MODEL_PATH
from clipclean.stages import chrome
from clipclean.stages.linefeatures import NAMES, TERMINALS, ends_sentence, line_table
from clipclean.stages.trees import TreeEnsemble

PAGE = [
    "Home | News | Sports",
    "",
    "정부는 서울에서 발표했다.",
    "The cat sat on the mat. It was 10:30.",
    "  • Mail us: desk@example.org",
    "𝐀𝐁 𠀀𠀁 emoji 🙂 café, ½ ²",
]


@pytest.fixture(scope="module")
def table() -> dict[str, np.ndarray]:
    index, rows = line_table(PAGE)
    assert index == [0, 2, 3, 4, 5]
    return {name: rows[:, k] for k, name in enumerate(NAMES)}


def test_line_shapes(table: dict[str, np.ndarray]) -> None:
    assert table["separators"].tolist()[0] == pytest.approx(2 / 3)  # two " | "
    assert table["particle_share"].tolist()[1] == 1.0  # 정부-는, 서울-에서, 발표-했다
    assert table["ends_sentence"].tolist() == [0, 1, 1, 0, 0]
    assert table["timeish"].tolist() == [0, 0, 1, 0, 0]
    assert table["urlish"].tolist() == [0, 0, 0, 1, 0]
    assert table["bullet"].tolist() == [0, 0, 0, 1, 0]
    assert table["indent"].tolist() == [0, 0, 0, 1, 0]
    # The cat sat on the mat It was: 8 latin words, all of 3 letters or fewer, 2 capitalised
    assert table["short_word_share"][2] == 1.0
    assert table["title_words"][2] == pytest.approx(2 / 8)
    assert table["sentence_marks"][2] == pytest.approx(2 / 5)
    # one line in the first blank-separated block, four in the second
    assert table["log_block_lines"].tolist() == pytest.approx(np.log1p([1, 4, 4, 4, 4]).tolist())


@pytest.mark.parametrize(
    "sentences",
    [
        "सरकार ने नई योजना की घोषणा की। मंत्री ने कहा कि यह अगले महीने से लागू होगी।",  # Hindi: danda
        "أعلنت الحكومة عن خطة جديدة. هل ستنجح الخطة؟",  # Arabic question mark
        "کابینہ نے نیا منصوبہ منظور کیا۔ وزیر نے تفصیل بتائی۔",  # Urdu full stop
        "Կառավարությունը նոր ծրագիր հայտարարեց։ Այն կսկսվի հաջորդ ամիս։",  # Armenian full stop
        "መንግሥት አዲስ እቅድ አስታወቀ። እቅዱ በሚቀጥለው ወር ይጀምራል።",  # Ethiopic full stop
        "အစိုးရက အစီအစဉ်သစ်ကို ကြေညာခဲ့သည်။ နောက်လတွင် စတင်မည်။",  # Myanmar section mark
        "Die Fans jubelten. Der Trainer sagte: „Wir haben heute verdient gewonnen.“",  # German quotes
        "Sněmovna hlasovala. Ministr řekl: „Zákon začne platit v lednu.“",  # Czech close the same way
        "Sie nannte es ‚einen guten Tag.‘ Dann ging sie.",  # German single quotes
    ],
)
def test_sentences_end_in_every_script(sentences: str) -> None:
    # prose of a script none of the dev pages is in must look like prose to the model
    _, rows = line_table([sentences, "Menu"])
    ends, marks = NAMES.index("ends_sentence"), NAMES.index("log_sentences")
    assert rows[0, ends] == 1.0 and rows[1, ends] == 0.0
    assert rows[0, marks] > rows[1, marks]


def test_thai_prose_ends_its_sentences_with_a_space_not_a_mark() -> None:
    # Thai has no sentence-ending mark (nor spaces between words): a paragraph of prose is a long
    # line ending in a letter, its sentences and clauses set apart by spaces; a headline or a menu
    # item is a short one. Before, no Thai line ended a sentence, so none looked like prose.
    paragraph = (
        "ฝนตกหนักทั่วกรุงเทพมหานครตั้งแต่เช้าวันจันทร์ ทำให้ถนนหลายสายมีน้ำท่วมขังสูงกว่าครึ่งเมตร "
        "และการจราจรติดขัดอย่างหนักในช่วงเวลาเร่งด่วน"
    )
    headline, menu = "ฝนถล่มกรุงเทพฯ น้ำท่วมหลายจุด", "หน้าแรก"
    _, rows = line_table([paragraph, headline, menu])
    ends, marks = NAMES.index("ends_sentence"), NAMES.index("log_sentences")
    assert rows[:, ends].tolist() == [1.0, 0.0, 0.0]
    assert rows[0, marks] > rows[1, marks] > rows[2, marks]
    assert [ends_sentence(line) for line in (paragraph, headline, menu)] == [True, False, False]


def test_terminals_are_unicode_s_sentence_terminals() -> None:
    regex = pytest.importorskip("regex")  # installed with trafilatura (through dateparser)
    basic_plane = {chr(c) for c in range(0x10000) if c < 0xD800 or c > 0xDFFF}
    assert set(TERMINALS) == {c for c in basic_plane if regex.match(r"\p{Sentence_Terminal}", c)}


def test_characters_beyond_the_basic_plane(table: dict[str, np.ndarray]) -> None:
    text = PAGE[5]  # 𝐀𝐁 (letters, not in the capitals' ranges), 𠀀𠀁 (Han, outside the CJK ranges)
    assert table["upper_share"][4] == 0.0
    assert table["cjk_share"][4] == 0.0
    assert table["punct_share"][4] == pytest.approx(2 / len(text))  # 🙂 and the comma
    assert table["digit_share"][4] == 0.0  # ½ and ² are numeric, not decimal digits
    assert table["comma_rate"][4] == pytest.approx(min(1.0, 20 / len(text)))


def _walk(model: TreeEnsemble, row: np.ndarray) -> float:
    raw = model.baseline
    for root in model.roots:
        node = int(root)
        while not model.leaf[node]:
            node = int(
                model.left[node] if row[model.feature[node]] <= model.threshold[node] else model.right[node]
            )
        raw += float(model.value[node])
    return float(1.0 / (1.0 + np.exp(-raw)))


def _random_ensemble(rng: np.random.Generator, trees: int, features: int) -> TreeEnsemble:
    parts: dict[str, list[float | int | bool]] = {
        k: [] for k in ("feature", "threshold", "left", "right", "leaf", "value")
    }
    roots = []

    def grow(depth: int) -> int:
        node = len(parts["leaf"])
        for values in parts.values():
            values.append(0)
        if depth == 0 or rng.random() < 0.25:
            parts["leaf"][node], parts["value"][node] = True, float(rng.normal())
            return node
        parts["feature"][node] = int(rng.integers(features))
        parts["threshold"][node] = float(rng.normal())
        parts["left"][node] = grow(depth - 1)
        parts["right"][node] = grow(depth - 1)
        return node

    for _ in range(trees):
        roots.append(len(parts["leaf"]))
        grow(int(rng.integers(1, 7)))
        if parts["leaf"][roots[-1]]:  # a tree needs one split at least
            parts["leaf"][roots[-1]] = False
            parts["feature"][roots[-1]], parts["left"][roots[-1]], parts["right"][roots[-1]] = (
                0,
                grow(0),
                grow(0),
            )
    return TreeEnsemble(
        feature=np.array(parts["feature"], dtype=np.int32),
        threshold=np.array(parts["threshold"]),
        left=np.array(parts["left"], dtype=np.int32),
        right=np.array(parts["right"], dtype=np.int32),
        leaf=np.array(parts["leaf"], dtype=bool),
        value=np.array(parts["value"]),
        roots=np.array(roots, dtype=np.int32),
        baseline=0.3,
        depth=7,
        names=tuple(f"f{k}" for k in range(features)),
    )


@pytest.mark.parametrize("seed", range(5))
def test_trees_agree_with_a_walk_down_each_tree(seed: int) -> None:
    rng = np.random.default_rng(seed)
    model = _random_ensemble(rng, trees=40, features=6)
    rows = rng.normal(size=(300, 6))
    rows[:5] = model.threshold[:5, None]  # values on a split's threshold go left
    expected = [_walk(model, row) for row in rows]
    assert model.probability(rows).tolist() == pytest.approx(expected, abs=1e-12)


MENU_AND_STORY = [
    "Home",
    "News",
    "Sport",
    "Rain floods the old town",
    "Heavy rain flooded the old town on Monday, and the river rose two metres overnight.",
    "Shops along the riverbank stayed closed while volunteers filled sandbags all day.",
]


def test_a_clipping_with_no_blank_line_is_read_by_the_model_learnt_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    models: list[bool] = []
    score = chrome.article_scores

    def recorded(table: np.ndarray, model: Path, flat: bool = False) -> np.ndarray:
        models.append(flat)
        return score(table, model, flat)

    monkeypatch.setattr(chrome, "article_scores", recorded)
    chrome.classify(MENU_AND_STORY)
    chrome.classify([line for text in MENU_AND_STORY for line in (text, "")])
    chrome.classify(MENU_AND_STORY[:3])  # too few lines to tell
    assert models == [True, False, False]


def test_the_weights_hold_both_models_and_a_file_of_one_serves_both_layouts(tmp_path: Path) -> None:
    _, table = line_table(MENU_AND_STORY)
    plain, flat = chrome.article_scores(table), chrome.article_scores(table, flat=True)
    assert not np.allclose(plain, flat)
    with np.load(MODEL_PATH) as arrays:
        np.savez(tmp_path / "one.npz", **{k: arrays[k] for k in arrays.files if not k.startswith("flat_")})
    assert chrome.article_scores(table, tmp_path / "one.npz", flat=True).tolist() == plain.tolist()


@pytest.mark.parametrize("named", ["first_names", "second_names", "flat_second_names"])
def test_weights_learnt_from_other_features_are_refused_not_misread(tmp_path: Path, named: str) -> None:
    """The second pass reads the line features and the first pass's scores by column: weights
    from a training with a column more, fewer or moved would give scores, wrong ones."""
    with np.load(MODEL_PATH) as arrays:
        changed = {k: arrays[k] for k in arrays.files}
    changed[named] = changed[named][:-1]
    np.savez(tmp_path / "other.npz", **changed)
    _, table = line_table(MENU_AND_STORY)
    with pytest.raises(RuntimeError, match="trained on other features"):
        chrome.article_scores(table, tmp_path / "other.npz", flat=named.startswith("flat_"))


_WIRE = [
    "The city council voted on Monday to close the old bridge to all traffic",
    "until engineers have checked the cracks that a diver found last week in",
    "two of its piers, the mayor said after the meeting.",
]


@pytest.mark.parametrize(
    ("lines", "scores", "kept"),
    [
        # a wire story set in a fixed width: its middle line ends mid-sentence, and the model
        # alone would drop it (under NEAR, and no sentence for the hysteresis to keep)
        (_WIRE, [0.9, 0.2, 0.9], [True, True, True]),
        (_WIRE, [0.2, 0.2, 0.9], [True, True, True]),
        # a blank line between: two paragraphs, each on its own
        ([*_WIRE[:2], "", _WIRE[2]], [0.2, 0.2, 0.9], [False, False, True]),
        # a line that ends a sentence runs on into nothing
        ([_WIRE[0] + ".", *_WIRE[1:]], [0.9, 0.2, 0.2], [True, False, False]),
        # a short line (a heading, a link) over one in lower case is no wrapped prose
        (["Read more about the bridge", "share on facebook, tweet or email"], [0.9, 0.2], [True, False]),
    ],
)
def test_a_wrapped_paragraph_is_kept_whole_when_one_of_its_lines_is(
    lines: list[str], scores: list[float], kept: list[bool]
) -> None:
    _, table = line_table(lines)
    assert chrome.select(np.array(scores), table).tolist() == kept


_PICKS = ["Our picks for the weekend:", "1) A lamp", "2) A clock", "3) A radio", "4) A kettle", "Home"]


@pytest.mark.parametrize(
    ("texts", "kept", "expected"),
    [
        # a post's numbered picks: the model kept the first and dropped the rest
        (_PICKS, [0, 1], [0, 1, 2, 3, 4]),
        # a box of the most read stories, ranked: its first item dropped, the box left as it is
        (_PICKS, [0, 2], [0, 2]),
        # numbers that do not follow one another are no list ("4)" after "2)")
        ([*_PICKS[:3], "4) A radio", "5) A kettle"], [0, 1], [0, 1]),
        # two items are no list, nor are years ("2019. "): three digits at most
        (_PICKS[:3], [0, 1], [0, 1]),
        (["2019. A year of rain", "2020. A year of drought", "2021. A year of floods"], [0], [0]),
        # items further apart than ITEM_REACH lines
        (["1. Lamp", *["A paragraph about lamps."] * 21, "2. Clock", "3. Radio"], [0], [0]),
    ],
)
def test_a_numbered_list_is_kept_to_its_last_item_when_its_first_is(
    texts: list[str], kept: list[int], expected: list[int]
) -> None:
    keep = np.zeros(len(texts), dtype=bool)
    keep[kept] = True
    spaced = list(range(0, 2 * len(texts), 2))  # a blank line after each: no block under the lead
    assert np.flatnonzero(chrome.whole_lists(keep, spaced, texts)).tolist() == expected


_RECIPE = [
    "Heat the oven to 200 degrees and roll out the crust.",
    "In a food processor or blender, mix together:",
    "3/4 cup of brown sugar",
    "1/4 cup of maple syrup",
    "2 eggs",
    "Pour the filling into the crust.",
]


@pytest.mark.parametrize(
    ("texts", "index", "flat", "expected"),
    [
        # a recipe's ingredients in a block right under the line that introduces them
        (_RECIPE, [0, 2, 4, 5, 6, 8], False, [0, 1, 2, 3, 4, 5]),
        # under a label of one term ("Tags:"), a box of links
        ([_RECIPE[0], "Tags:", *_RECIPE[2:]], [0, 2, 4, 5, 6, 8], False, [0, 1, 5]),
        # a block of paragraphs (wider than a list's items) is no list
        (
            [*_RECIPE[:2], "A paragraph. " * 13, "Another. " * 20, *_RECIPE[4:]],
            [0, 2, 4, 5, 6, 8],
            False,
            [0, 1, 5],
        ),
        # with no blank line anywhere, no block ends: the rest of the clipping is no list
        (_RECIPE, list(range(6)), True, [0, 1, 5]),
    ],
)
def test_a_list_under_a_line_that_introduces_it_is_kept_whole(
    texts: list[str], index: list[int], flat: bool, expected: list[int]
) -> None:
    keep = np.zeros(len(texts), dtype=bool)
    keep[[0, 1, 5]] = True  # the model kept the paragraphs and the lead, not the list's items
    assert np.flatnonzero(chrome.whole_lists(keep, index, texts, flat)).tolist() == expected


@pytest.mark.parametrize(
    ("line", "footer"),
    [
        ("Copyright Information", True),
        ("About us | Privacy | Copyright", True),
        ("Copyright 2012 The Associated Press. This material may not be published or rewritten.", True),
        ("© 2026 Example News", True),
        ("The court ruled that the copyright of the old songs stays with the band.", False),
        ("Who owns the copyright to a photo that a monkey took of itself?", False),
    ],
)
def test_a_sentence_about_copyright_is_no_copyright_footer(line: str, footer: bool) -> None:
    # the word alone marks a footer, not a sentence of an article about copyright law
    assert (chrome.line_reason(line) == chrome.COPYRIGHT) is footer


@pytest.mark.parametrize(
    ("line", "footer"),
    [
        ("(c) Example News Service", True),
        ("(C) 2026 Example News", True),
        ("(c) the minister may extend the deadline by another thirty days.", False),
    ],
)
def test_a_list_s_third_item_is_no_copyright_footer(line: str, footer: bool) -> None:
    assert (chrome.line_reason(line) == chrome.COPYRIGHT) is footer


def test_readers_comments_start_at_the_first_comment_not_at_a_quote_the_article_brings_in() -> None:
    lines = [
        "The city council voted on Monday to close the old harbour bridge to cars from next spring.",
        "As you may recall, the engineer who inspected it writes:",
        "“Two of its steel beams are cracked, and the cracks grow every winter.”",
        "The bridge will stay open to people on foot and on bicycles.",
        "1. Ann Lee says:",
        "About time, the cracks have been there for years.",
        "2. Bob says:",
        "Where will the cars go now?",
    ]
    verdicts = chrome.classify(lines, None)
    assert verdicts == [None] * 4 + [chrome.COMMENTS] * 4


@pytest.mark.parametrize(
    ("article", "headers"),
    [
        (
            "El ayuntamiento votó el lunes cerrar el viejo puente del puerto a los coches.",
            ["Ana dice:", "Luis dice:"],
        ),
        ("Городской совет в понедельник закрыл старый мост для машин.", ["Анна говорит:", "Олег говорит:"]),
        (
            "De gemeenteraad stemde maandag om de oude brug voor auto's te sluiten.",
            ["Anna zegt:", "Piet zegt:"],
        ),
    ],
)
def test_readers_comments_are_cut_in_a_blog_s_own_language(article: str, headers: list[str]) -> None:
    lines = [
        article,
        headers[0],
        "Por fin. / Наконец-то. / Eindelijk.",
        headers[1],
        "¿Y ahora? / И что теперь?",
    ]
    assert chrome.classify(lines, None) == [None, *[chrome.COMMENTS] * 4]
