"""Build a course for the preview: its package in the build folder and in memory, or diagnostics."""

from __future__ import annotations

import time
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostic, Diagnostics, Location, summary
from ..output import OutputError, report_output_error, staging
from .sessions import LaunchInfo

BUILD_FOLDER = ".coursebuild"


@dataclass(frozen=True)
class PreviewBuild:
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


def _sequencing(item: etree._Element) -> dict[str, str]:
    """SCORM 2004: the pass mark (satisfied by measure) and the completion threshold."""
    found = {}
    primary = item.find("{*}sequencing/{*}objectives/{*}primaryObjective")
    if primary is not None and primary.get("satisfiedByMeasure") == "true":
        found["scaled_passing_score"] = (
            primary.findtext("{*}minNormalizedMeasure") or "1.0"
        ).strip()
    threshold = item.find("{*}completionThreshold")
    if threshold is not None:
        value = threshold.get("minProgressMeasure") or (threshold.text or "").strip()
        if value:
            found["completion_threshold"] = value
    return found


def launch_info(files: dict[str, bytes]) -> LaunchInfo | None:
    """Where to start and what the LMS passes on, from imsmanifest.xml, cmi5.xml or tincan.xml."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    if "imsmanifest.xml" in files:
        root = etree.fromstring(files["imsmanifest.xml"], parser)
        resources = {r.get("identifier"): r for r in root.iterfind(".//{*}resources/{*}resource")}
        for item in root.iterfind(".//{*}organization//{*}item"):
            resource = resources.get(item.get("identifierref"))
            if resource is None:
                continue
            href = resource.get("href") or ""
            params = (item.get("parameters") or "").lstrip("?&")
            if params:
                href += ("&" if "?" in href else "?") + params
            return LaunchInfo(
                href=href,
                mastery_score=(item.findtext("{*}masteryscore") or "").strip(),
                data_from_lms=(
                    item.findtext("{*}datafromlms") or item.findtext("{*}dataFromLMS") or ""
                ).strip(),
                **_sequencing(item),
            )
    if "cmi5.xml" in files:
        root = etree.fromstring(files["cmi5.xml"], parser)
        au = root.find(".//{*}au")
        if au is not None:
            return LaunchInfo(
                href=(au.findtext("{*}url") or "").strip(),
                activity_id=au.get("id", ""),
                mastery_score=au.get("masteryScore", ""),
                move_on=au.get("moveOn", "NotApplicable"),
            )
    if "tincan.xml" in files:
        root = etree.fromstring(files["tincan.xml"], parser)
        for activity in root.iterfind(".//{*}activity"):
            href = (activity.findtext("{*}launch") or "").strip()
            if href:
                return LaunchInfo(href=href, activity_id=activity.get("id", ""))
    return None


def _package(course: Path, target: str, out: Path, diagnostics: Diagnostics) -> PreviewBuild | None:
    """The package, written to `out`, with its files and launch; None when it cannot be played."""
    from ..pipeline import RenderedCourse, package_course
    from ..validate import load_course

    model = load_course(course, diagnostics)
    if model is None or diagnostics.error_count():
        return None
    with staging(out) as stage:
        rendered = RenderedCourse.of(model)
        package = package_course(model, target, diagnostics, rendered, stage.folder)
        if package is None or diagnostics.error_count():
            return None
        with zipfile.ZipFile(stage.folder / package.file_name) as archive:
            files = {name: archive.read(name) for name in archive.namelist()}
        launch = launch_info(files)
        if launch is None or launch.href.split("?")[0] not in files:
            diagnostics.error(
                Location(f"{course.name}/course.yml", 1, 1),
                "preview-no-launch",
                f"the {target} package names no launch file that it contains",
            )
            return None
        stage.commit({package.file_name: stage.folder / package.file_name})
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
