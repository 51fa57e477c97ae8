"""Write stage: files are staged in a hidden folder inside `out`, then renamed into place."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from msgspec import Struct

from ..diagnostics import Diagnostics, Location
from ..interrupt import check, shielded
from .archive import PackageFile, SourceChanged, SourceError, write_zip
from .report import file_sha256

STAGING_PREFIX = ".coursebuild-staging-"
PREVIOUS_PREFIX = ".coursebuild-previous-"


class OutputError(Exception):
    """The output folder could not be written: no space, no permission, not a folder."""


class PartialOutputError(OutputError):
    """A commit failed and could not be undone: the output folder is partly replaced."""


def report_output_error(diagnostics: Diagnostics, out: Path, error: OutputError) -> None:
    """Record an output folder that could not be written as an error at that folder."""
    if isinstance(error, PartialOutputError):
        diagnostics.error(Location(out.as_posix()), "output-partly-written", str(error))
        return
    diagnostics.error(
        Location(out.as_posix()),
        "output-not-written",
        f"{error}; expected a folder coursebuild can write to, with free space",
    )


def _failed(what: str, error: OSError) -> OutputError:
    return OutputError(f"could not {what} ({error.strerror or error})")


def new_folder(path: Path) -> None:
    """Make a folder that does not exist yet (in a staging folder)."""
    try:
        path.mkdir()
    except OSError as error:
        raise _failed(f"create the folder {path.name}", error) from error


def write_file(path: Path, data: bytes) -> None:
    """Write a new file with mode 0o644, whatever the umask, as packages are published."""
    try:
        with open(path, "xb") as stream:
            stream.write(data)
        os.chmod(path, 0o644)
    except OSError as error:
        raise _failed(f"write {path.name}", error) from error


def write_package(path: Path, files: Sequence[PackageFile]) -> tuple[int, str]:
    """Zip `files` into the new file `path` as `write_file` writes one: its size and sha256.
    SourceError when a course file cannot be read, SourceChanged when one changed as it was
    read (no file is left then)."""
    try:
        with open(path, "xb") as stream:
            write_zip(files, stream)
        os.chmod(path, 0o644)
    except (SourceError, SourceChanged):
        path.unlink(missing_ok=True)
        raise
    except OSError as error:
        raise _failed(f"write {path.name}", error) from error
    # Read back, not hashed as written: write_zip seeks back to put each entry's CRC and sizes
    # in its local header [APPNOTE.TXT 6.3.10 §4.3.7], so the bytes streamed are not the
    # file's. Writing each header right the first time would read every course file once more
    # for its CRC (0.046 s per 100 MiB) to save this re-read from the page cache (0.024 s);
    # data descriptors instead would change every package's bytes.
    return path.stat().st_size, file_sha256(path)


class Staging(Struct, frozen=True):
    """A build's private folder inside the output folder."""

    out: Path
    folder: Path

    def commit(self, files: Mapping[str, Path], remove: Sequence[str] = ()) -> list[Path]:
        """Rename every staged file into `out` and remove the `remove` ones, all or none: a
        failure undoes the renames and removals done.

        Each file a staged one replaces, or that is removed, is first kept in a folder of
        previous files (a hard link, so it never leaves `out`); a failure, or an interruption,
        puts them all back.
        """
        try:
            previous = Path(tempfile.mkdtemp(prefix=PREVIOUS_PREFIX, dir=self.out))
        except OSError as error:
            raise _failed("create a folder for the previous files", error) from error
        done: list[
            tuple[str, bool]
        ] = []  # each name renamed (or about to be), and if it had a file
        try:
            check()
            for name, staged in sorted(files.items()):
                target = self.out / name
                try:
                    done.append((name, _keep(target, previous / name)))
                    os.replace(staged, target)
                except OSError as error:
                    raise _failed(f"move {name} into the output folder", error) from error
            for name in sorted(set(remove) - set(files)):
                try:
                    done.append((name, _keep(self.out / name, previous / name)))
                    (self.out / name).unlink(missing_ok=True)
                except OSError as error:
                    raise _failed(f"remove {name}, which is no longer built", error) from error
        except BaseException as error:
            with shielded():
                left = _undo(self.out, previous, done)
                if not left:
                    shutil.rmtree(previous, ignore_errors=True)
            if left:
                raise PartialOutputError(
                    f"{error}, and {len(left)} file(s) could not be put back ({', '.join(left)}): "
                    f"{self.out.as_posix()}/ is partly replaced; the previous files are kept in "
                    f"{previous.as_posix()}/, to copy back by hand"
                ) from error
            raise
        shutil.rmtree(previous, ignore_errors=True)
        return [self.out / name for name in sorted(files)]


def _keep(target: Path, saved: Path) -> bool:
    """Keep the file at `target` as `saved` before it is replaced; False when there is none."""
    if not os.path.lexists(target):
        return False
    try:
        os.link(target, saved, follow_symlinks=False)
    except OSError:  # a filesystem without hard links: move it aside instead
        os.replace(target, saved)
    return True


def _same(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def _undo(out: Path, previous: Path, done: list[tuple[str, bool]]) -> list[str]:
    """Put back what a failed commit replaced, newest first; the names that could not be."""
    left = []
    for name, had_file in reversed(done):
        try:
            if had_file and _same(previous / name, out / name):
                continue  # its rename never happened: the previous file is still in place
            if had_file:
                os.replace(previous / name, out / name)
            else:
                (out / name).unlink(missing_ok=True)
        except OSError:
            left.append(name)
    return left


def _host_name() -> str:
    """This machine's name: from uname where there is one (socket is a heavy import for it)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def _owner() -> str:
    """This build's part of a staging folder's name: its host and process id."""
    host = re.sub(r"[^A-Za-z0-9]", "", _host_name())[:32] or "host"
    return f"{host}-{os.getpid()}-"


_STAGED_BY = re.compile(re.escape(STAGING_PREFIX) + r"([A-Za-z0-9]+)-([0-9]+)-[A-Za-z0-9_]+")


def remove_stale_staging(out: Path) -> list[Path]:
    """Remove staging folders in `out` left by builds on this host whose process is gone."""
    host = _owner().split("-")[0]
    removed = []
    try:
        entries = list(out.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = _STAGED_BY.fullmatch(entry.name)
        if not match or match[1] != host or not entry.is_dir() or _alive(int(match[2])):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, but is another user's
        return True
    return True


@contextmanager
def staging(out: Path) -> Iterator[Staging]:
    """A fresh staging folder in `out`: removed on leaving, with any folder made for it if empty.

    It lives inside `out`, not beside it: its files are then on the filesystem of the files they
    replace even when `out` is a mount point, so each os.replace is an atomic rename (across
    filesystems it would fail), and no permission is needed on the folder above `out`. Its name
    holds the host and process id, so that the next build removes it if this one is killed.
    """
    made = [folder for folder in (out, *out.parents) if not folder.exists()]
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _remove_empty(made)
        raise _failed("create the output folder", error) from error
    remove_stale_staging(out)
    try:
        stage = Staging(out, Path(tempfile.mkdtemp(prefix=STAGING_PREFIX + _owner(), dir=out)))
    except OSError as error:
        _remove_empty(made)
        raise _failed("create a staging folder in the output folder", error) from error
    try:
        yield stage
    finally:
        with shielded():  # a second Ctrl-C does not leave half a staging folder behind
            shutil.rmtree(stage.folder, ignore_errors=True)
            # A failed build leaves no trace: a folder this build made goes (a built one is not
            # empty).
            _remove_empty(made)


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return
