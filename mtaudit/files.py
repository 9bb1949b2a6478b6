"""Writing output files so that nothing is destroyed and no run leaves half a report.

mtaudit runs unattended in CI, often as root, so a report path is checked before any work:
it must be a regular file or not exist yet (never a device, FIFO, socket or folder), a
symbolic link is written through only to a regular file, no input may be overwritten and no
two reports may share a path. Then all reports of a run are written to temporary files beside
their targets and renamed into place only when every one is complete: a run that fails at
any point (a full disk, an interrupt) leaves every earlier report as it was. A new file gets
the permissions the umask allows, like a shell redirect; a replaced one keeps its own.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from mtaudit.errors import MtauditError

Content = bytes | Iterable[bytes]
_TEMPORARY = ".mtaudit-{pid}-"  # temporary files are named .<report>.mtaudit-<pid>-<random>.tmp
_STALE_PATTERN = re.compile(r"\.(?P<name>.+)\.mtaudit-(?P<pid>\d+)-[^.]+\.tmp")
_LEGACY_PATTERN = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")  # versions before 0.2 (mkstemp's names)
LEGACY_STALE_SECONDS = 3600


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@dataclass(frozen=True)
class Output:
    """One file a command will write: ``option`` names it in messages (``--csv``)."""

    option: str
    path: Path


def check_outputs(outputs: list[Output], inputs: Iterable[Path] = ()) -> None:
    """Raise a one-line ``MtauditError`` now, before any slow work, if an output could not or
    must not be written: see the module's docstring for the rules."""
    inputs_resolved = {_resolved(p) for p in _input_files(inputs)}
    seen: dict[Path, str] = {}
    for output in outputs:
        target = writable_target(output.path, output.option)
        if target in inputs_resolved:
            raise MtauditError(f"{output.path}: is an input of this run; {output.option} would overwrite it")
        if target in seen:
            raise MtauditError(f"{output.path}: both {seen[target]} and {output.option} would write this file")
        seen[target] = output.option


def writable_target(path: Path, option: str = "output") -> Path:
    """The regular file that writing ``path`` would replace (through a symbolic link), after
    checking that it may be replaced and that its folder can be written."""
    path = Path(path)
    if path.is_symlink():
        target = _resolved(path)
        if not target.exists():
            raise MtauditError(f"{path}: {option} is a symbolic link to {target}, which does not exist")
    else:
        target = _resolved(path)
    if target.exists() or path.is_symlink():
        kind = _kind(target)
        if kind != "file":
            link = f" (a symbolic link to {target})" if path.is_symlink() else ""
            raise MtauditError(f"{path}{link}: is a {kind}, not a regular file; give a file name for {option}")
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MtauditError(f"{folder}: cannot create the folder for {option} ({error.strerror or error})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise MtauditError(f"{folder}: folder is not writable ({option})")
    return target


def write_all(files: list[tuple[Path, Callable[[], Content]]]) -> None:
    """Write every file or none: each ``content()`` goes to a temporary file beside its
    target; the targets are replaced only once all are complete. On failure the temporary
    files are removed and a one-line ``MtauditError`` (or the interrupt) propagates."""
    written: list[tuple[Path, Path]] = []
    try:
        for path, content in files:
            target = writable_target(path)
            remove_stale_temporaries(target)
            try:
                written.append((_write_temporary(target, content()), target))
            except OSError as error:
                raise MtauditError(
                    f"{path}: cannot write ({error.strerror or error}); no file of this run was changed"
                ) from None
        for temporary, target in written:
            try:
                os.replace(temporary, target)
            except OSError as error:
                raise MtauditError(f"{target}: cannot replace ({error.strerror or error})") from None
    finally:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)


def write_atomically(path: Path, data: Content) -> None:
    """One file, all or nothing (see ``write_all``)."""
    write_all([(path, lambda: data)])


def write_json(path: Path, document: object, indent: int | None = 1) -> None:
    """Every JSON file mtaudit writes besides the streamed report, with one set of options:
    UTF-8 text as itself (an editor reads "Jakarta — Senin", not escapes), values made
    ``json_ready``, paths and other objects as their text, and a final newline."""
    text = json.dumps(json_ready(document), ensure_ascii=False, indent=indent, allow_nan=False, default=str)
    write_atomically(path, (text + "\n").encode("utf-8"))


def json_ready(value: object) -> object:
    """A value any strict JSON parser reads back: numpy scalars as Python numbers, and a
    number that is not finite (NaN: not measured) as null, inside lists and dicts too."""
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(item) for item in value]
    return value


def remove_stale_temporaries(target: Path) -> None:
    """Temporary files of ``target`` left by runs that were killed while writing it: those
    whose process is gone (and the differently named ones of older versions after an hour)."""
    try:
        candidates = list(target.parent.glob(f".{glob_escape(target.name)}.*.tmp"))
    except OSError:
        return
    for candidate in candidates:
        match = _STALE_PATTERN.fullmatch(candidate.name)
        if match and match["name"] == target.name:
            stale = not _process_alive(int(match["pid"]))
        else:
            legacy = _LEGACY_PATTERN.fullmatch(candidate.name)
            stale = bool(legacy and legacy["name"] == target.name and _age(candidate) > LEGACY_STALE_SECONDS)
        if stale:
            candidate.unlink(missing_ok=True)


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _write_temporary(target: Path, content: Content) -> Path:
    prefix = f".{target.name}{_TEMPORARY.format(pid=os.getpid())}"
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as file:
            for piece in [content] if isinstance(content, bytes) else content:
                file.write(piece)
            os.fchmod(file.fileno(), _mode_for(target))
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def _kind(path: Path) -> str:
    mode = path.stat().st_mode
    for test, kind in (
        (stat.S_ISREG, "file"),
        (stat.S_ISDIR, "directory"),
        (stat.S_ISFIFO, "FIFO (named pipe)"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
    ):
        if test(mode):
            return kind
    return "special file"


def _resolved(path: Path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise MtauditError(f"{path}: cannot resolve the path (a loop of symbolic links?)") from None


def _input_files(inputs: Iterable[Path]) -> Iterable[Path]:
    for path in inputs:
        path = Path(path)
        if path.is_dir():
            yield from (p for p in path.rglob("*") if p.is_file())
        elif path.exists():
            yield path


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0
