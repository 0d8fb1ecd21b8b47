"""All file I/O: finding and reading inputs (files, directories, globs, stdin, .gz, JSONL) and
writing JSONL atomically. Everything else in clipclean works on values."""

from __future__ import annotations

import glob
import gzip
import json
import os
import stat
import sys
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Protocol

from clipclean.config import Config
from clipclean.records import Clipping, Failure, Kind, Record
from clipclean.stages import markdown

#: File name endings read when walking a directory (each also with .gz).
TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl",)
ALL_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
STDIN = "-"
_JSONL_KEYS = ("id", "url", "source", "text", "html", "markdown")


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class InputError(Exception):
    """An input that cannot be read; the message is the one-line reason."""


def iter_clippings(specs: Iterable[str], config: Config) -> Iterator[Clipping | Failure]:
    """Every clipping named by the command-line inputs, in a deterministic order."""
    for spec in specs or [STDIN]:
        if spec == STDIN:
            yield from _read_stdin(config)
            continue
        paths = list(expand(spec))
        if not paths:
            yield Failure(spec, nothing_there(spec))
        for path in paths:
            yield from read_path(path, config, named=path == spec)


def nothing_there(spec: str) -> str:
    if os.path.isdir(spec):
        return "no clipping files in this directory (" + " ".join(ALL_SUFFIXES) + ", each also .gz)"
    return "no such file or directory" if not glob.has_magic(spec) else "no file matches this pattern"


def expand(spec: str) -> Iterator[str]:
    """The files one input stands for: itself, a directory's clippings, or a glob's matches."""
    if os.path.isdir(spec):
        yield from walk(spec)
    elif os.path.lexists(spec) or not glob.has_magic(spec):
        if os.path.lexists(spec):
            yield spec
    else:
        for match in sorted(glob.glob(spec, recursive=True)):
            if os.path.isdir(match):
                yield from walk(match)
            else:
                yield match


