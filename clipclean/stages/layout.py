"""Side-by-side columns in a text clipping, read one column after another.

A text browser's dump of a page laid out with tables (w3m, lynx, a terminal's copy) puts
the cells of a table row side by side on one line: a menu, the article and a column of ads,
apart by runs of spaces or box-drawing bars. Read as it is, every line mixes article text
with chrome and no line-level decision can keep one without the other. This stage finds
such regions and reads them column by column:

1. Each line is cut into cells at runs of three spaces or more, tabs and box-drawing bars.
2. A region is a run of lines where lines of several cells come at most `_REGION_GAP` lines
   apart; it is a page layout, not a data table, when it has `_MIN_ROWS` such lines and one
   of its columns holds text: mostly, or a wrapped paragraph anywhere in the region (a data
   table's cells are short and end with their row: it stays as it is).
3. The region's column grid comes from the lines of several cells: where their cells start
   (the lines' own indentation is gone in most copies, so a line whose first cell starts in
   a column further right is placed by the position of its other cells). A cell that runs on
   into a column empty in its row, with a space right before that column's start, is two
   cells one space apart: it is cut there.
4. Each column's cells, top to bottom, become lines of their own; a row where the column is
   empty becomes a blank line (a paragraph break in the article column).

Nothing is dropped here: every cell becomes a line, and `Layout.origin` says which input
line each output line came from.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

_GUTTER = re.compile(r"[ \t]{3,}|\t|[ \t]*[│┃║][ \t]*")
_REGION_GAP = 3
"""Lines of one cell between two lines of several cells that still belong to their region."""
_MIN_ROWS = 4
_TOLERANCE = 16
"""How far (in display columns) a cell may start from its column's start (w3m shifts some)."""
_MIN_SUPPORT = 0.15
"""A column start must be seen in this share of the region's lines of several cells."""
_PROSE_CHARS = 25
"""A layout's column of text holds cells this long on average; a data table's are shorter."""
_WRAPPED = 0.3
"""... and this share of them run on into the cell below (lines of a wrapped paragraph), or"""
_RUN_ON_CHARS = 40
_RUN_ONS = 2
"""... it has `_RUN_ONS` cells this long that run on into the cell below, however many short
cells the rest of the region holds (a league table or a list of links under the article), or"""
_PARAGRAPH_CHARS = 100
"""... it holds two cells this long (paragraphs)."""
_TABLE_ROWS = 0.7
"""A data table fills every column of this share of its rows or more."""


@dataclass(frozen=True)
class Layout:
    lines: list[str]
    origin: list[int]
    """The 0-based input line each output line comes from."""


def read_columns(lines: list[str]) -> Layout:
    """The lines with every side-by-side region read column by column.

    >>> page = ["Home       The council met on Monday to vote     Ads here",
    ...         "News       on the budget for next year, and it   Buy now",
    ...         "Sport      passed by nine votes to four.         Cheap",
    ...         "Weather    The mayor said she was pleased.       Deals"]
    >>> read_columns(page).lines[6:10]  # doctest: +NORMALIZE_WHITESPACE
    ['The council met on Monday to vote', 'on the budget for next year, and it',
     'passed by nine votes to four.', 'The mayor said she was pleased.']
    """
    cells = [_cells(line) for line in lines]
    out = Layout([], [])
    i = 0
    for start, end in _regions(cells):
        _copy(lines, i, start, out)
        grid = _grid([cells[k] for k in range(start, end)])
        columns = _assign([cells[k] for k in range(start, end)], grid) if grid else None
        if columns is None or not _is_layout(columns):
            _copy(lines, start, end, out)
        else:
            _emit(columns, start, out)
        i = end
    _copy(lines, i, len(lines), out)
    return out


Cell = tuple[int, str]
"""Where a cell starts (display columns from the line's first character) and its text."""


