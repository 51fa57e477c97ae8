"""The orchestrator: discover → load and validate → render → package → check → write.

The later stages are imported where they run: `validate` loads neither the renderer (Jinja2)
nor the check (lxml), and an unchanged course is skipped before either is needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from . import __version__
from .diagnostics import Diagnostic, Diagnostics, Location, Severity, from_here, relative_name
from .fastpath import Stamps
from .model import Course
from .output.archive import PackageFile
from .output.folder import OutputError, new_folder, report_output_error, staging, write_file
from .output.report import (
    Package,
    build_report,
    inputs_hash,
    report_file,
    said_warnings,
    stale_packages,
    unchanged,
)
from .output.size import size_warning
from .output.upload_limit import DEFAULT_LIMIT
from .render.brand import Brand, ThemeTemplateError, override_files, render_brand
from .source.discover import discover
from .source.files import COURSE_FILE, source_hash

if TYPE_CHECKING:
    from .output.checked import CheckedPackages

ALL_TARGETS = "all"
# Called in the build's own process as each course is built: its folder name, built, total.
Progress = Callable[[str, int, int], None]


class RenderedCourse(Struct, frozen=True):
    """What every target of one course (or one language edition) shares: the view and body."""

    view: dict[str, Any]
    body: str
    pages: list[PackageFile]
    brand: Brand

    @classmethod
    def of(cls, course: Course) -> RenderedCourse:
        """Render the course's brand blocks, body and page files once (or ThemeTemplateError)."""
        from .render.html import render_body, render_pages
        from .render.view import course_view, mark_safe

        view = mark_safe(course_view(course))
        brand = render_brand(view, course.theme)
        pages = [PackageFile(p, html.encode()) for p, html in render_pages(view, brand).items()]
        return cls(view, render_body(view, brand), pages, brand)


class Outcome(Struct):
    """What a command produced: the courses, the packages, every diagnostic.

    `courses` are the models `validate` loaded; `build` keeps none, nor any package's bytes,
    so that its memory does not grow with the number of courses.
    """

    courses: list[Course] = field(default_factory=list)
    packages: list[Package] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: bool = False


def crashed(folder: Path, exc: Exception) -> Diagnostic:
    """The diagnostic for a course whose loading or building raised: the others still count."""
    return Diagnostic(
        Location(relative_name(folder / COURSE_FILE, folder)),
        Severity.ERROR,
        "internal-error",
        f"coursebuild failed on this course ({type(exc).__name__}: {exc}); expected no crash: "
        "please report it",
    )


def _load_guarded(folder: Path, diagnostics: Diagnostics) -> Course | None:
    from .source.course import load_course

    try:
        return load_course(folder, diagnostics)
    except Exception as exc:  # a bug in one course must not hide every other's diagnostics
        diagnostics.extend([crashed(folder, exc)])
        return None


def validate(sources: Sequence[Path], strict: bool = False) -> Outcome:
    """Load and check every course; nothing is written."""
    diagnostics = Diagnostics()
    courses = []
    for folder in discover(sources, diagnostics):
        found = Diagnostics()
        if (course := _load_guarded(folder, found)) is not None:
            courses.append(course)
        diagnostics.extend(from_here(found.sorted(), folder))
    outcome = Outcome(courses=courses, diagnostics=diagnostics.sorted())
    outcome.failed = diagnostics.has_errors(strict)
    return outcome


def select_targets(course: Course, requested: Sequence[str]) -> list[str]:
    """The targets to build for a course: asked for, or the ones it declares."""
    if not requested:
        return list(course.targets)
    names: list[str] = []
    for name in requested:
        names.extend(course.targets if name == ALL_TARGETS else [name])
    return list(dict.fromkeys(names))


