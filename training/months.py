"""Write clipclean/stages/months.py: the Gregorian months' names in the languages most of the
web is written in, from the Unicode CLDR (through Babel, which ships it).

    python training/months.py

A date line reads "3 декември 2026", "2026. december 3." or "3 كانون الأول 2026": the stage
that reads a story's header (clipclean.stages.fields) needs every language's month names, in
the forms a date takes (the genitive, "grudnia"; the short form, "dic."), and CLDR has them
for every language, checked by its speakers. Each name is written in lower case, without a
final period; a name with a digit in it ("tháng 12") is left out, as the date patterns read
those numbers themselves, and so is a short form of under three letters ("ag"). A name that
stands for one month in a language and another month in another ("listopad": November in
Polish and Czech, October in Croatian) takes the month of the language listed first in
LANGUAGES (ordered by how much of the web each is written in), and is listed in AMBIGUOUS
with the other languages' months, so a story whose language is known reads it right.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import babel
from babel import Locale, localedata

OUT = Path(__file__).resolve().parent.parent / "clipclean" / "stages" / "months.py"
LICENSE = Path(babel.__file__).parent / "locale-data" / "LICENSE.unicode"
LANGUAGES = (
    "en es de fr ru pt it nl pl tr fa vi id cs uk hu ar sv ro el da fi he sk th bg hr nb sr lt sl "
    "ca et lv hi bn ms az ka kk uz be bs mk sq is ur ta te mr ml kn gu pa ne si my km lo am sw fil "
    "hy mn eu gl af cy ga ps nn"
).split()
"""Languages by how much of the web is written in them (W3Techs' content languages, 2025),
then others with tens of millions of readers. Not Chinese, Japanese and Korean: their dates
number the months ("12月", "12월")."""
SCRIPTS = frozenset({"Latn", "Cyrl", "Arab"})
"""Of a language's variants written in another script than its own, those in these scripts
(Serbian's Latin, Uzbek's Cyrillic, Punjabi's Arabic), not the Deseret of English."""
MIN_CHARS = 3


def names_of(language: str) -> dict[str, int]:
    """A language's month names (every region's variant, in the contexts and widths a date
    line uses), each with its month."""
    found: dict[str, int] = {}
    for identifier in sorted(localedata.locale_identifiers()):
        locale = Locale.parse(identifier)
        if locale.language != language or (locale.script and locale.script not in SCRIPTS):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for month, name in locale.months[context][width].items():
                    name = _bare(name)
                    short = width == "abbreviated" and len(name) < MIN_CHARS
                    if not short and not any(c.isdigit() for c in name):
                        found.setdefault(name, month)
    return found


def _bare(name: str) -> str:
    """A name in lower case without its final period, and without the "de " or "d’" that
    Catalan's and Galician's forms carry ("de desembre", "d’abril"): the date patterns read
    those."""
    name = "".join(c for c in name if unicodedata.category(c) != "Cf")  # marks of direction
    name = " ".join(name.lower().split()).rstrip(".")  # one space between words, not a no-break one
    for article in ("de ", "d’", "d'"):
        name = name.removeprefix(article)
    return name


def main() -> None:
    months: dict[str, int] = {}
    ambiguous: dict[tuple[str, str], int] = {}
    for language in LANGUAGES:
        for name, month in names_of(language).items():
            if months.setdefault(name, month) != month:
                ambiguous[(language, name)] = month
    lines = [
        f'"""The Gregorian months\' names in {len(LANGUAGES)} languages, from the Unicode CLDR (Babel',
        f"{babel.__version__}; the Unicode License v3, below): written by training/months.py, not by hand.",
        "",
        "NAMES gives each name's month, read as the first language in training/months.py's order",
        "that has the name reads it; AMBIGUOUS gives a later language's month where it differs.",
        '"""',
        "",
        "NAMES: dict[str, int] = {",
        *(f'    "{name}": {month},' for name, month in sorted(months.items(), key=lambda kv: (kv[1], kv[0]))),
        "}",
        "AMBIGUOUS: dict[tuple[str, str], int] = {",
        *(f'    ("{lang}", "{name}"): {month},' for (lang, name), month in sorted(ambiguous.items())),
        "}",
        "",
        "# The Unicode License's notice, which goes with every copy of CLDR's data:",
        "#",
        *(f"# {line}".rstrip() for line in LICENSE.read_text(encoding="utf-8").splitlines()),
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(OUT)], check=False)
    print(f"{OUT}: {len(months)} names, {len(ambiguous)} read otherwise in a later language")


if __name__ == "__main__":
    main()