def walk(root: str) -> Iterator[str]:
    """Clipping files under a directory, sorted, following symlinks once (loops are skipped).

    Hidden files and directories (a leading dot, like .git) are not read.
    """
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        stat = os.stat(dirpath)
        if (stat.st_dev, stat.st_ino) in seen:
            dirnames[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and _suffix(name) in ALL_SUFFIXES:
                yield os.path.join(dirpath, name)


def read_path(path: str, config: Config, named: bool = True) -> Iterator[Clipping | Failure]:
    """The clippings in one file: one for a text or HTML file, one per line for JSONL.

    A named pipe, device or socket is read only when `named` on the command line (as with
    `clipclean clean <(zcat x.gz)`): found in a directory or by a glob, it could block forever.
    """
    kind = _kind_for(path, config)
    if not named and (special := _special(path)):
        yield Failure(path, f"not a regular file ({special}); name it on its own to read it")
        return
    try:
        with _open(path) as stream:
            if kind == "jsonl":
                yield from read_jsonl(stream, path, config)
                return
            data = read_capped(stream, config.max_input_bytes)
    except InputError as exc:
        yield Failure(path, str(exc))
        return
    yield Clipping(source=os.path.normpath(path), data=data, kind=kind)  # type: ignore[arg-type]


def read_jsonl(stream: Iterable[bytes], name: str, config: Config) -> Iterator[Clipping | Failure]:
    """One clipping per JSONL line with `text`, `html` or `markdown`; other fields go to `meta`."""
    try:
        for number, raw in enumerate(_lines(stream), start=1):
            if raw.strip():
                yield _jsonl_clipping(raw, f"{name}:{number}")
    except InputError as exc:
        yield Failure(name, str(exc))


def _jsonl_clipping(raw: bytes, where: str) -> Clipping | Failure:
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Failure(where, f"invalid JSON: {exc}")
    if not isinstance(obj, dict):
        return Failure(where, "a JSONL line must be an object")
    kind = next((key for key in ("html", "markdown") if obj.get(key)), "text")
    body = obj.get(kind)
    if not isinstance(body, str) or not body.strip():
        return Failure(where, 'the object has no "text", "html" or "markdown" string')
    optional = {key: obj.get(key) for key in ("id", "url", "source")}
    if any(value is not None and not isinstance(value, (str, int)) for value in optional.values()):
        return Failure(where, '"id", "url" and "source" must be strings')
    return Clipping(
        source=str(optional["source"] or optional["url"] or where),
        data=body.encode("utf-8", "surrogatepass"),
        kind=kind,  # type: ignore[arg-type]  # "html", "markdown" or "text": all Kinds
        text=body,
        input_id=None if optional["id"] is None else str(optional["id"]),
        url=None if optional["url"] is None else str(optional["url"]),
        meta={k: v for k, v in obj.items() if k not in _JSONL_KEYS},
    )


def iter_records(specs: Iterable[str], config: Config) -> Iterator[Record | Failure]:
    """Every JSON object in the named JSONL inputs (files, directories' .jsonl files, globs, stdin)."""
    for spec in specs or [STDIN]:
        if spec == STDIN:
            yield from _records(sys.stdin.buffer, STDIN)
            continue
        paths = [path for path in expand(spec) if spec == path or _suffix(path) in JSONL_SUFFIXES]
        if not paths:
            yield Failure(spec, "no such file, or no .jsonl file there")
        for path in paths:
            if path != spec and (special := _special(path)):
                yield Failure(path, f"not a regular file ({special}); name it on its own to read it")
                continue
            try:
                with _open(path) as stream:
                    yield from _records(stream, os.path.normpath(path))
            except InputError as exc:
                yield Failure(path, str(exc))


def _records(stream: Iterable[bytes], name: str) -> Iterator[Record | Failure]:
    try:
        for number, raw in enumerate(_lines(stream), start=1):
            if not raw.strip():
                continue
            where = f"{name}:{number}"
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Failure(where, f"invalid JSON: {exc}")
                continue
            if not isinstance(obj, dict):
                yield Failure(where, "a JSONL line must be an object")
                continue
            yield Record(where, obj)
    except InputError as exc:
        yield Failure(name, str(exc))


def read_settings(directory: str = ".") -> tuple[dict[str, Any], str]:
    """A repository's clipclean settings and where they came from: `.clipclean.toml`, else
    `[tool.clipclean]` in `pyproject.toml`, else none. Raises ValueError on unreadable TOML."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    for name, table in ((".clipclean.toml", ()), ("pyproject.toml", ("tool", "clipclean"))):
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            continue
        try:
            with open(path, "rb") as stream:
                data: Any = tomllib.load(stream)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"{name}: {exc}") from exc
        for key in table:
            data = data.get(key, {}) if isinstance(data, dict) else {}
        if data or not table:
            return dict(data), name if not table else f"{name} [tool.clipclean]"
    return {}, "defaults"


def write_if_changed(path: str, data: bytes) -> bool:
    """Write a file atomically, unless it already holds exactly these bytes; returns whether it wrote."""
    try:
        with open(path, "rb") as stream:
            if stream.read() == data:
                return False
    except OSError:
        pass
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=os.path.dirname(path) or "."
    )
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    os.replace(tmp, path)
    return True


def _read_stdin(config: Config) -> Iterator[Clipping | Failure]:
    """stdin is JSONL when asked, or when its first line is a JSON object with text, html or markdown."""
    stream = sys.stdin.buffer
    first = stream.readline(config.max_input_bytes)
    if config.input_format == "jsonl" or (config.input_format == "auto" and _looks_like_jsonl(first)):
        yield from read_jsonl(_Chain(first, stream), STDIN, config)
        return
    try:
        data = first + read_capped(stream, config.max_input_bytes - len(first))
    except InputError as exc:
        yield Failure(STDIN, str(exc))
        return
    kind: Kind = config.input_format if config.input_format in ("text", "html", "markdown") else "auto"  # type: ignore[assignment]
    yield Clipping(source=STDIN, data=data, kind=kind)


def _looks_like_jsonl(line: bytes) -> bool:
    if not line.lstrip().startswith(b"{"):
        return False
    try:
        obj = json.loads(line)
    except ValueError:
        return False
    return isinstance(obj, dict) and any(key in obj for key in ("text", "html", "markdown"))


class _Chain:
    """A binary stream that replays one line already read, then the rest."""

    def __init__(self, head: bytes, rest: Iterable[bytes]) -> None:
        self.head, self.rest = head, rest

    def __iter__(self) -> Iterator[bytes]:
        yield self.head
        yield from self.rest


def _lines(stream: Iterable[bytes]) -> Iterator[bytes]:
    """Lines split on b"\\n" only (U+2028 inside a JSON string is not a line break)."""
    try:
        yield from stream
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(_reason(exc)) from exc


def read_capped(stream: Readable, limit: int) -> bytes:
    """Read a whole stream, refusing to hold more than `limit` bytes (gzip bombs, runaway files)."""
    try:
        data = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(_reason(exc)) from exc
    if len(data) > limit:
        raise InputError(f"larger than the {limit // (1024 * 1024)} MiB limit (--max-mib)")
    return data


def _special(path: str) -> str | None:
    """What a path is when it is not a regular file (None for files, and for missing paths)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # reading it will say why
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file"


def _open(path: str) -> IO[bytes]:
    try:
        if path.endswith(".gz"):
            return gzip.open(path, "rb")  # type: ignore[return-value]  # a GzipFile is a binary IO
        return open(path, "rb")
    except OSError as exc:
        raise InputError(_reason(exc)) from exc


def _reason(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file (or a broken symlink)"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, (EOFError, zlib.error, gzip.BadGzipFile)):
        return f"corrupt or truncated gzip data ({exc})"
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _suffix(name: str) -> str:
    name = name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[1]


def _kind_for(path: str, config: Config) -> str:
    if config.input_format != "auto":
        return config.input_format
    suffix = _suffix(path)
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in markdown.SUFFIXES:
        return "markdown"
    return "auto"


class JsonlWriter:
    """Writes one JSON object per line, flushed per record.

    To a file it writes atomically: records go to a temporary file beside the target, which
    replaces the target only when the run ends normally; an interrupted run leaves the old
    file (or none) in place, never half a file.
    """

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._tmp: str | None = None
        self._stream: IO[bytes]
        if path is None or path == STDIN:
            self._stream = sys.stdout.buffer
        else:
            target = Path(path)
            fd, self._tmp = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or "."
            )
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self._tmp, 0o666 & ~umask)  # mkstemp makes 0600; the output is an ordinary file
            self._stream = os.fdopen(fd, "wb")

    def write(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        try:
            data = line.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (from a JSONL "\ud800"): kept, as an escape
            data = json.dumps(record, separators=(",", ":")).encode("ascii")
        self._stream.write(data + b"\n")
        self._stream.flush()

    def commit(self) -> None:
        """Make the output final (for a file: fsync, then rename over the target)."""
        if self._tmp is None:
            self._stream.flush()
            return
        os.fsync(self._stream.fileno())
        self._stream.close()
        os.replace(self._tmp, str(self.path))
        self._tmp = None

    def abort(self) -> None:
        """Drop a file output that did not finish; the target is left as it was."""
        if self._tmp is not None:
            self._stream.close()
            os.unlink(self._tmp)
            self._tmp = None
