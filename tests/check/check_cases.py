"""Broken fixtures as data: each names its rule, severity, file and line, and is checked alike."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from support.check_kit import check, line_of, only, rules, swap, zip_of

from builder.check.common import RULES
from builder.check.zip import Limits
from builder.diagnostics import Severity


@dataclass(frozen=True)
class Broken:
    """A broken package and where its problem is."""

    data: bytes
    file: str
    line: int


@dataclass(frozen=True)
class Case:
    """A broken fixture: the rule it breaks, and any other rules it breaks on the way."""

    rule: str
    severity: Severity
    build: Callable[[], Broken]
    also: frozenset[str]
    limits: Limits | None


Builder = Callable[[], Broken]


class Cases(dict[str, Case]):
    """The broken fixtures of one test module, by name."""

    def case(
        self,
        rule: str,
        severity: Severity,
        also: tuple[str, ...] = (),
        limits: Limits | None = None,
    ) -> Callable[[Builder], Builder]:
        """Register the decorated function as a fixture that breaks `rule`."""

        def register(build: Builder) -> Builder:
            self[build.__name__] = Case(rule, severity, build, frozenset(also), limits)
            return build

        return register


def assert_reports_its_rule(case: Case) -> None:
    """The fixture reports its rule once, at its file and line, and no unexpected rule."""
    broken = case.build()
    report = check(broken.data, case.limits)
    finding = only(report, case.rule)
    assert (finding.severity, finding.location.file, finding.location.line) == (
        case.severity,
        broken.file,
        broken.line,
    ), finding
    assert case.severity is RULES[case.rule].severity
    assert rules(report) == {case.rule} | case.also, report.findings


def manifest_case(
    base: Callable[[], dict[str, bytes]], old: str, new: str, needle: str | None = None
) -> Broken:
    """Swap text in imsmanifest.xml; the problem is on the line of `needle` (default: `new`)."""
    files = swap(base(), "imsmanifest.xml", old, new)
    return Broken(
        zip_of(files), "imsmanifest.xml", line_of(files, "imsmanifest.xml", needle or new)
    )