def _cells(line: str) -> list[Cell]:
    """The cells of a line: its text between gutters, each with its display position.

    >>> _cells("Home   The council met   │ Ads │")
    [(0, 'Home'), (7, 'The council met'), (27, 'Ads')]
    """
    stripped = line.strip()
    if not stripped or ("   " not in stripped and "\t" not in stripped and not _has_bar(stripped)):
        return [(0, stripped)] if stripped else []
    found: list[Cell] = []
    start = 0
    for gutter in [*_GUTTER.finditer(stripped), None]:
        end = gutter.start() if gutter else len(stripped)
        text = stripped[start:end]
        if text.strip():
            found.append((width(stripped[:start]), text))
        if gutter:
            start = gutter.end()
    return found


def _has_bar(text: str) -> bool:
    return "│" in text or "┃" in text or "║" in text


def width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns.

    >>> width("Seoul 서울")
    10
    """
    return len(text) + len(_WIDE.findall(text))


_WIDE = re.compile("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]")


def _regions(cells: list[list[Cell]]) -> list[tuple[int, int]]:
    """[start, end) of each run of lines whose lines of several cells are close together."""
    multi = [k for k, row in enumerate(cells) if len(row) >= 2]
    regions: list[tuple[int, int]] = []
    for k in multi:
        if regions and k - regions[-1][1] <= _REGION_GAP:
            regions[-1] = (regions[-1][0], k + 1)
        else:
            regions.append((k, k + 1))
    rows = [sum(1 for k in multi if start <= k < end) for start, end in regions]
    # lines of one cell right below a region may still be its last rows
    return [(start, end) for (start, end), n in zip(regions, rows, strict=True) if n >= _MIN_ROWS]


def _grid(rows: list[list[Cell]]) -> list[int]:
    """Where the region's columns start, from its fullest rows: the most cells that enough
    of its lines have (rows with fewer cells may lack their first column, and then every
    position in them is shifted), each column at the lower quartile of its cells' starts
    (text in a cell is often indented, never pulled left of its column)."""
    multi = [row for row in rows if len(row) >= 2]
    support = max(3, _MIN_SUPPORT * len(multi))
    most = max((n for n in range(2, 8) if sum(1 for row in multi if len(row) >= n) >= support), default=0)
    full = [row for row in multi if len(row) == most]
    if not full:
        return []
    return [0] + [sorted(row[k][0] for row in full)[len(full) // 4] for k in range(1, most)]


def _assign(rows: list[list[Cell]], grid: list[int]) -> list[list[str | None]] | None:
    """Each row's cells by column (None where a row has no cell in a column)."""
    columns: list[list[str | None]] = [[] for _ in grid]
    previous: list[str | None] = [None] * len(grid)
    for row in rows:
        placed = _place(row, grid, previous)
        for k, column in enumerate(columns):
            column.append(placed.get(k))
        if row:
            previous = [placed.get(k) for k in range(len(grid))]
    return columns


def _place(row: list[Cell], grid: list[int], previous: list[str | None]) -> dict[int, str]:
    """The column of each cell of a row: the first cell is put in the column that lets every
    other cell fall nearest a column start; a lone cell goes where it continues the
    text above it, else in the first column wide enough for it."""
    if not row:
        return {}
    if len(row) == 1:
        return {_lone_column(row[0][1], grid, previous): row[0][1]}
    fits = []
    for first in range(len(grid)):
        shift, placed, starts, cost = grid[first], {first: row[0][1]}, {first: grid[first]}, 0
        for position, text in row[1:]:
            k = min(range(len(grid)), key=lambda c: abs(grid[c] - shift - position))
            if abs(grid[k] - shift - position) > _TOLERANCE or k <= max(placed):
                break
            placed[k], starts[k], cost = text, shift + position, cost + abs(grid[k] - shift - position)
        else:
            fits.append((cost, first, placed, starts))
    if fits:
        _, _, placed, starts = min(fits, key=lambda fit: fit[:2])
        _split_spills(placed, starts, grid)
        return placed
    # no fit: keep the cells in order, the last ones sharing the last column
    placed = {}
    for n, (_, text) in enumerate(row):
        k = min(n, len(grid) - 1)
        placed[k] = f"{placed[k]} {text}" if k in placed else text
    return placed


