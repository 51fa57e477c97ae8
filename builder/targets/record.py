"""What a target is: the record every target package declares, and its lazy manifest writer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Literal, cast

from msgspec import Struct

if TYPE_CHECKING:
    from ..model import Course
    from ..output.archive import PackageFile


class LaunchInfo(Struct, frozen=True):
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
    "formats-iso.js",  # (once in a SCORM 2004 package: render/runtime.py package_scripts)
    "xapi-client.js",
    "xapi-transport.js",
    "xapi-queue.js",
    "xapi-video.js",
    "xapi-state.js",
    "adapter-xapi.js",
)


class Target(Struct, frozen=True):
    """A package format: what it is, what it ships, how it launches, its manifest."""

    name: str
    order: int  # where it comes in lists: help, diagnostics, `--target all`
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


def lazy_manifest(package: str) -> Manifest:
    """`package.manifest.manifest`, imported (with Jinja2) when first called."""

    def manifest(course: Course, files: Sequence[PackageFile]) -> list[PackageFile]:
        return cast(Manifest, import_module(f"{package}.manifest").manifest)(course, files)

    return manifest


def lazy_launch_info(package: str) -> Entry:
    """`package.manifest.launch_info`, imported when first called."""

    def launch_info(course: Course) -> LaunchInfo:
        return cast(Entry, import_module(f"{package}.manifest").launch_info)(course)

    return launch_info
