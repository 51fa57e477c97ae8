"""The `scorm12` target's record: what it is, ships and says; `manifest.py` writes its descriptor.

Light on purpose (no Jinja2): the registry and `validate` read it.
"""

from __future__ import annotations

from ..record import Target, lazy_launch_info, lazy_manifest

DESCRIPTOR = "imsmanifest.xml"

TARGET = Target(
    name="scorm12",
    order=1,
    description="SCORM 1.2 package (every LMS)",
    descriptor=DESCRIPTOR,
    check_label="SCORM 1.2",
    # cmi.suspend_data is a CMIString4096 [SCORM 1.2 RTE §3.4]
    suspend_data_limit=4096,
    # (scorm12-answers.js waits in the questions chunk: render/runtime.py CHUNK_OF)
    scripts=("scorm-common.js", "adapter-scorm12.js", "scorm12-answers.js"),
    xapi_scripts=("xapi-dual.js",),  # dual tracking: SCORM and the course's LRS
    reports_xapi=False,
    launch="scorm12",
    launch_info=lazy_launch_info(__name__),
    manifest=lazy_manifest(__name__),
)