def package_course(
    course: Course,
    target_name: str,
    diagnostics: Diagnostics,
    rendered: RenderedCourse,
    into: Path,
    debug_runtime: bool = False,
    checked: CheckedPackages | None = None,
) -> Package | None:
    """Zip one course for one target around its shared rendered body into `into`, checked
    (unless `checked` holds the same package, checked clean by this tool before)."""
    from .output.checked import CheckedPackages
    from .output.zipped import zipped
    from .render.config import runtime_config, state_within_limit
    from .render.html import render_index
    from .render.runtime import runtime_assets
    from .targets import available

    target = available().get(target_name)
    course_file = Location(f"{course.slug}/{COURSE_FILE}", 1, 1)
    if target is None:
        diagnostics.error(
            course_file,
            "target-unavailable",
            f"target '{target_name}' is not available in coursebuild {__version__}; expected "
            f"one of: {', '.join(sorted(available()))}",
        )
        return None
    config = runtime_config(course, target_name, rendered.view)
    worst = state_within_limit(course, target_name, config, diagnostics)
    if worst is None:
        return None
    html = render_index(rendered.view, config, rendered.body, rendered.brand).encode("utf-8")
    body = rendered.body.encode("utf-8")
    start = html.find(body)  # every target's index.html holds the body as it is
    shared = (start, start + len(body)) if start >= 0 else (0, 0)
    files = [PackageFile("index.html", html, shared=shared), *rendered.pages]
    files += [PackageFile(path, data) for path, data in runtime_assets(config, debug_runtime)]
    # Course files are read as the package is written, a piece at a time: never a whole video.
    files += [PackageFile(path, source=file) for path, file in override_files(course.theme)]
    files += [PackageFile(m.package_path, source=m.source) for m in course.media]
    runtime_bytes = sum(
        f.size for f in files if f.path == "index.html" or f.path.startswith("assets/")
    )
    files += target.manifest(course, files)
    file_name = f"{course.slug}-{target_name}.zip"
    checked = checked or CheckedPackages(None)
    written = zipped(files, into / file_name, target.check_label, checked, course, diagnostics)
    if written is None:
        return None
    return Package(course.slug, target_name, file_name, *written, runtime_bytes, worst)


class CourseBuild(Struct, frozen=True):
    """One course's build, made in a worker process: its files are on disk, not in here."""

    diagnostics: list[Diagnostic]
    packages: list[Package]
    files: dict[str, Path]


def build_course(
    folder: Path,
    targets: Sequence[str],
    inputs: str,
    into: Path,
    split: bool = False,
    digest: str = "",
    theme: str = "",
    debug_runtime: bool = False,
    limit: int = DEFAULT_LIMIT,
) -> CourseBuild:
    """Load, check, render and package one course (or one package per language) into `into`;
    an unexpected exception becomes that course's `internal-error` diagnostic. Without
    `inputs`, the course's sources are hashed here (in the worker) against `theme`'s hash."""
    try:
        if not inputs:
            digest = source_hash(folder)
            inputs = inputs_hash(digest, targets, theme, split, debug_runtime, limit)
        return _build_course(folder, targets, inputs, into, split, digest, debug_runtime, limit)
    except OutputError:
        raise  # the output folder's problem, reported as such by `build`
    except Exception as exc:  # a bug in one course must not hide every other's diagnostics
        return CourseBuild([crashed(folder, exc)], [], {})


def _build_course(
    folder: Path,
    targets: Sequence[str],
    inputs: str,
    into: Path,
    split: bool,
    digest: str,
    debug_runtime: bool,
    limit: int,
) -> CourseBuild:
    from .output.checked import CheckedPackages
    from .source.cache import load_course_cached
    from .source.editions import language_editions
    from .xapi.activities import activities_json

    diagnostics = Diagnostics()
    course = load_course_cached(folder, diagnostics, digest or None)
    if course is None or diagnostics.error_count():
        return CourseBuild(diagnostics.sorted(), [], {})
    new_folder(into)
    packages = []
    checked = CheckedPackages(folder)
    for edition in language_editions(course) if split else [course]:
        try:
            rendered = RenderedCourse.of(edition)
        except ThemeTemplateError as error:
            diagnostics.error(error.location, "theme-template", error.message)
            return CourseBuild(diagnostics.sorted(), [], {})
        for name in select_targets(course, targets):
            package = package_course(
                edition, name, diagnostics, rendered, into, debug_runtime, checked
            )
            if package is not None:
                packages.append(package)
    checked.keep()
    sources = {m.package_path: m.source for m in course.media}
    if warning := size_warning(packages, into, course.slug, sources, course.source_dir, limit):
        diagnostics.extend([warning])
    reports = {
        f"{course.slug}.build.json": build_report(course, packages, inputs, diagnostics.sorted()),
        f"{course.slug}-xapi-activities.json": activities_json(course),
    }
    for name, data in reports.items():
        write_file(into / name, data)
    files = {name: into / name for name in [*(p.file_name for p in packages), *reports]}
    return CourseBuild(diagnostics.sorted(), packages, files)


