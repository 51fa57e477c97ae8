"""Compiled templates kept between runs in the user's cache folder."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import BytecodeCache

from ..user_cache import cache_root


def bytecode_cache(kind: str = "theme") -> BytecodeCache | None:
    """Compiled templates of one kind of environment (``theme``, ``sandbox``), kept between runs
    in the user's cache folder (none if unwritable).

    Compiling the theme costs more than rendering a small course; Jinja2 keys each entry by the
    template's source checksum, so an edited theme is compiled afresh. Its entries only check
    Jinja2's bytecode format and Python's version, so each Jinja2 version has its own folder:
    code compiled by another release (other runtime helpers) is never loaded. Each kind of
    environment has its own folder too: a sandbox's templates never share entries with the
    theme's.
    """
    import jinja2
    from jinja2 import FileSystemBytecodeCache
    from jinja2.bccache import Bucket

    class _Optional(FileSystemBytecodeCache):
        """A compiled template not kept (a full disk, a size limit) is compiled again next time:
        never a failed build, nor an internal error in place of the output's own diagnostic."""

        def dump_bytecode(self, bucket: Bucket) -> None:
            with suppress(OSError):
                super().dump_bytecode(bucket)

    folder = cache_root() / "jinja" / jinja2.__version__
    if kind != "theme":
        folder = folder / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _Optional(str(folder))
