"""The course model: typed, frozen, complete; every target renders from it."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, get_args

from msgspec import Struct, field

Text = dict[str, str]
"""Text per language code, every declared language present. Question texts are safe HTML
(Markdown rendered); each also has a plain-text form for places that cannot hold markup."""

VideoKind = Literal["youtube", "vimeo", "file", "link", "none"]
QuestionType = Literal[
    "true-false", "single", "multiple", "fill-in", "matching", "numeric", "ordering", "likert"
]
QUESTION_TYPES: tuple[QuestionType, ...] = get_args(QuestionType)
"""Every question type, declared once: each layer keeps a table with one handler per type."""


class Video(Struct, frozen=True):
    """A page's video in one language: where it plays, how long it is, its captions."""

    kind: VideoKind
    embed_url: str | None
    page_url: str | None
    title: str
    duration_seconds: int | None
    captions: str | None
    mime_type: str | None
    descriptions: str | None = None
    described: str | None = None
    described_mime: str | None = None


class Attachment(Struct, frozen=True):
    """A file a page offers for download, in one page language."""

    url: str
    title: str
    language: str
    kind: str
    size: int
    mime_type: str


class Page(Struct, frozen=True):
    """A content page: Markdown body, optional video (per language), transcript, attachments."""

    id: str
    title: Text
    body_html: Text
    video: dict[str, Video] | None
    transcript_html: Text | None
    attachments: dict[str, tuple[Attachment, ...]] | None = None
    check: Assessment | None = None
    """Its knowledge check: ungraded questions shown under the page (course.yml `check:`)."""


class Choice(Struct, frozen=True):
    """A choice of a single- or multiple-choice question."""

    id: str
    text: Text
    correct: bool
    feedback: Text | None
    plain: Text = field(default_factory=dict)
    """The text without markup (an image by its alt text)."""


class Pair(Struct, frozen=True):
    """A matching pair: source id is a digit, target id a letter (SCORM 1.2 patterns)."""

    source_id: str
    target_id: str
    source: Text
    target: Text
    source_plain: Text = field(default_factory=dict)
    target_plain: Text = field(default_factory=dict)


class Target(Struct, frozen=True):
    """A target of a matching question: a pair's, or a distractor that matches no source."""

    target_id: str
    text: Text
    plain: Text


class Question(Struct, frozen=True):
    """One question; only the fields of its type are filled."""

    id: str
    type: QuestionType
    prompt: Text
    choices: tuple[Choice, ...]
    pairs: tuple[Pair, ...]
    answer_bool: bool | None
    answers: dict[str, tuple[str, ...]]
    numeric_min: float | None
    numeric_max: float | None
    max_length: int
    accents: Literal["match", "ignore"]  # fill-in: do accents count when answers are compared?
    feedback_correct: Text | None
    feedback_incorrect: Text | None
    pool: str | None  # the pool it is drawn from, when its assessment draws by pool
    items: tuple[Choice, ...] = ()  # ordering: the items, in the correct order
    scale: tuple[Choice, ...] = ()  # likert: the scale's points, first to last (none correct)
    prompt_plain: Text = field(default_factory=dict)
    distractors: tuple[Target, ...] = ()
    """Matching: targets that match no source, their ids after the pairs' letters."""
    weight: int = 1  # how much it counts in the score
    partial: bool = False  # multiple, matching: credit for the share right

    @property
    def graded(self) -> bool:
        """Does it count in the score? A likert (survey) question never does."""
        return self.type != "likert"

    @property
    def targets(self) -> tuple[Target, ...]:
        """Matching: every target a source can be given, the pairs' then the distractors."""
        paired = (Target(p.target_id, p.target, p.target_plain) for p in self.pairs)
        return (*paired, *self.distractors)


class Assessment(Struct, frozen=True):
    """The course's scored assessment."""

    id: str
    title: Text
    pass_mark: int
    attempts: int
    shuffle: bool
    draw: int | None  # questions asked per attempt (the pools' sum), None: all
    pools: tuple[tuple[str, int], ...]  # (pool, questions asked from it), sorted; () for none
    display: Literal["one", "all"]
    questions: tuple[Question, ...]
    feedback: Literal["immediate", "attempt", "never"] = "immediate"  # when verdicts show
    reveal: bool = True  # whether the correct answers are shown with a verdict
    answer_key: Literal["plain", "hashed"] = "plain"
    """`hashed`: the package holds salted hashes of the correct responses, not the responses."""


class Pretest(Struct, frozen=True):
    """A pre-test module (course.yml `pretest:`): one attempt before the course, its score shown
    to the learner and recorded, never the course's score, status or completion."""

    assessment: Assessment

    @property
    def id(self) -> str:
        """The pre-test's id: its assessment file's name."""
        return self.assessment.id

    @property
    def title(self) -> Text:
        """The pre-test's title, per language."""
        return self.assessment.title


Module = Page | Assessment | Pretest


class Completion(Struct, frozen=True):
    """What complete means for this course."""

    pages: Literal["all", "none"]
    video: int
    assessment: Literal["passed", "attempted", "none"]
    assessment_opens: Literal["always", "after-pages"] = "always"


class MediaFile(Struct, frozen=True):
    """A course file copied into the package, under the same relative path."""

    source: Path
    package_path: str


class ThemeLayer(Struct, frozen=True):
    """One theme override folder (a course's custom_dir or a catalogue's _theme/), checked."""

    root: Path
    shown: str
    """Its name in diagnostics: `<course>/<custom_dir>` or `_theme`."""
    templates: tuple[tuple[str, Path], ...]
    """(template name, file) of its Jinja2 templates, by name."""
    static: tuple[tuple[str, Path], ...]
    """(name under assets/, file) of its static/ files, by name."""


class Course(Struct, frozen=True):
    """A whole course, validated, with every language complete."""

    slug: str
    source_dir: Path
    id: str
    code: str
    version: str
    languages: tuple[str, ...]
    title: Text
    description: Text
    modules: tuple[Module, ...]
    completion: Completion
    mastery_score: int | None
    targets: tuple[str, ...]
    media: tuple[MediaFile, ...]
    source_hash: str
    xapi_endpoint: str | None = None
    """Dual tracking: the LRS a SCORM package also reports to (course.yml `xapi.endpoint`)."""
    theme: tuple[ThemeLayer, ...] = ()
    """Theme overrides, the first one winning: the course's custom_dir, the catalogue's _theme/."""

    @property
    def default_language(self) -> str:
        """The first declared language."""
        return self.languages[0]

    @property
    def assessment(self) -> Assessment | None:
        """The scored assessment, if the course has one."""
        return next((m for m in self.modules if isinstance(m, Assessment)), None)

    @property
    def pretest(self) -> Assessment | None:
        """The pre-test's assessment, if the course has one: never scored, never in completion."""
        return next((m.assessment for m in self.modules if isinstance(m, Pretest)), None)

    @property
    def checks(self) -> tuple[tuple[Page, Assessment], ...]:
        """Each page's knowledge check, in course order: never scored, never in completion."""
        return tuple(
            (m, m.check) for m in self.modules if isinstance(m, Page) and m.check is not None
        )


def interaction_id(assessment_id: str, question_id: str) -> str:
    """The id a question's answers have in the LMS: letters and digits only, camelCase
    ("final" + "who-to-ask" -> "finalWhoToAsk"), which every LMS takes (forma.lms refuses
    ``-`` ``_`` ``.`` in SCORM 2004 identifiers, docs/lms-guide.md)."""
    words = f"{assessment_id}-{question_id}".split("-")
    return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])
