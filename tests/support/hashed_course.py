"""A course whose assessment ships a hashed answer key (``answer_key: hashed``), with a question
of every hashable type and a numeric one, for the answer-key tests and browser journeys."""

from __future__ import annotations

from pathlib import Path

from .learner import Learner
from .quiz_course import build_quiz_course, write_quiz_course
from .seed import SeedCourse

STEPS = ["Think", "Write", "Check", "Post"]  # the correct order
PAIRS = [("Cat", "Meow"), ("Dog", "Woof"), ("Cow", "Moo")]
WORDS = ["Zanzibar", "Unguja Island"]  # the fill-in's accepted answers
QUIZ = """title: Quiz
pass_mark: 80
attempts: 2
display: all
answer_key: hashed
questions:
  - id: tf
    type: true-false
    prompt: The sea is dry.
    answer: false
  - id: pick
    type: single
    prompt: Which city is the capital?
    choices:
      - {id: a, text: Lyon}
      - {id: b, text: Paris, correct: true}
      - {id: c, text: Nice}
  - id: many
    type: multiple
    prompt: Which are mammals?
    choices:
      - {id: a, text: Whale, correct: true}
      - {id: b, text: Shark}
      - {id: c, text: Bat, correct: true}
      - {id: d, text: Trout}
  - id: word
    type: fill-in
    prompt: Name the spice island.
    answers: [Zanzibar, Unguja Island]
  - id: sounds
    type: matching
    prompt: Match each animal to its sound.
    pairs:
      - {source: Cat, target: Meow}
      - {source: Dog, target: Woof}
      - {source: Cow, target: Moo}
  - id: steps
    type: ordering
    prompt: Put the steps in order.
    items: [Think, Write, Check, Post]
  - id: legs
    type: numeric
    prompt: How many legs has a spider?
    answer: 8
"""


def write_hashed_course(src: Path, quiz: str = QUIZ) -> Path:
    """The minimal course with ``quiz`` as its assessment, under ``src/hashed``."""
    return write_quiz_course(src, "hashed", quiz)


def build_hashed_course(src: Path, out: Path, target: str) -> tuple[SeedCourse, Path]:
    """The hashed course built for ``target``: (course, zip)."""
    return build_quiz_course(src, out, "hashed", QUIZ, target)


def answer_all(me: Learner, *, right: bool, only: tuple[str, ...] = ()) -> None:
    """Answer the hashed course's questions (``only`` these ids, when given), all right or all
    wrong, by what the learner reads; nothing is submitted."""

    def wanted(qid: str) -> bool:
        return not only or qid in only

    if wanted("tf"):
        label = me.t("false" if right else "true")
        me.question("tf").get_by_role("radio", name=label, exact=True).check(force=True)
    if wanted("pick"):
        city = "Paris" if right else "Lyon"
        me.question("pick").get_by_role("radio", name=city, exact=True).check(force=True)
    if wanted("many"):
        for animal in ("Whale", "Bat") if right else ("Whale",):
            me.question("many").get_by_role("checkbox", name=animal, exact=True).check(force=True)
    if wanted("word"):
        box = me.question("word").get_by_label(me.t("your_answer"), exact=True)
        box.fill("  ZANZIBAR. " if right else "Madagascar", force=True)
    if wanted("sounds"):
        sounds = [s for _, s in PAIRS]
        given = sounds if right else sounds[1:] + sounds[:1]
        for (animal, _), sound in zip(PAIRS, given, strict=True):
            me.question("sounds").get_by_label(animal, exact=True).select_option(
                label=sound, force=True
            )
    if wanted("steps"):
        steps = me.question("steps")
        if right:
            me.put_in_order(steps, STEPS)
        else:
            assert me.order_shown(steps) != STEPS  # never shown in the correct order
    if wanted("legs"):
        box = me.question("legs").get_by_label(me.t("your_answer"), exact=True)
        box.fill("8" if right else "6", force=True)