def _build_all(
    todo: Sequence[Path],
    targets: Sequence[str],
    inputs: dict[Path, str],
    digests: dict[Path, str],
    folder: Path,
    split: bool,
    jobs: int,
    theme: str,
    progress: Progress | None,
    debug_runtime: bool = False,
    limit: int = DEFAULT_LIMIT,
) -> list[CourseBuild]:
    """Build each course into its own folder under `folder`, `jobs` at a time, largest first;
    the results in `todo`'s order."""
    from .workers import folder_weight, run_all

    # One folder per course: two course folders of the same name each stage their files, and
    # the later one's are written, as when all outputs were gathered in one mapping.
    tasks = [
        (
            f,
            targets,
            inputs.get(f, ""),
            folder / str(n),
            split,
            digests.get(f, ""),
            theme,
            debug_runtime,
            limit,
        )
        for n, f in enumerate(todo)
    ]
    weights = [folder_weight(f) for f in todo] if jobs > 1 and len(todo) > 1 else []
    built = 0

    def done(n: int) -> None:
        nonlocal built
        built += 1
        if progress is not None:
            progress(todo[n].name, built, len(todo))

    if progress is not None:
        progress("", 0, len(todo))  # drawn now: a long first course still shows the build runs
    return run_all(build_course, tasks, jobs, weights, done)


def _judged(
    folders: Sequence[Path],
    out: Path,
    targets: Sequence[str],
    theme: str,
    split: bool,
    debug: bool,
    skippable: bool,
    limit: int = DEFAULT_LIMIT,
) -> tuple[Stamps | None, dict[Path, str], dict[Path, str], dict[Path, bool]]:
    """The run's stamps, and the inputs and source hashes of the courses that may be skipped,
    and those skipped (True: by their stamp, unread). Those with a build report in `out` whose
    stamp does not match are hashed here, once (the worker reuses the hash). Any other is built
    whatever its hash, so its worker hashes it: a first build does not read every course here."""
    # A debug build's outputs are not a normal build's: it neither trusts nor writes stamps.
    stamps = None if debug else Stamps.take(folders, out, targets, split, limit)
    if not skippable:  # --strict judges every course: no warning let through earlier is skipped
        return stamps, {}, {}, {}
    judged = [f for f in folders if (out / report_file(f.name)).is_file()]
    skipped = {f: True for f in judged if stamps is not None and stamps.matches(f)}
    digests = {folder: source_hash(folder) for folder in judged if folder not in skipped}
    inputs = {f: inputs_hash(digests[f], targets, theme, split, debug, limit) for f in digests}
    skipped.update((f, False) for f in digests if unchanged(out, f.name, inputs[f]))
    return stamps, inputs, digests, skipped


def build(
    sources: Sequence[Path],
    targets: Sequence[str],
    out: Path,
    strict: bool = False,
    jobs: int = 1,
    force: bool = False,
    split_languages: bool = False,
    debug_runtime: bool = False,
    progress: Progress | None = None,
    upload_limit: int = DEFAULT_LIMIT,
) -> Outcome:
    """Build every course to every target, `jobs` at a time; write all of it, or nothing.

    `progress(course, built, total)` is called as each course is built (for a display)."""
    from .targets import available
    from .theme import theme_hash

    diagnostics = Diagnostics()
    folders = discover(sources, diagnostics)
    theme = theme_hash()
    skip = not (force or strict)
    stamps, inputs, digests, skipped = _judged(
        folders, out, targets, theme, split_languages, debug_runtime, skip, upload_limit
    )
    options = (split_languages, jobs, theme, progress, debug_runtime, upload_limit)
    outcome = Outcome()
    todo = [f for f in folders if f not in skipped]
    done = [f for f in folders if f in skipped and not skipped[f]]  # stamped after the commit
    outcome.skipped = [f.name for f in folders if f in skipped]
    for folder in (f for f in folders if f in skipped):  # said again, as the first time
        diagnostics.extend(from_here(said_warnings(out, folder.name), folder))
    try:
        if todo:
            with staging(out) as stage:
                results = _build_all(todo, targets, inputs, digests, stage.folder, *options)
                files: dict[str, Path] = {}
                for folder, result in zip(todo, results, strict=True):
                    diagnostics.extend(from_here(result.diagnostics, folder))
                    outcome.packages.extend(result.packages)
                    files.update(result.files)
                    if result.files:  # a new build report: its course's other zips go
                        stale = stale_packages(out, folder.name, result.files, available())
                        outcome.removed += stale
                        done.append(folder)
                if not diagnostics.has_errors(strict):
                    outcome.written = stage.commit(files, outcome.removed)
        if stamps is not None and not diagnostics.has_errors(strict):
            stamps.write(done)  # after the commit: what is in `out` now is these courses'
    except OutputError as error:
        report_output_error(diagnostics, out, error)
    outcome.diagnostics = diagnostics.sorted()
    outcome.failed = diagnostics.has_errors(strict)
    return outcome
