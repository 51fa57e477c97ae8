"""Every diagnostic code, declared once: its default severity, the tool that reports it, a summary.

Like mypy's error codes: a code is a stable name that people search for and tests pin. A
`Diagnostic` with a code not declared here cannot be built (a typo fails at once), and
docs/diagnostics.md lists exactly these codes (tests/core/test_codes_documented.py).
"""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct


class Severity(StrEnum):
    """How bad a diagnostic is; warnings become errors under --strict."""

    ERROR = "error"
    WARNING = "warning"


class Tool(StrEnum):
    """The command that reports a code (preview and audit also report every build code)."""

    BUILD = "build"
    PREVIEW = "preview"
    CHECK = "check"


class Code(Struct, frozen=True):
    """A diagnostic code: its name, default severity, reporting tool, what it is about."""

    name: str
    severity: Severity
    tool: Tool
    summary: str
    applies_to: str = "any"  # for check: the kind of package the rule looks at


ERROR = Severity.ERROR
WARNING = Severity.WARNING

_BUILD: tuple[tuple[str, Severity, str], ...] = (
    ("file-too-large", ERROR, "a source file or a theme's static file is over its size limit"),
    ("file-not-found", ERROR, "a path names no file"),
    ("file-unreadable", ERROR, "a file cannot be read (its permissions)"),
    ("file-changed", ERROR, "a file changed while it was being packaged"),
    ("file-encoding", ERROR, "a source file is not UTF-8 text"),
    ("path-outside-course", ERROR, "a path is absolute, goes up with '..' or leaves the course"),
    ("path-symlink-loop", ERROR, "a path is a symbolic link that leads back to itself"),
    ("path-control-char", ERROR, "a path or folder name has a control character"),
    ("path-too-long", ERROR, "a path, or one of its names, is longer than file systems allow"),
    ("path-encoding", ERROR, "a path has a percent-encoded byte that is not UTF-8"),
    ("path-empty", ERROR, "a path is empty"),
    ("path-course-folder", ERROR, "a path names the course folder itself ('.'), not a file in it"),
    ("theme-reserved", ERROR, "a theme override would replace a template or runtime file"),
    ("theme-template", ERROR, "a theme override template does not parse or fails to render"),
    ("theme-too-large", ERROR, "theme static files a package carries are over their total"),
    ("theme-unused-file", WARNING, "a file of a theme override folder that the theme does not use"),
    ("yaml-syntax", ERROR, "the YAML cannot be parsed"),
    ("yaml-duplicate-key", ERROR, "a YAML mapping has the same key twice"),
    ("yaml-alias", ERROR, "a YAML alias (*name), which can expand without bound"),
    ("yaml-too-deep", ERROR, "YAML nested deeper than the limit"),
    ("yaml-binary", ERROR, "a !!binary value"),
    ("front-matter-unclosed", ERROR, "a page's front matter has no closing '---' line"),
    ("bad-character", ERROR, "text with a character XML 1.0 cannot carry"),
    ("unicode-line-break", WARNING, "a NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR in YAML"),
    ("bad-number", ERROR, "an integer with more digits than Python reads"),
    ("bad-value", ERROR, "a value outside what the key accepts (a non-finite number...)"),
    ("wrong-type", ERROR, "a value of the wrong type (true where a number is expected...)"),
    ("unknown-key", ERROR, "a key the format does not have (often a misspelling)"),
    ("missing-field", ERROR, "a required key is missing"),
    ("bad-iri", ERROR, "the course id is not an absolute IRI"),
    ("bad-xapi-endpoint", ERROR, "xapi.endpoint is not a usable https LRS address"),
    ("unsupported-language", ERROR, "a language the player does not speak"),
    ("duplicate-language", ERROR, "a language is declared twice"),
    ("duplicate-target", ERROR, "a target is declared twice"),
    ("undeclared-language", WARNING, "text in a language the course does not declare"),
    ("missing-translation", ERROR, "a text, page or video lacks one declared language"),
    ("translation-stale", WARNING, "a translation is older than the text it translates"),
    ("blank-text", ERROR, "a text is blank"),
    ("blank-title", ERROR, "a page title is blank"),
    ("title-too-long", WARNING, "the title is longer than the SCORM 1.2 manifest allows"),
    ("module-kind", ERROR, "a module is not exactly one of page:, assessment: or pretest:"),
    ("duplicate-id", ERROR, "a module or question id is used twice"),
    ("assessment-count", ERROR, "more than one assessment in a course"),
    (
        "assessment-reused",
        ERROR,
        "one assessment file is used twice (assessment:, check: or pretest:)",
    ),
    ("check-key-ignored", WARNING, "a knowledge check has a key only a scored assessment uses"),
    ("pretest-key-ignored", WARNING, "a pre-test has a key only the scored assessment uses"),
    ("pretest-count", ERROR, "a course lists more than one pre-test"),
    ("pretest-order", ERROR, "the pre-test comes after the assessment"),
    ("completion-no-assessment", ERROR, "completion names an assessment the course lacks"),
    ("mastery-mismatch", ERROR, "mastery_score differs from the assessment's pass_mark"),
    ("draw-too-many", ERROR, "draw asks for more questions than the pool has"),
    ("pass-needs-all", WARNING, "only a perfect score reaches a pass mark under 100%"),
    ("pool-unknown", ERROR, "draw names a pool no question is in"),
    ("pool-undrawn", ERROR, "a question is in no pool that draw names"),
    ("interaction-id-clash", ERROR, "two question ids are the same LMS interaction id"),
    ("no-correct-answer", ERROR, "a question has no correct answer"),
    ("too-many-correct", ERROR, "a single-choice question has several correct choices"),
    ("too-few-choices", ERROR, "a choice question has fewer than two choices"),
    ("blank-answer", ERROR, "a fill-in accepted answer is blank"),
    ("answer-too-long", ERROR, "a fill-in accepted answer is longer than max_length"),
    ("pair-count", ERROR, "a matching question has too few or too many pairs"),
    ("bad-range", ERROR, "a numeric range has min greater than max"),
    ("item-count", ERROR, "an ordering question has too few or too many items"),
    ("duplicate-item", ERROR, "two items of an ordering question read the same"),
    ("scale-count", ERROR, "a likert question has no scale, or too few or too many labels"),
    ("unknown-scale", ERROR, "a likert question names a scale that does not exist"),
    ("survey-answer", ERROR, "a likert (survey) question gives a correct answer"),
    ("raw-html", WARNING, "raw HTML in Markdown, shown as text and never run"),
    ("link-no-text", ERROR, "a link without text"),
    ("unsafe-link", ERROR, "a link with a scheme that can run code (javascript:...)"),
    ("image-no-alt", ERROR, "an image without alt text"),
    ("image-remote", ERROR, "an image that is not a file in the course"),
    ("markdown-attribute", ERROR, "a Markdown {...} attribute other than lang (onclick, style...)"),
    ("markdown-lang", ERROR, "a Markdown {lang=...} that is not a BCP 47 language tag"),
    ("markdown-block", ERROR, "a ::: block of unknown kind, unclosed, or details with no summary"),
    ("attachment-language", ERROR, "an attachment's language is not one the course declares"),
    ("block-parity", WARNING, "a page's callouts, accordions or attachments differ by language"),
    ("video-no-transcript", WARNING, "a video without a transcript"),
    ("transcript-empty", ERROR, "a video's transcript is empty"),
    ("captions-missing", ERROR, "a local video lacks captions in a declared language"),
    ("captions-format", ERROR, "a captions file is not WebVTT a browser plays in full"),
    ("video-unsupported", ERROR, "a video link that is not a well-formed URL"),
    ("video-insecure", WARNING, "a video page linked over http:"),
    ("no-course", ERROR, "a folder holds no course.yml and no course folders"),
    ("target-unavailable", ERROR, "a target this version of coursebuild cannot build"),
    ("suspend-data-budget", ERROR, "the resume state could exceed the target's suspend_data"),
    ("package-self-check", ERROR, "check reads a built package as another kind than its target"),
    (
        "package-size",
        WARNING,
        "a package is larger than the LMS upload limit (--upload-limit, 100 MiB)",
    ),
    ("output-not-written", ERROR, "the output folder cannot be written"),
    ("output-partly-written", ERROR, "the output folder was only partly written"),
    ("internal-error", ERROR, "coursebuild itself failed on one course (a bug: report it)"),
    ("audio-description-missing", WARNING, "a local video has no audio description"),
    ("audio-description-unsupported", ERROR, "audio description keys on a non-local video"),
    ("audio-description-format", ERROR, "descriptions not WebVTT or a described version not video"),
    ("markdown-inline-only", ERROR, "a block (list, quote, code block...) in a one-line text"),
    ("distractor-is-target", ERROR, "a matching distractor is also a pair's target"),
    ("target-count", ERROR, "a matching question has more than 26 targets with its distractors"),
    ("reveal-trivial", WARNING, "later attempts can copy the answers an earlier one revealed"),
    ("feedback-display", ERROR, "feedback: immediate with display: all"),
    ("partial-type", ERROR, "partial credit on a question type that has no parts"),
    ("draw-weights", ERROR, "questions drawn together have different weights"),
    ("hashed-key-conflict", ERROR, "reveal or partial credit with answer_key: hashed"),
    ("key-not-for-type", WARNING, "a question key its type does not use"),
    ("survey-no-pass", WARNING, "a pass asked of an assessment of survey questions only"),
)