def _split_spills(placed: dict[int, str], starts: dict[int, int], grid: list[int]) -> None:
    """Cut a cell that runs on into the next column where that column is empty in its row and
    the cell has a space right before that column's start: two cells one space apart (the left
    one filled its column: "Mobile Content According to a report ..."), too close for a gutter.

    >>> placed = {0: "Flash Archive According to a report", 2: "Ads"}
    >>> _split_spills(placed, {0: 0, 2: 60}, [0, 14, 60])
    >>> placed[0], placed[1]
    ('Flash Archive', 'According to a report')
    """
    for k in range(len(grid) - 1):
        if k not in placed or k + 1 in placed:
            continue
        text = placed[k]
        cut = _index_at(text, grid[k + 1] - starts[k])
        if cut and text[cut - 1] == " " and text[cut] != " ":
            placed[k], placed[k + 1], starts[k + 1] = text[:cut].rstrip(), text[cut:], grid[k + 1]


def _index_at(text: str, columns: int) -> int | None:
    """The index of the character at display column `columns` of `text`, if one starts there."""
    at = 0
    for i, char in enumerate(text):
        if at == columns:
            return i
        if at > columns:
            return None
        at += width(char)
    return None


def _lone_column(text: str, grid: list[int], previous: list[str | None]) -> int:
    for k, above in enumerate(previous):
        if above and _continues(above, text):
            return k
    size = width(text)
    for k in range(len(grid) - 1):
        if size <= grid[k + 1] - grid[k] + _TOLERANCE:
            return k
    return len(grid) - 1


def _continues(above: str, text: str) -> bool:
    """True when `text` reads as the next line of the same paragraph as `above`."""
    return _open(above) and text[:1].islower()


def _is_layout(columns: list[list[str | None]]) -> bool:
    """A page layout has a column of text: lines of a wrapped paragraph that run on into the
    cell below, or paragraphs beside columns that come and go. A data table's cells end
    where their row does, and it fills every column of most of its rows.

    >>> article = ["The council met on Monday to vote on the budget for the coming year, and it"] * 3
    >>> _is_layout([["Home", "News", "Sport"], article])
    True
    >>> _is_layout([["Ann", "Bo", "Cy"], ["3 goals in 2 games, and a penalty saved in the final one."] * 3])
    False
    """
    rows = [row for row in zip(*columns, strict=True) if any(row)]
    sparse = sum(1 for row in rows if all(row)) < _TABLE_ROWS * len(rows)
    return any(_wrapped(column) or (sparse and _paragraphs(column)) for column in columns)


def _wrapped(column: list[str | None]) -> bool:
    cells = [cell for cell in column if cell]
    runs_on = [len(cell) for cell, below in itertools.pairwise(column) if cell and below and _open(cell)]
    prose = sum(1 for size in runs_on if size >= _PROSE_CHARS)
    if sum(1 for size in runs_on if size >= _RUN_ON_CHARS) >= _RUN_ONS:
        return True
    long_enough = sum(map(len, cells)) >= _PROSE_CHARS * len(cells)
    return bool(cells) and prose >= _WRAPPED * len(cells) and long_enough


def _paragraphs(column: list[str | None]) -> bool:
    return sum(1 for cell in column if cell and len(cell) >= _PARAGRAPH_CHARS) >= 2


def _open(text: str) -> bool:
    return text[-1].isalnum() or text[-1] in ",;-"


def _emit(columns: list[list[str | None]], start: int, out: Layout) -> None:
    for column in columns:
        cells = [(start + n, cell) for n, cell in enumerate(column)]
        filled = [n for n, (_, cell) in enumerate(cells) if cell]
        if not filled:
            continue
        out.lines.append("")
        out.origin.append(start)
        for origin, cell in cells[filled[0] : filled[-1] + 1]:
            if cell or (out.lines and out.lines[-1]):
                out.lines.append(cell or "")
                out.origin.append(origin)
    out.lines.append("")
    out.origin.append(start)


def _copy(lines: list[str], start: int, end: int, out: Layout) -> None:
    out.lines.extend(lines[start:end])
    out.origin.extend(range(start, end))
