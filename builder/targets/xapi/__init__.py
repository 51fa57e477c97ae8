"""The `xapi` target's record: what it is, ships and says; `manifest.py` writes its descriptor.

Light on purpose (no Jinja2): the registry and `validate` read it.
"""

from __future__ import annotations

from ..record import Target, lazy_launch_info, lazy_manifest

DESCRIPTOR = "tincan.xml"

TARGET = Target(
    name="xapi",
    order=3,
    description="xAPI (Tin Can) package for an LRS or an LMS that takes tincan.xml",
    descriptor=DESCRIPTOR,
    check_label="Tin Can",
    suspend_data_limit=None,
    scripts=(),
    xapi_scripts=(),
    reports_xapi=True,
    launch="xapi",
    launch_info=lazy_launch_info(__name__),
    manifest=lazy_manifest(__name__),
)
