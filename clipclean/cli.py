"""The command line: a thin typer layer over `clipclean.pipeline`. Data goes to stdout only;
progress, errors and the summary go to stderr."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.text import Text

from clipclean import __version__, diffview, shards
from clipclean.cluster import Cluster, ClusterUnavailable
from clipclean.config import INPUT_FORMATS, Config
from clipclean.index import Index, IndexUnavailable, TextIndex, is_shared, open_index
from clipclean.io import (
    JSONL_SUFFIXES,
    STDIN,
    JsonlWriter,
    expand,
    iter_clippings,
    iter_records,
    nothing_there,
    read_path,
    read_settings,
    write_if_changed,
)
from clipclean.pipeline import Stats, clean_page, dedup_records, run
from clipclean.records import Clipping, Failure
from clipclean.stages import lang
from clipclean.stages.decode import DecodeError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141  # 128 + SIGINT, 128 + SIGPIPE, as shells report them

app = typer.Typer(
    name="clipclean",
    help="Turn messy web clippings (copied text, saved HTML pages) into clean, deduplicated JSONL.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clipclean {__version__}")
        raise typer.Exit()


EncodingOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional here on Python 3.10
    typer.Option(
        "--encoding",
        "-e",
        metavar="NAME",
        help="Decode every input with this encoding instead of detecting it.",
    ),
]
OutputOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write JSONL here (atomically: complete or not at all) instead of stdout.",
    ),
]
KeepOption = Annotated[
    bool,
    typer.Option(
        "--keep-duplicates",
        help="Keep near-duplicate stories and set their dup_of to the id of the first copy.",
    ),
]
IndexOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--index",
        metavar="PATH|redis://HOST:PORT/DB",
        help="Also drop stories already in this index, and add the kept ones to it: a SQLite file "
        "(created if missing) or a Redis server shared by many processes.",
    ),
]
MergeNumbersOption = Annotated[
    bool,
    typer.Option(
        "--merge-numbers",
        help="Count stories that differ only in their numbers (market closes, weather, results) as "
        "duplicates; by default they are different reports.",
    ),
]
ExplainOption = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="Add each removed line and its reason (removed), and why a story is a near-duplicate or "
        "was told apart from a like one by what differs (dedup).",
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr."),
]
FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="|".join(INPUT_FORMATS),
        help="How to read inputs. auto: by file name (.jsonl, .html ...) and, for stdin "
        "or other names, by content.",
    ),
]


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Turn messy web clippings (copied text, saved HTML pages) into clean, deduplicated JSONL."""


