"""The `cmi5` target's record: what it is, ships and says; `manifest.py` writes its descriptor.

Light on purpose (no Jinja2): the registry and `validate` read it.
"""

from __future__ import annotations

from ..record import Target, lazy_launch_info, lazy_manifest

DESCRIPTOR = "cmi5.xml"

TARGET = Target(
    name="cmi5",
    order=4,
    description="cmi5 package (one AU) for an LMS that takes cmi5",
    descriptor=DESCRIPTOR,
    check_label="cmi5",
    suspend_data_limit=None,
    scripts=(),
    xapi_scripts=("adapter-cmi5.js",),
    reports_xapi=True,
    launch="cmi5",
    launch_info=lazy_launch_info(__name__),
    manifest=lazy_manifest(__name__),
)
