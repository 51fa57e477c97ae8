"""The LMS's upload limit is the administrator's to say (`build --upload-limit`, or
COURSEBUILD_UPLOAD_LIMIT for CI): the package-size warning's 100 MiB was fixed, so a department
whose LMS takes 500 MB packages saw it on every build and could not build with --strict."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from support.console import console_script

from builder import fastpath
from builder.output.upload_limit import DEFAULT_LIMIT, ENV, parse_limit

MIB = 1 << 20


@pytest.fixture
def heavy(bilingual: Path) -> Path:
    """The bilingual course with a 3 MiB video that does not compress."""
    block = os.urandom(MIB)
    with (bilingual / "media" / "clip.mp4").open("wb") as clip:
        for _ in range(3):
            clip.write(block)
    return bilingual


def launch(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The console script, as an administrator runs it (the fast path, then Typer)."""
    return console_script(args, env=env, unset=[ENV])


def warnings(text: str) -> list[str]:
    return [line.split(": warning: ")[1] for line in text.splitlines() if "[package-size]" in line]


@pytest.mark.parametrize(
    ("written", "size"),
    [
        ("500MB", 500_000_000),
        ("500 MB", 500_000_000),
        ("1.5 GiB", 1_610_612_736),
        ("2g", 2 << 30),
        ("250MiB", 250 * MIB),
        ("104857600", DEFAULT_LIMIT),
        ("0", 0),
        ("none", 0),
        ("None", 0),
        ("off", 0),
    ],
)
def test_a_limit_is_read_as_people_write_sizes(written: str, size: int) -> None:
    assert parse_limit(written) == size


@pytest.mark.parametrize("written", ["", "-5MB", "500 parsecs", "1e9", "five hundred", "MB"])
def test_a_malformed_limit_says_what_is_expected(written: str) -> None:
    with pytest.raises(
        ValueError, match=re.escape("expected a size such as 500MB, 1.5GiB or 104857600")
    ):
        parse_limit(written)


def test_the_limit_decides_the_warning_and_a_new_limit_rebuilds(
    heavy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dist"
    base = ["build", str(heavy), "-t", "scorm12", "-o", str(out)]
    low = launch([*base, "--upload-limit", "2MiB"])  # without Typer: the fast path's parser
    assert low.returncode == 0, low.stderr
    (said,) = warnings(low.stderr)
    assert said.startswith("course-scorm12.zip is 3 MiB, over the LMS's upload limit of 2 MiB ")
    assert (
        "(--upload-limit or COURSEBUILD_UPLOAD_LIMIT); the heaviest files: media/clip.mp4" in said
    )
    # Under a limit the package fits, the course is built again (its warning was the limit's),
    # and nothing is said; --strict builds.
    high = launch([*base, "--upload-limit", "500MB", "--strict"])
    assert high.returncode == 0 and "wrote " in high.stdout and not warnings(high.stderr), high
    assert launch([*base, "--upload-limit=500MB"]).stdout.startswith("unchanged course")
    env = launch(base, {ENV: "2MiB"})  # CI: the environment's limit, the same warning
    assert "wrote " in env.stdout and warnings(env.stderr) == [said], env
    off = launch([*base, "--upload-limit", "none", "--strict"], {ENV: "2MiB"})
    assert off.returncode == 0 and "wrote " in off.stdout and not warnings(off.stderr), off
    assert launch([*base, "--upload-limit", "0"]).stdout.startswith("unchanged course")


@pytest.mark.parametrize("through", ["option", "environment"])
def test_a_malformed_limit_is_a_usage_error(heavy: Path, tmp_path: Path, through: str) -> None:
    out = tmp_path / "dist"
    args = ["build", str(heavy), "-o", str(out)]
    if through == "option":
        done = launch([*args, "--upload-limit", "500 parsecs"])
        named = "--upload-limit"
    else:
        done = launch(args, {ENV: "500 parsecs"})
        named = ENV
    assert done.returncode == 2, done
    assert named in done.stderr and "'500 parsecs' is not a size; expected a size such as " in (
        " ".join(done.stderr.split())
    ), done.stderr
    assert not out.exists()


def test_the_fast_path_reads_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    folder = str(tmp_path)
    assert fastpath.parse([folder]).upload_limit == DEFAULT_LIMIT  # type: ignore[union-attr]
    parsed = fastpath.parse([folder, "--upload-limit", "1.5 GiB"])
    assert parsed is not None and parsed.upload_limit == 1_610_612_736
    assert fastpath.parse([folder, "--upload-limit", "nope"]) is None  # Typer says why
    monkeypatch.setenv(ENV, "500MB")
    assert fastpath.parse([folder]).upload_limit == 500_000_000  # type: ignore[union-attr]
    assert fastpath.parse([folder, "--upload-limit=none"]).upload_limit == 0  # type: ignore[union-attr]
    monkeypatch.setenv(ENV, "lots")
    assert fastpath.parse([folder]) is None
    json.dumps(fastpath.stamp_key(tmp_path, [], False, "", 5))


@pytest.mark.parametrize(
    ("written", "shown"), [("10KB", "10 kB"), ("1MiB", "1 MiB"), ("12345", "12,345 bytes")]
)
def test_the_warning_shows_the_limit_as_it_was_written(
    course: Path, tmp_path: Path, written: str, shown: str
) -> None:
    args = ["build", str(course), "-o", str(tmp_path / "d"), "--upload-limit", written, "--force"]
    done = launch(args)
    assert done.returncode == 0, done.stderr
    if written == "1MiB":  # the minimal course's package is under a MiB
        assert not warnings(done.stderr)
    else:
        (said,) = warnings(done.stderr)
        assert f", over the LMS's upload limit of {shown} (--upload-limit or " in said, said
