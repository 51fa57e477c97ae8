"""The `scorm2004` target's record: what it is, ships and says; `manifest.py` writes its descriptor.

Light on purpose (no Jinja2): the registry and `validate` read it.
"""

from __future__ import annotations

from ..record import Target, lazy_launch_info, lazy_manifest

DESCRIPTOR = "imsmanifest.xml"

TARGET = Target(
    name="scorm2004",
    order=2,
    description="SCORM 2004 4th edition package",
    descriptor=DESCRIPTOR,
    check_label="SCORM 2004 4th Edition",
    # cmi.suspend_data: characterstring, SPM 64000 [SCORM 2004 4th ed. RTE §4.2]
    suspend_data_limit=64000,
    # (scorm2004-answers.js waits in the questions chunk: render/runtime.py CHUNK_OF)
    scripts=("formats-iso.js", "scorm-common.js", "adapter-scorm2004.js", "scorm2004-answers.js"),
    xapi_scripts=(),
    reports_xapi=False,
    launch="scorm2004",
    launch_info=lazy_launch_info(__name__),
    manifest=lazy_manifest(__name__),
)
