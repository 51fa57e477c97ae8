"""Output targets: each one complete record in one registry, the only place a target is named.

The schema's allowed `targets:`, the runtime scripts a package ships, whether it reports xAPI,
its suspend_data limit and how the preview launches it are all read from the record. This
module stays light (no lxml, jinja2 or tincan): `validate` and `--help` load it; the manifest
functions import their target's module when first called.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Literal, cast

if TYPE_CHECKING:
    from ..model import Course
    from ..output.archive import PackageFile


@dataclass(frozen=True)
class LaunchInfo:
    """Where the package starts and what its descriptor tells the LMS to pass on."""

    href: str
    mastery_score: str = ""
    data_from_lms: str = ""
    activity_id: str = ""
    scaled_passing_score: str = ""
    completion_threshold: str = ""
    move_on: str = ""


Manifest = Callable[["Course", Sequence["PackageFile"]], list["PackageFile"]]
Entry = Callable[["Course"], LaunchInfo]
# How an LMS starts the package, which is what the preview's LMS side must speak to play it.
Launch = Literal["scorm12", "scorm2004", "xapi", "cmi5"]

# The xAPI runtime every package that reports xAPI ships, in load order.
XAPI_RUNTIME = (
    "xapi-client.js",
    "xapi-queue.js",
    "xapi-video.js",
    "xapi-state.js",
    "adapter-xapi.js",
)


@dataclass(frozen=True)
class Target:
    """A package format: what it is, what it ships, how it launches, its manifest."""

    name: str
    description: str
    descriptor: str  # the package descriptor at the root of the zip
    check_label: str  # what `coursebuild check` reads a package of this target as
    suspend_data_limit: int | None  # characters of cmi.suspend_data; None: no SCORM data model
    scripts: tuple[str, ...]  # its adapter scripts, loaded before any xAPI runtime
    xapi_scripts: tuple[str, ...]  # loaded after the xAPI runtime, when the package reports xAPI
    reports_xapi: bool  # always reports xAPI (else only with the course's `xapi.endpoint`)
    launch: Launch
    launch_info: Entry  # what its descriptor says, from the course: no need to parse it back
    manifest: Manifest


def _manifest(module: str) -> Manifest:
    def manifest(course: Course, files: Sequence[PackageFile]) -> list[PackageFile]:
        return cast(Manifest, import_module(f"{__name__}.{module}").manifest)(course, files)

    return manifest


def _launch_info(module: str) -> Entry:
    def launch_info(course: Course) -> LaunchInfo:
        return cast(Entry, import_module(f"{__name__}.{module}").launch_info)(course)

    return launch_info


REGISTRY: dict[str, Target] = {
    t.name: t
    for t in (
        Target(
            name="scorm12",
            description="SCORM 1.2 package (every LMS)",
            descriptor="imsmanifest.xml",
            check_label="SCORM 1.2",
            # cmi.suspend_data is a CMIString4096 [SCORM 1.2 RTE §3.4]
            suspend_data_limit=4096,
            scripts=("scorm-common.js", "adapter-scorm12.js"),
            xapi_scripts=("xapi-dual.js",),  # dual tracking: SCORM and the course's LRS
            reports_xapi=False,
            launch="scorm12",
            launch_info=_launch_info("scorm12"),
            manifest=_manifest("scorm12"),
        ),
        Target(
            name="scorm2004",
            description="SCORM 2004 4th edition package",
            descriptor="imsmanifest.xml",
            check_label="SCORM 2004 4th Edition",
            # cmi.suspend_data: characterstring, SPM 64000 [SCORM 2004 4th ed. RTE §4.2]
            suspend_data_limit=64000,
            scripts=("scorm-common.js", "adapter-scorm2004.js"),
            xapi_scripts=(),
            reports_xapi=False,
            launch="scorm2004",
            launch_info=_launch_info("scorm2004"),
            manifest=_manifest("scorm2004"),
        ),
        Target(
            name="xapi",
            description="xAPI (Tin Can) package for an LRS or an LMS that takes tincan.xml",
            descriptor="tincan.xml",
            check_label="Tin Can",
            suspend_data_limit=None,
            scripts=(),
            xapi_scripts=(),
            reports_xapi=True,
            launch="xapi",
            launch_info=_launch_info("xapi"),
            manifest=_manifest("xapi"),
        ),
        Target(
            name="cmi5",
            description="cmi5 package (one AU) for an LMS that takes cmi5",
            descriptor="cmi5.xml",
            check_label="cmi5",
            suspend_data_limit=None,
            scripts=(),
            xapi_scripts=("adapter-cmi5.js",),
            reports_xapi=True,
            launch="cmi5",
            launch_info=_launch_info("cmi5"),
            manifest=_manifest("cmi5"),
        ),
    )
}


def available() -> dict[str, Target]:
    """Every target this version can build, by name."""
    return REGISTRY


def expected_names() -> str:
    """The registry's names as a diagnostic lists them: 'a', 'b' or 'c'."""
    quoted = [f"'{name}'" for name in REGISTRY]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
