"""The fast path reads `build`'s options with a parser of its own (it must not import Typer);
wherever it accepts a command line, it reads it as the full command's parser does."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st

from builder import cli_support, fastpath
from builder.cli import app

COURSES = ("a", "b")  # folders made in the test's own folder
VALUES = ("scorm12", "xapi", "all", "dist", "out dir", "-x", "", "0", "2", "=3", "5MB", "none")

# One command-line word or option with its value, as an author (or a typo) writes it.
WORDS = st.one_of(
    st.sampled_from([*COURSES, "missing", "a/"]).map(lambda w: [w]),
    st.tuples(
        st.sampled_from(["--target", "-t", "--out", "-o", "--jobs", "-j", "--upload-limit"]),
        st.sampled_from(VALUES),
    ).map(list),
    st.tuples(
        st.sampled_from(
            ["--target=", "-t=", "--out=", "-o=", "--jobs=", "-j=", "-t", "-j", "--upload-limit="]
        ),
        st.sampled_from(VALUES),
    ).map(lambda p: [p[0] + p[1]]),
    st.sampled_from(
        ["--split-languages", "--force", "--strict", "--debug-runtime", "--", "--frobnicate"]
    ).map(lambda w: [w]),
)


def build_command() -> typer.core.TyperCommand:
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    command = group.commands["build"]
    assert isinstance(command, typer.core.TyperCommand)
    return command


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("options")
    for name in COURSES:
        (root / name).mkdir()
    return root


def test_the_fast_path_knows_only_options_of_the_build_command() -> None:
    known = {name for p in build_command().params for name in p.opts}
    assert set(fastpath.OPTIONS) <= known, set(fastpath.OPTIONS) - known


def command_line(words: list[list[str]], course: str, at: int) -> list[str]:
    """The words in order, with one course folder among them at ``at`` (a build needs one)."""
    return [w for word in [*words[:at], [course], *words[at:]] for w in word]


@settings(max_examples=400, deadline=None)
@given(
    words=st.builds(
        command_line, st.lists(WORDS, max_size=6), st.sampled_from(COURSES), st.integers(0, 6)
    )
)
def test_what_the_fast_path_accepts_the_full_parser_reads_alike(
    words: list[str], folder: Path
) -> None:
    with contextlib.chdir(folder):
        fast = fastpath.parse(words)
        if fast is None:  # handed over: the full command decides, whatever it makes of it
            return
        params = build_command().make_context("build", list(words)).params
    # The context holds the values as parsed; Typer makes them Paths when it calls the command.
    assert [Path(s) for s in params["sources"]] == [Path(s) for s in fast.sources]
    assert tuple(params["target"] or ()) == fast.targets
    assert Path(params["out"]) == Path(fast.out)
    assert params["split_languages"] == fast.split
    assert params["jobs"] == fast.jobs
    assert cli_support.upload_limit(params["upload_limit"]) == fast.upload_limit
    assert not (params["force"] or params["strict"] or params["debug_runtime"])