_PREVIEW: tuple[tuple[str, Severity, str], ...] = (
    ("preview-no-launch", ERROR, "the built package names no launch file that it contains"),
)

_CHECK: tuple[tuple[str, Severity, str, str], ...] = (
    ("zip-slip", ERROR, "zip", "an entry's path leaves the folder it is extracted into"),
    ("zip-symlink", ERROR, "zip", "an entry is a symbolic link"),
    ("zip-duplicate", ERROR, "zip", "two entries have the same name"),
    ("zip-case-collision", WARNING, "zip", "two entry names differ only in letter case"),
    ("zip-too-large", ERROR, "zip", "uncompressed size above the limit (--max-size)"),
    ("zip-bomb", ERROR, "zip", "a suspicious compression ratio, or entries that overlap"),
    ("zip-encrypted", ERROR, "zip", "an entry is encrypted"),
    ("zip-compression", WARNING, "zip", "an entry uses a method other than stored or deflate"),
    ("zip-unreadable", ERROR, "zip", "an entry cannot be read (bad CRC, damaged data)"),
    ("zip-corrupt", ERROR, "zip", "not a readable zip: truncated, damaged or not a zip"),
    ("package-unreadable", ERROR, "any", "the package file cannot be read (permissions, disk)"),
    ("zip-entries", ERROR, "zip", "more entries, or a bigger directory, than the limit"),
    ("check-incomplete", ERROR, "any", "a limit stopped the check (time, scan size)"),
    ("no-manifest", ERROR, "any", "no imsmanifest.xml, tincan.xml or cmi5.xml"),
    ("manifest-location", ERROR, "any", "the manifest is in a folder, or misnamed"),
    ("tincan-nested", WARNING, "Tin Can", "tincan.xml is in a wrapper folder"),
    ("xml-malformed", ERROR, "any", "the manifest is not well-formed XML"),
    ("scorm-root", ERROR, "SCORM", "the root element is not an IMS CP <manifest>"),
    ("scorm-metadata", WARNING, "SCORM 1.2", "no <metadata> with schema and schemaversion"),
    ("scorm-schema", ERROR, "SCORM", "<schema> is not 'ADL SCORM'"),
    ("scorm-schemaversion", ERROR, "SCORM", "schemaversion unknown or not matching namespaces"),
    ("scorm-prefix", ERROR, "SCORM", "ADL/IMSSS namespaces not on their usual prefixes"),
    ("scorm-required", ERROR, "SCORM", "a required element or attribute is missing"),
    ("scorm-length", ERROR, "SCORM 1.2", "a value longer than the SCORM 1.2 schema allows"),
    ("identifier-invalid", ERROR, "SCORM", "an identifier is not a valid NCName"),
    ("identifier-duplicate", ERROR, "any", "an identifier is used twice"),
    ("scorm-default-org", ERROR, "SCORM", "organizations' default names no organization"),
    ("scorm-identifierref", ERROR, "SCORM", "an identifierref names no resource"),
    ("scorm-resource-type", ERROR, "SCORM", "a resource's type is not 'webcontent'"),
    ("scorm-scormtype", ERROR, "SCORM", "scormtype/scormType misspelt, or not 'sco' or 'asset'"),
    ("scorm-scormtype-missing", WARNING, "SCORM", "a launched resource has no scormtype"),
    ("scorm-sco-href", ERROR, "SCORM", "a SCO or launched resource has no href"),
    ("launch-missing", ERROR, "any", "the launch file is not in the zip"),
    ("file-missing", ERROR, "SCORM", "a <file> listed in the manifest is not in the zip"),
    ("file-unlisted", WARNING, "SCORM", "a file in the zip is listed in no resource"),
    ("scorm-href-unlisted", WARNING, "SCORM", "a resource's launch file is not one of its <file>s"),
    ("href-unsafe", ERROR, "any", "an absolute, '..', backslash or non-web href"),
    ("href-remote", WARNING, "SCORM, Tin Can", "content is loaded from another server"),
    ("mastery-range", ERROR, "any", "mastery score out of range or not a number"),
    ("mastery-unused", WARNING, "SCORM 2004", "minNormalizedMeasure without satisfiedByMeasure"),
    ("scorm-boolean", ERROR, "SCORM 2004", "a sequencing flag that is not 'true' or 'false'"),
    ("tincan-structure", ERROR, "Tin Can", "not a <tincan> with <activities>, ids missing"),
    ("tincan-launch", ERROR, "Tin Can", "not exactly one activity with a <launch>"),
    ("tincan-name", WARNING, "Tin Can", "an activity has no <name>"),
    ("iri-invalid", ERROR, "Tin Can, cmi5", "an activity, course or AU id is not an IRI"),
    ("cmi5-structure", ERROR, "cmi5", "no <courseStructure>, <course> or <au>, ids missing"),
    ("cmi5-au-url", ERROR, "cmi5", "an AU has no <url>"),
    ("cmi5-vocabulary", ERROR, "cmi5", "moveOn or launchMethod outside the vocabulary"),
    ("cmi5-launch-param", ERROR, "cmi5", "an AU URL's query uses a cmi5 launch parameter"),
    ("cmi5-objective-ref", ERROR, "cmi5", "an AU's objective idref names no objective"),
    ("html-script-url", ERROR, "any", "a javascript:, vbscript: or data:text/html URL"),
    ("runtime-unload", WARNING, "any", "an unload/beforeunload handler in a script"),
    ("runtime-eval", WARNING, "any", "eval( or new Function( in a script"),
    ("runtime-remote-script", WARNING, "any", "a script loaded from another server (CDN)"),
    ("runtime-wrong-version", ERROR, "SCORM", "run-time elements of the other SCORM version"),
    ("runtime-not-attempted", ERROR, "SCORM", "a SCO sets lesson_status to 'not attempted'"),
    ("runtime-config", ERROR, "any", "coursebuild's player config is not strict JSON"),
)


def _registry() -> dict[str, Code]:
    codes = [Code(name, sev, Tool.BUILD, text) for name, sev, text in _BUILD]
    codes += [Code(name, sev, Tool.PREVIEW, text) for name, sev, text in _PREVIEW]
    codes += [Code(name, sev, Tool.CHECK, text, kind) for name, sev, kind, text in _CHECK]
    registry = {code.name: code for code in codes}
    if len(registry) != len(codes):
        raise AssertionError("a diagnostic code is declared twice")
    return registry


CODES: dict[str, Code] = _registry()
"""Every code, in declaration order (check's in the order of its rule table)."""


def lookup(name: str) -> Code:
    """The declared code called `name`; ValueError (with a 'did you mean') for any other."""
    found = CODES.get(name)
    if found is None:
        import difflib  # a bug's message only: not loaded on every build

        near = difflib.get_close_matches(name, CODES, n=1, cutoff=0.6)
        hint = f"; did you mean '{near[0]}'?" if near else ""
        raise ValueError(f"undeclared diagnostic code {name!r} (see builder/codes.py){hint}")
    return found


def by_tool(tool: Tool) -> dict[str, Code]:
    """The codes one tool reports, in declaration order."""
    return {name: code for name, code in CODES.items() if code.tool is tool}
