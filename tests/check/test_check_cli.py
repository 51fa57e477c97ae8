"""`coursebuild check` on the command line: exit codes, text and JSON, our own packages."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.check_kit import scorm12, swap, tincan, zip_of
from support.paths import REPO_ROOT
from typer.testing import CliRunner

from builder.check.package import check_path
from builder.cli import app
from builder.targets import available

runner = CliRunner()


def flat(output: str) -> str:
    """Typer's error box without its frame and line wrapping."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", output).split())


def write(tmp_path: Path, name: str, files: dict[str, bytes]) -> Path:
    path = tmp_path / name
    path.write_bytes(zip_of(files))
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return write(tmp_path, "good.zip", scorm12())


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    files = swap(scorm12(), "imsmanifest.xml", 'identifierref="res-1"', 'identifierref="res-9"')
    files["notes.txt"] = b"x"
    return write(tmp_path, "broken.zip", files)


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    files = scorm12()
    files["notes.txt"] = b"x"
    return write(tmp_path, "warned.zip", files)


def test_a_clean_package_exits_0(good: Path) -> None:
    result = runner.invoke(app, ["check", str(good)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{good.as_posix()}: ok (SCORM 1.2, 4 files)\n"


def test_errors_exit_1_with_one_line_each(broken: Path) -> None:
    result = runner.invoke(app, ["check", str(broken)])
    assert result.exit_code == 1
    name = broken.as_posix()
    assert result.stdout.splitlines() == [
        f"{name}:imsmanifest.xml:12: error: item 'item-1' refers to resource 'res-9', which is "
        "not in <resources> [scorm-identifierref]",
        "    hint: Moodle warns 'invalidmanifestresource' and the item launches nothing",
        f"{name}:notes.txt: warning: 'notes.txt' is in the zip but no <resource> lists it in a "
        "<file> [file-unlisted]",
        f"{name}: SCORM 1.2: 1 error(s), 1 warning(s)",
    ]


def test_warnings_pass_unless_strict(warned: Path) -> None:
    assert runner.invoke(app, ["check", str(warned)]).exit_code == 0
    assert runner.invoke(app, ["check", "--strict", str(warned)]).exit_code == 1


def test_several_packages_are_all_reported(good: Path, broken: Path, warned: Path) -> None:
    result = runner.invoke(app, ["check", str(good), str(broken), str(warned)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"{good.as_posix()}: ok (SCORM 1.2, 4 files)"
    assert lines[-1] == "checked 3 packages: 1 with problems to fix"


def test_usage_errors_exit_2(tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Relative names: Typer's error box wraps a long path mid-word, whatever the test looks for.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.zip").write_text("not a zip")
    (tmp_path / "folder.zip").mkdir()
    cases = {
        "no such file": ["missing.zip"],
        "folder.zip is a folder; expected a .zip file": ["folder.zip"],
        "is not a size": [str(good), "--max-size", "lots"],
        "Missing argument": [],
    }
    for message, args in cases.items():
        result = runner.invoke(app, ["check", *args])
        assert result.exit_code == 2, (args, result.output)
        assert message in flat(result.output), result.output
        assert result.stdout == "" or "Usage" in result.output


def test_a_path_that_is_not_a_file_is_said_for_what_it_is(
    tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder, a device, a pipe (`<(cat x.zip)`) exist: "no such file" was false. A zip is
    read from its end, which a pipe cannot give, so a pipe is refused, not read."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "course").mkdir()
    os.mkfifo(tmp_path / "piped.zip")
    cases = {
        "course": "course is a folder; expected a .zip file",
        "/dev/null": "/dev/null is a device; expected a .zip file",
        "piped.zip": "piped.zip is a pipe; expected a .zip file, which is read from its end: "
        "save it to a file first",
    }
    for name, message in cases.items():
        result = runner.invoke(app, ["check", str(good), name])
        assert result.exit_code == 2, (name, result.output)
        assert f"Invalid value for PACKAGE.zip: {message}" in flat(result.output), result.output
        assert "no such file" not in result.output


def test_a_pipe_from_the_shell_is_refused_at_once(good: Path) -> None:
    """`coursebuild check <(cat x.zip)`, as bash runs it: the message, and no wait on the pipe."""
    shell = f'{sys.executable} -m builder check <(cat "{good}")'
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "is a pipe; expected a .zip file" in flat(done.stderr), done.stderr


def test_a_usage_error_checks_nothing(tmp_path: Path, broken: Path) -> None:
    result = runner.invoke(app, ["check", str(broken), str(tmp_path / "missing.zip")])
    assert result.exit_code == 2 and "[scorm-identifierref]" not in result.output


def test_max_size(good: Path) -> None:
    result = runner.invoke(app, ["check", str(good), "--max-size", "1KB"])
    assert result.exit_code == 1 and "[zip-too-large]" in result.stdout
    assert runner.invoke(app, ["check", str(good), "--max-size", "1.5MiB"]).exit_code == 0


def test_json_matches_the_text_report(good: Path, broken: Path, warned: Path) -> None:
    paths = [str(good), str(broken), str(warned)]
    text = runner.invoke(app, ["check", *paths])
    result = runner.invoke(app, ["check", "--json", *paths])
    assert result.exit_code == text.exit_code == 1
    report = json.loads(result.stdout)
    assert [p["package"] for p in report["packages"]] == [Path(p).as_posix() for p in paths]
    assert [p["ok"] for p in report["packages"]] == [True, False, True]
    assert (report["errors"], report["warnings"]) == (1, 2)
    text_problems = [line for line in text.stdout.splitlines() if line.endswith("]")]
    json_problems = [
        f"{p['package']}{':' + q['file'] if q['file'] else ''}"
        f"{':' + str(q['line']) if q['line'] else ''}: {q['severity']}: {q['message']} "
        f"[{q['rule']}]"
        for p in report["packages"]
        for q in p["problems"]
    ]
    assert json_problems == text_problems


def test_json_with_strict_marks_warnings_as_not_ok(warned: Path) -> None:
    result = runner.invoke(app, ["check", "--json", "--strict", str(warned)])
    assert result.exit_code == 1 and json.loads(result.stdout)["packages"][0]["ok"] is False


def test_a_real_process(tmp_path: Path, broken: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "builder", "check", "--json", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO_ROOT,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert json.loads(done.stdout)["packages"][0]["problems"][0]["rule"] == "scorm-identifierref"
    not_zip = tmp_path / "x.zip"
    not_zip.write_bytes(b"\x00" * 100)
    bad = subprocess.run(
        [sys.executable, "-m", "builder", "check", str(not_zip)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO_ROOT,
    )
    assert bad.returncode == 1 and "[zip-corrupt]" in bad.stdout and "Traceback" not in bad.stderr


def test_tin_can_package_on_the_command_line(tmp_path: Path) -> None:
    path = write(tmp_path, "tincan.zip", tincan())
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0 and result.stdout.endswith("ok (Tin Can, 4 files)\n")


@pytest.fixture(scope="module")
def our_packages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Both seed courses built for every target this version has, by a real process."""
    out = tmp_path_factory.mktemp("dist")
    targets = [arg for name in sorted(available()) for arg in ("--target", name)]
    done = subprocess.run(
        [sys.executable, "-m", "builder", "build", "course_src", "--out", str(out), *targets],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=REPO_ROOT,
    )
    assert done.returncode == 0, done.stderr
    zips = sorted(out.glob("*.zip"))
    assert len(zips) == 2 * len(available())
    return zips


def test_our_own_packages_pass(our_packages: list[Path]) -> None:
    for path in our_packages:
        report = check_path(path)
        errors = [f for f in report.findings if f.severity.value == "error"]
        assert errors == [], path.name
        if path.name.endswith("-scorm12.zip"):
            assert report.findings == [] and report.kinds == ["scorm12"], path.name


def test_our_own_packages_pass_on_the_command_line(our_packages: list[Path]) -> None:
    result = runner.invoke(app, ["check", *map(str, our_packages)])
    assert result.exit_code == 0, result.stdout


def test_a_built_package_whose_config_holds_nan_is_an_error(
    tmp_path: Path, our_packages: list[Path]
) -> None:
    # What a numeric question with NaN once built: the player's JSON.parse throws on it.
    import zipfile

    built = next(p for p in our_packages if p.name.endswith("-cmi5.zip"))
    edited = tmp_path / built.name
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(edited, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "index.html":
                marker = b'id="coursebuild-config">{'
                assert marker in data
                data = data.replace(marker, marker + b'"tolerance": NaN, ', 1)
            target.writestr(info, data)
    assert "runtime-config" not in {f.code for f in check_path(built).findings}
    finding = next(f for f in check_path(edited).findings if f.code == "runtime-config")
    assert finding.location.file == "index.html" and "NaN" in finding.message


class _FailsAfter(io.BytesIO):
    """A package file whose reading fails after ``reads`` reads, as a failing disk may."""

    def __init__(self, data: bytes, reads: int) -> None:
        super().__init__(data)
        self.reads = reads

    def read(self, size: int | None = -1) -> bytes:
        self.reads -= 1
        if self.reads < 0:
            raise OSError(errno.EIO, "Input/output error")
        return super().read(size)


# None: the open itself is refused (tests run as root: a file of another user's, faked);
# 0: the first read (the zip's end records); 2: its directory; 6: a file in it.
@pytest.mark.parametrize("reads", [None, 0, 2, 6])
def test_a_package_that_cannot_be_read_is_an_error_line_and_the_others_are_checked(
    good: Path, broken: Path, warned: Path, monkeypatch: pytest.MonkeyPatch, reads: int | None
) -> None:
    """An administrator checks a folder of packages: one that cannot be read (its permissions,
    a failing disk) is an error line of its own, every other package is still checked, and the
    exit is 1 (errors found), not 2 (a usage error), as `report` does for an unreadable input."""
    data, real_open = broken.read_bytes(), Path.open

    def open_(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if self.name != broken.name:
            return real_open(self, mode, *args, **kwargs)  # type: ignore[call-overload]
        if reads is None:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return _FailsAfter(data, reads)

    monkeypatch.setattr(Path, "open", open_)
    result = runner.invoke(app, ["check", str(good), str(broken), str(warned)])
    # An exception here is what the CLI's error boundary prints as an internal error (exit 70).
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    reason = "Permission denied" if reads is None else "Input/output error"
    assert result.exit_code == 1, result.output
    name = broken.as_posix()
    assert result.stdout.splitlines() == [
        f"{good.as_posix()}: ok (SCORM 1.2, 4 files)",
        f"{name}: error: the file cannot be read ({reason}): nothing in it was checked "
        "[package-unreadable]",
        f"{name}: unknown package: 1 error(s), 0 warning(s)",
        f"{warned.as_posix()}:notes.txt: warning: 'notes.txt' is in the zip but no <resource> "
        "lists it in a <file> [file-unlisted]",
        f"{warned.as_posix()}: SCORM 1.2: 0 error(s), 1 warning(s)",
        "checked 3 packages: 1 with problems to fix",
    ]
    assert "zip-" not in result.output  # an error of the disk, not a damaged zip
    as_json = runner.invoke(app, ["check", "--json", str(good), str(broken), str(warned)])
    assert as_json.exit_code == 1, as_json.output
    report = json.loads(as_json.stdout)
    assert [p["ok"] for p in report["packages"]] == [True, False, True]
    assert [q["rule"] for q in report["packages"][1]["problems"]] == ["package-unreadable"]


def test_a_package_removed_while_the_others_are_checked_is_an_error_line(
    good: Path, broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """There when the command started, gone when its turn came: the packages already checked
    are not thrown away for a usage error; it is said as a package that cannot be read."""
    import builder.check.package as package
    from builder.file_kind import not_a_file

    def gone(path: Path, expected: str, pipe: str = "") -> str | None:
        if path.name == broken.name:
            return f"{path.as_posix()}: no such file; expected {expected}"
        return not_a_file(path, expected, pipe)

    monkeypatch.setattr(package, "not_a_file", gone)
    result = runner.invoke(app, ["check", str(good), str(broken)])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{good.as_posix()}: ok (SCORM 1.2, 4 files)"
    assert lines[1] == (
        f"{broken.as_posix()}: error: {broken.as_posix()}: no such file; expected a .zip file "
        "[package-unreadable]"
    )