@app.command()
def clean(
    inputs: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional here on Python 3.10
        typer.Argument(
            help="Files, directories (read recursively: .txt .text .md .html .htm .xhtml .jsonl, "
            "each also .gz), glob patterns, or - for stdin (the default).",
            show_default=False,
            metavar="[INPUT]...",
        ),
    ] = None,
    *,
    output: OutputOption = None,
    encoding: EncodingOption = None,
    input_format: FormatOption = "auto",
    keep_duplicates: KeepOption = False,
    index: IndexOption = None,
    merge_numbers: MergeNumbersOption = False,
    explain: ExplainOption = False,
    teasers: Annotated[
        bool,
        typer.Option(
            "--teasers",
            help="A page that is a list of teasers (headlines with ledes cut short) gives one record per "
            'teaser (kind "teaser") instead of none.',
        ),
    ] = False,
    max_mib: Annotated[
        int,
        typer.Option(
            "--max-mib", min=1, metavar="MIB", help="Refuse inputs larger than this many MiB (after gunzip)."
        ),
    ] = 256,
    jobs: Annotated[
        Optional[int],  # noqa: UP045 - typer needs Optional here on Python 3.10
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Clean in N worker processes (default: one per core); the output is the same bytes "
            "for any N.",
            show_default=False,
        ),
    ] = None,
    output_dir: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional here on Python 3.10
        typer.Option(
            "--output-dir",
            metavar="DIR",
            help="Sharded mode: each input file is cleaned whole by one worker into DIR/<shard>.jsonl, "
            "near-duplicates claimed in one shared index (--index; locally DIR/index.sqlite by default); "
            "a rerun skips the shards already done. DIR/manifest.json lists them all.",
            show_default=False,
        ),
    ] = None,
    cluster: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional here on Python 3.10
        typer.Option(
            "--cluster",
            envvar="CLIPCLEAN_CLUSTER",
            metavar="ADDRESS",
            help="Clean on the workers of a running Dask cluster (its scheduler, e.g. tcp://host:8786; "
            "needs clipclean[dask]); the output is the same bytes as with --jobs 1.",
            show_default=False,
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Clean clippings into JSONL, one record per story, near-duplicates dropped."""
    _check_format(input_format)
    config = Config(
        encoding=encoding,
        input_format=input_format,
        keep_duplicates=keep_duplicates,
        index=index,
        merge_numbers=merge_numbers,
        explain=explain,
        teasers=teasers,
        max_input_bytes=max_mib * 1024 * 1024,
    )
    _check_encoding(encoding)
    _check_output(output)

    if output_dir:
        raise typer.Exit(_clean_shards(inputs or [STDIN], output_dir, config, output, jobs, cluster, quiet))
    workers = _connect(cluster) if cluster else None

    def produce(index: Index, stats: Stats) -> Iterator[dict[str, Any] | Failure]:
        # stdin streams: one process answers each line as it comes (workers need inputs queued up)
        processes = jobs or (1 if STDIN in (inputs or [STDIN]) else _cores())
        for item in run(iter_clippings(inputs or [STDIN], config), config, stats, index, processes, workers):
            yield item if isinstance(item, Failure) else item.to_json_dict()

    total = None if quiet or input_format == "jsonl" else known_inputs(inputs or [STDIN])
    try:
        code = _write(produce, output, config, quiet, total=total)
    finally:
        if workers is not None:
            workers.close()
    raise typer.Exit(code)


def _clean_shards(
    specs: list[str],
    out_dir: str,
    config: Config,
    output: str | None,
    jobs: int | None,
    cluster: str | None,
    quiet: bool,
) -> int:
    """Sharded mode: every input file cleaned whole by one worker into `out_dir` (see shards)."""
    if output:
        raise typer.BadParameter(
            "--output-dir writes one file per shard: leave out --output", param_hint="--output"
        )
    if STDIN in specs:
        raise typer.BadParameter(
            "sharded mode cleans files: name them (stdin is one stream)", param_hint="--output-dir"
        )
    index = config.index or os.path.abspath(os.path.join(out_dir, "index.sqlite"))
    if cluster and not is_shared(index):
        raise typer.BadParameter(
            "on a cluster, the shards claim their stories in one index every worker reaches: --index redis://...",
            param_hint="--index",
        )
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as exc:
        raise typer.BadParameter(
            f"cannot create {out_dir!r}: {exc.strerror}", param_hint="--output-dir"
        ) from None
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    paths = []
    failed = 0
    for spec in specs:
        found = list(expand(spec))
        if not found:
            console.print(f"clipclean: {spec}: {nothing_there(spec)}", markup=False)
            failed += 1
        paths += found
    workers = _connect(cluster) if cluster else None
    try:
        with _shard_bar(console, quiet, len(set(paths))) as advance:

            def report(result: shards.ShardResult, new: bool) -> None:
                for line in result.failures if new else []:
                    console.print(f"clipclean: {line}", markup=False)
                if result.error is not None:
                    console.print(f"clipclean: {result.input}: shard not done: {result.error}", markup=False)
                advance()

            results = shards.run(paths, out_dir, config, index, jobs or _cores(), workers, report)
    finally:
        if workers is not None:
            workers.close()
    stats = Stats(inputs=sum(r.inputs for r in results), stories=sum(r.stories for r in results))
    stats.duplicates = sum(r.duplicates for r in results)
    stats.failures = failed + sum(len(r.failures) for r in results)
    for result in results:
        stats.removed.update(result.removed)
    not_done = sum(result.error is not None for result in results)
    if not quiet:
        shard_counts = f"clipclean: {len(results)} shards, {not_done} not done; "
        console.print(summary(stats).replace("clipclean: ", shard_counts, 1), markup=False)
    return EXIT_FINDINGS if stats.failures or not_done else EXIT_OK


@contextlib.contextmanager
def _shard_bar(console: Console, quiet: bool, total: int) -> Iterator[Callable[[], None]]:
    """A bar of shards done (with the time spent and left) on stderr when it is a terminal;
    yields the function that moves it on by one shard."""
    if quiet or not console.is_terminal:
        yield lambda: None
        return
    from rich import progress as bars

    columns = (
        bars.BarColumn(),
        bars.MofNCompleteColumn(),
        bars.TextColumn("shards"),
        bars.TimeElapsedColumn(),
    )
    with bars.Progress(
        *columns, bars.TextColumn("left"), bars.TimeRemainingColumn(), console=console, transient=True
    ) as bar:
        task = bar.add_task("shards", total=total)
        yield lambda: bar.advance(task)


def _connect(address: str) -> Cluster:
    """The Dask cluster at `address`, or a usage error (exit 2) saying why it cannot be used."""
    try:
        return Cluster(address)
    except ClusterUnavailable as exc:
        raise typer.BadParameter(str(exc), param_hint="--cluster") from None


def known_inputs(specs: list[str]) -> int | None:
    """How many clippings the inputs hold, when that is known before reading them: files,
    directories and globs of clipping files (a JSONL file or stdin holds any number)."""
    if STDIN in specs:
        return None
    paths = [list(expand(spec)) or [spec] for spec in specs]  # a spec with nothing there: one failure
    if any(path.lower().removesuffix(".gz").endswith(JSONL_SUFFIXES) for found in paths for path in found):
        return None
    return sum(map(len, paths))


@app.command()
def dedup(
    inputs: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional here on Python 3.10
        typer.Argument(
            help="JSONL files (or .jsonl.gz), directories holding them, glob patterns, or - for stdin "
            "(the default). Every record needs a text; its id (else FILE:LINE) names it.",
            show_default=False,
            metavar="[JSONL]...",
        ),
    ] = None,
    *,
    output: OutputOption = None,
    keep_duplicates: KeepOption = False,
    index: IndexOption = None,
    merge_numbers: MergeNumbersOption = False,
    explain: ExplainOption = False,
    quiet: QuietOption = False,
) -> None:
    """Drop near-duplicate records from JSONL (first copy kept); every other field is kept as it is."""
    _check_output(output)
    config = Config(
        keep_duplicates=keep_duplicates, index=index, merge_numbers=merge_numbers, explain=explain
    )

    def produce(index: Index, stats: Stats) -> Iterator[dict[str, Any] | Failure]:
        return dedup_records(iter_records(inputs or [STDIN], config), config, stats, index)

    raise typer.Exit(_write(produce, output, config, quiet, cleaning=False))


@app.command()
def report(
    inputs: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional here on Python 3.10
        typer.Argument(
            help="JSONL that clipclean clean wrote (files, directories, glob patterns, or - for stdin, "
            "the default). With --explain, lines removed are shown; with --keep-duplicates, the "
            "duplicate clusters.",
            show_default=False,
            metavar="[RUN.jsonl]...",
        ),
    ] = None,
    *,
    output: Annotated[
        str,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the report here: one self-contained HTML file."
        ),
    ] = "report.html",
    log: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--log",
            metavar="FILE",
            help="The run's stderr (clipclean clean ... 2> run.log): its failures and inputs with no story.",
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """One HTML page of what cleaning did to a corpus: numbers, outlets, duplicates, lines to check."""
    try:
        import matplotlib  # noqa: F401 - the plots need it; say so before reading anything
    except ImportError:
        raise typer.BadParameter(
            "the report draws its plots with matplotlib: pip install 'clipclean[report]'", param_hint="report"
        ) from None
    from clipclean import report as reporting

    _check_output(output)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    tally = reporting.Tally()
    for path in log or []:
        try:
            with open(path, encoding="utf-8", errors="replace") as stream:
                tally.add_log(stream)
        except OSError as exc:
            raise typer.BadParameter(f"{path}: {exc.strerror or exc}", param_hint="--log") from None
    for item in iter_records(inputs or [STDIN], Config()):
        if isinstance(item, Failure):
            err.print(f"clipclean: {item.source}: {item.reason}", markup=False)
            tally.bad_lines.append(item.source)
        else:
            tally.add(item.data)
    page = reporting.render(tally, inputs or [STDIN]).encode("utf-8")
    if output == STDIN:
        sys.stdout.buffer.write(page)
    else:
        write_if_changed(output, page)
    if not quiet:
        err.print(
            f"clipclean: {tally.records:,} records, {tally.stories:,} stories, report in {output} "
            f"({len(page) / 1e6:.1f} MB)",
            markup=False,
        )
    raise typer.Exit(EXIT_FINDINGS if tally.bad_lines else EXIT_OK)


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def _check_format(input_format: str) -> None:
    """Refuse a --format the reader does not know (a usage error, exit 2)."""
    if input_format not in INPUT_FORMATS:
        raise typer.BadParameter(f"must be one of {', '.join(INPUT_FORMATS)}", param_hint="--format")


def _check_encoding(encoding: str | None) -> None:
    import codecs

    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise typer.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None


def _check_output(output: str | None) -> None:
    if output and output != STDIN and not os.path.isdir(os.path.dirname(output) or "."):
        raise typer.BadParameter(f"directory of {output!r} does not exist", param_hint="--output")


Producer = Callable[[Index, Stats], Iterator[dict[str, Any] | Failure]]


def _write(
    produce: Producer,
    output: str | None,
    config: Config,
    quiet: bool,
    cleaning: bool = True,
    total: int | None = None,
) -> int:
    """Write what `produce` yields as JSONL, errors to stderr; then make the output and the index final.

    The output is made final before the index, so a crash in between can repeat a story
    in the next run but never lose one.
    """
    console = Console(stderr=True, highlight=False, soft_wrap=True)
    stats = Stats()
    try:
        index = open_index(config.index)
    except IndexUnavailable as exc:
        raise typer.BadParameter(str(exc), param_hint="--index") from None
    writer = JsonlWriter(output)
    try:
        for item in _with_progress(produce(index, stats), console, quiet, stats, total):
            if isinstance(item, Failure):
                console.print(f"clipclean: {item.source}: {item.reason}", markup=False)
            else:
                writer.write(item)
        writer.commit()
        index.commit()
    except KeyboardInterrupt:
        writer.abort()
        console.print("clipclean: interrupted", markup=False)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except IndexUnavailable as exc:
        writer.abort()
        console.print(f"clipclean: index: {exc}", markup=False)
        return EXIT_FINDINGS
    except BaseException:
        writer.abort()
        raise
    finally:
        index.close()
    if not quiet:
        console.print(summary(stats, lines=cleaning), markup=False)
    return EXIT_FINDINGS if stats.failures else EXIT_OK


@app.command()
def check(
    files: Annotated[
        list[str],
        typer.Argument(
            help="Clipping files to check (a pre-commit hook passes the staged ones).",
            metavar="FILE...",
            show_default=False,
        ),
    ],
    *,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix", help="Write each passing file's cleaned JSONL, and add its stories to the index."
        ),
    ] = False,
) -> None:
    """Refuse clippings that cannot be read, hold no story, or repeat a story already in the corpus.

    Settings come from .clipclean.toml or [tool.clipclean] in pyproject.toml in the current directory.
    """
    from clipclean import check as checking

    if fix:
        lang.preload()  # stories are written with their language; the model loads meanwhile
    try:
        table, origin = read_settings()
        settings = checking.Settings.from_table(table, origin)
        index = TextIndex(settings.index)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    except IndexUnavailable as exc:
        raise typer.BadParameter(str(exc), param_hint="index") from None
    raise typer.Exit(_check(files, settings, index, fix))


def _check(files: list[str], settings: Any, index: TextIndex, fix: bool) -> int:
    """Report each file (stderr), fix what passes when asked; 1 when anything was refused or written."""
    from clipclean import check as checking

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    results = checking.check(files, settings, index, fix)
    refused = {r.path for r in results if r.problems}
    written: list[str] = []
    for result in results:
        for problem in result.problems:
            console.print(f"clipclean: {result.path}: {problem}", markup=False)
        if fix and not result.problems:
            target = settings.output_for(result.path)
            if write_if_changed(target, checking.cleaned_jsonl(result.stories)):
                written.append(target)
    if fix:
        passing = {r.path for r in results if not r.problems}
        if index.save(
            replaced=lambda story_id: story_id.rsplit("-", 1)[0] in passing,
            rejected=lambda story_id: story_id.rsplit("-", 1)[0] in refused,
        ):
            written.append(settings.index)
    for path in written:
        console.print(f"clipclean: wrote {path}", markup=False)
    if written:
        console.print("clipclean: files were fixed; add them (git add) and commit again", markup=False)
    console.print(
        f"clipclean check: {len(results)} files, {len(refused)} refused, {len(written)} written", markup=False
    )
    return EXIT_FINDINGS if refused or written else EXIT_OK


@app.command()
def diff(
    file: Annotated[
        str,
        typer.Argument(help="A clipping file, or - for stdin.", metavar="FILE", show_default=False),
    ],
    *,
    encoding: EncodingOption = None,
    input_format: FormatOption = "auto",
    width: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--width",
            min=20,
            metavar="COLUMNS",
            help="Lay the view out this many columns wide (default: the terminal's width, else 80).",
        ),
    ] = None,
) -> None:
    """Show a clipping line by line: kept lines plain, removed lines dimmed beside their reason."""
    _check_format(input_format)
    _check_encoding(encoding)
    raise typer.Exit(_diff(file, Config(encoding=encoding, input_format=input_format), width))


def _diff(file: str, config: Config, width: int | None) -> int:
    """Print the view of each clipping in FILE on stdout, then the tally; errors go to stderr."""
    out = _PipeConsole(highlight=False, width=width)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    items = iter_clippings([STDIN], config) if file == STDIN else read_path(file, config)
    shown: list[diffview.Row] = []
    failed = False
    try:
        for item in items:
            view, error = _view(item, config)
            if view:
                out.rule(Text(item.source), style="dim")
                out.print(diffview.render(view))
                shown += view
            if error:
                err.print(f"clipclean: {item.source}: {error}", markup=False)
                failed = True
        if shown:
            out.print(diffview.tally(shown), markup=False)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    return EXIT_FINDINGS if failed else EXIT_OK


class _PipeConsole(Console):
    """A stdout console that lets a closed pipe (`| head`) end the run with 141, as `clean` does."""

    def on_broken_pipe(self) -> None:
        """Raise instead of rich's exit 1, so `_diff` can report it the shell's way."""
        raise BrokenPipeError


def _view(item: Clipping | Failure, config: Config) -> tuple[list[diffview.Row], str | None]:
    """One input's rows, and the reason it failed (unreadable, or no story in it) if it did."""
    if isinstance(item, Failure):
        return [], item.reason
    if not item.data.strip():
        return [], "empty input"
    try:
        page = clean_page(item, config)
    except DecodeError as exc:
        return [], str(exc)
    return diffview.rows(page.lines, page.stories, page.removals), page.no_article


def _with_progress(
    items: Iterator[dict[str, Any] | Failure],
    console: Console,
    quiet: bool,
    stats: Stats | None = None,
    total: int | None = None,
) -> Iterator[dict[str, Any] | Failure]:
    """Pass items through, showing a progress line on stderr when it is a terminal: a bar of
    clippings done out of `total` (with their rate, the time spent and the time left) when the
    inputs were counted up front, else a spinner with the stories written."""
    if quiet or not console.is_terminal:
        yield from items
        return
    from rich import progress as bars

    if total is None or stats is None:
        columns: tuple[bars.ProgressColumn, ...] = (
            bars.SpinnerColumn(),
            bars.TextColumn("{task.completed} stories"),
            bars.TimeElapsedColumn(),
        )
    else:
        columns = (
            bars.BarColumn(),
            bars.MofNCompleteColumn(),
            bars.TextColumn("clippings, {task.fields[rate]}/s"),
            bars.TimeElapsedColumn(),
            bars.TextColumn("left"),
            bars.TimeRemainingColumn(),
        )
    with bars.Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("clean", total=total, rate="-")
        for item in items:
            if total is None or stats is None:
                progress.advance(task, 0 if isinstance(item, Failure) else 1)
            else:
                elapsed = progress.tasks[0].elapsed or 0.0
                rate = f"{stats.inputs / elapsed:,.0f}" if elapsed > 0.5 else "-"
                progress.update(task, completed=stats.inputs, rate=rate)
            yield item


def summary(stats: Stats, lines: bool = True) -> str:
    """One line for stderr: what the run read, wrote and removed (lines only where it cleaned).

    >>> s = Stats(inputs=2, stories=3, failures=1, duplicates=1)
    >>> s.removed.update({"repeat": 2, "copyright": 1})
    >>> summary(s)
    'clipclean: 2 inputs, 3 stories, 1 failed, 1 duplicates; lines removed: copyright 1, repeat 2'
    >>> summary(Stats(inputs=5, stories=4, duplicates=1, told_apart=2), lines=False)
    'clipclean: 5 records, 4 written, 0 failed, 1 duplicates (2 like pairs told apart by what differs)'
    """
    told = f" ({stats.told_apart} like pairs told apart by what differs)" if stats.told_apart else ""
    if not lines:
        return (
            f"clipclean: {stats.inputs} records, {stats.stories} written, {stats.failures} failed, "
            f"{stats.duplicates} duplicates{told}"
        )
    removed = ", ".join(f"{reason} {n}" for reason, n in sorted(stats.removed.items())) or "none"
    return (
        f"clipclean: {stats.inputs} inputs, {stats.stories} stories, {stats.failures} failed, "
        f"{stats.duplicates} duplicates{told}; lines removed: {removed}"
    )


def _silence_stdout() -> None:
    """After the reader went away (`| head`), make Python's exit-time flush of stdout a no-op."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def main() -> None:
    """Console-script entry point."""
    app()
