"""Build a course for the preview: its package in the build folder and in memory, or diagnostics."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

from msgspec import Struct, field
from msgspec.structs import replace

from ..diagnostics import Diagnostic, Diagnostics, Location, summary
from ..output.folder import OutputError, report_output_error, staging
from ..render.brand import ThemeTemplateError
from ..targets import REGISTRY, LaunchInfo

BUILD_FOLDER = ".coursebuild"


class PreviewBuild(Struct, frozen=True):
    """One build: the package's files and where the SCO starts, or the problems found."""

    ok: bool
    diagnostics: list[Diagnostic]
    files: dict[str, bytes] = field(default_factory=dict)
    launch: LaunchInfo | None = None
    title: str = ""
    digest: str = ""
    seconds: float = 0.0
    package: str = ""

    def summary(self) -> str:
        """'N error(s), M warning(s)', as the build command says it."""
        return summary(self.diagnostics)


def build_folder(course: Path) -> Path:
    """Where the preview keeps its package and learner data: inside the course, never dist/."""
    return course / BUILD_FOLDER / "preview"


def ignore_build_folder(course: Path) -> None:
    """Keep the build folder out of the author's git: a .gitignore inside it."""
    ignore = course / BUILD_FOLDER / ".gitignore"
    if not ignore.exists():
        ignore.parent.mkdir(parents=True, exist_ok=True)
        ignore.write_text("# coursebuild preview: packages and learner data\n*\n", encoding="utf-8")


def _package(course: Path, target: str, out: Path, diagnostics: Diagnostics) -> PreviewBuild | None:
    """The package, written to `out`, with its files and launch; None when it cannot be played."""
    from ..pipeline import RenderedCourse, package_course
    from ..source.course import load_course

    model = load_course(course, diagnostics)
    if model is None or diagnostics.error_count():
        return None
    with staging(out) as stage:
        try:
            rendered = RenderedCourse.of(model)
        except ThemeTemplateError as error:  # as the build says it (pipeline._build_course)
            diagnostics.error(error.location, "theme-template", error.message)
            return None
        package = package_course(model, target, diagnostics, rendered, stage.folder)
        if package is None or diagnostics.error_count():
            return None
        with zipfile.ZipFile(stage.folder / package.file_name) as archive:
            files = {name: archive.read(name) for name in archive.namelist()}
        launch = REGISTRY[target].launch_info(model)
        if launch.href.split("?")[0] not in files:
            diagnostics.error(
                Location(f"{course.name}/course.yml", 1, 1),
                "preview-no-launch",
                f"the {target} package names no launch file that it contains",
            )
            return None
        # One package in the folder, the one played: a zip of another target, or of the
        # course's earlier name, would be taken for the current one.
        older = [p.name for p in out.glob("*.zip") if p.name != package.file_name]
        stage.commit({package.file_name: stage.folder / package.file_name}, remove=older)
    title = model.title[model.languages[0]]
    return PreviewBuild(True, [], files, launch, title, package.sha256, package=package.file_name)


def build_preview(course: Path, target: str, out: Path) -> PreviewBuild:
    """Load, check and package the course for one target; write the zip to `out` when it works."""
    started = time.perf_counter()
    diagnostics = Diagnostics()
    built = None
    try:
        built = _package(course, target, out, diagnostics)
    except OutputError as error:
        report_output_error(diagnostics, out, error)
    except (
        Exception
    ) as exc:  # the preview keeps serving: a crash in a build is reported, not raised
        diagnostics.error(
            Location(f"{course.name}/course.yml"),
            "internal-error",
            f"coursebuild could not build this course ({type(exc).__name__}: {exc}); this is a "
            "bug in coursebuild, not in your course; please report it",
        )
    seconds = time.perf_counter() - started
    if built is None:
        return PreviewBuild(False, diagnostics.sorted(), seconds=seconds)
    return replace(built, diagnostics=diagnostics.sorted(), seconds=seconds)
