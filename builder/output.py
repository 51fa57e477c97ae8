"""Write stage: files are staged in a hidden folder inside `out`, then renamed into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostics, Location

STAGING_PREFIX = ".coursebuild-staging-"


class OutputError(Exception):
    """The output folder could not be written: no space, no permission, not a folder."""


def report_output_error(diagnostics: Diagnostics, out: Path, error: OutputError) -> None:
    """Record an output folder that could not be written as an error at that folder."""
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


@dataclass(frozen=True)
class Staging:
    """A build's private folder inside the output folder."""

    out: Path
    folder: Path

    def commit(self, files: Mapping[str, Path]) -> list[Path]:
        """Rename each staged file to its name in `out` (each rename atomic); the files written."""
        written = []
        for name, staged in sorted(files.items()):
            try:
                os.replace(staged, self.out / name)
            except OSError as error:
                raise _failed(f"move {name} into the output folder", error) from error
            written.append(self.out / name)
        return written


@contextmanager
def staging(out: Path) -> Iterator[Staging]:
    """A fresh staging folder in `out`: removed on leaving, with any folder made for it if empty.

    It lives inside `out`, not beside it: its files are then on the filesystem of the files they
    replace even when `out` is a mount point, so each os.replace is an atomic rename (across
    filesystems it would fail), and no permission is needed on the folder above `out`.
    """
    made = [folder for folder in (out, *out.parents) if not folder.exists()]
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _remove_empty(made)
        raise _failed("create the output folder", error) from error
    try:
        stage = Staging(out, Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out)))
    except OSError as error:
        _remove_empty(made)
        raise _failed("create a staging folder in the output folder", error) from error
    try:
        yield stage
    finally:
        shutil.rmtree(stage.folder, ignore_errors=True)
        # A failed build leaves no trace: a folder this build made goes (a built one is not empty).
        _remove_empty(made)


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return
