"""Item analysis and scores of one section: attempts inferred, first answers, responses
(docs/report.md, Items and Scores)."""

from __future__ import annotations

from array import array
from typing import Any

from msgspec import Struct, field

from .course import Question, Quiz
from .stats import attempt_score, attempts, mask, median, point_biserial, rounded, share
from .store import Section

TOP_RESPONSES = 10


class Analysis(Struct):
    """Per question and per learner, what the answers of a section say."""

    # question → (learners in number order, the outcome of each one's first answer)
    first: list[tuple[array[int], array[int]]]
    answers: list[int]  # question → answered statements
    first_score: dict[int, int] = field(default_factory=dict)  # learner → first attempt's score
    best_score: dict[int, int] = field(default_factory=dict)
    tried: dict[int, set[int]] = field(default_factory=dict)  # attempt number → learners
    passed: dict[int, set[int]] = field(default_factory=dict)


def analyse(section: Section, quizzes: tuple[Quiz, ...], final: int) -> Analysis:
    """Cut each learner's answers into attempts and keep what the figures need."""
    weights = [q.weight for quiz in quizzes for q in quiz.questions]
    found = Analysis([(array("l"), array("b")) for _ in weights], [0] * len(weights))
    mark = quizzes[final].pass_mark if final >= 0 else None
    # The groups come in learner order: one learner's answers are all read before the next's.
    firsts: dict[int, tuple[float, int]] = {}  # question → (time, outcome)
    scored: list[tuple[float, list[int | None]]] = []
    current = -1
    for (learner, _reg, quiz), (times, codes) in section.answers():
        if learner != current:
            _learner_done(found, current, firsts, scored, mark)
            current, firsts, scored = learner, {}, []
        order = sorted(range(len(times)), key=times.__getitem__)
        for i in order:
            question, outcome = codes[i] >> 2, codes[i] & 3
            found.answers[question] += 1
            kept = firsts.get(question)
            if kept is None or times[i] < kept[0]:
                firsts[question] = (times[i], outcome)
        if quiz == final:
            draw = quizzes[quiz].draw
            scores = [
                attempt_score(one, weights) if len(one) >= draw else None
                for one in attempts([codes[i] for i in order], draw)
            ]
            scored.append((times[order[0]], scores))
    _learner_done(found, current, firsts, scored, mark)
    return found


def _learner_done(
    found: Analysis,
    learner: int,
    firsts: dict[int, tuple[float, int]],
    registrations: list[tuple[float, list[int | None]]],
    mark: int | None,
) -> None:
    """Keep one learner's first answers and scores."""
    for question, (_, outcome) in firsts.items():
        learners, outcomes = found.first[question]
        learners.append(learner)
        outcomes.append(outcome)
    if not registrations:
        return
    registrations.sort(key=lambda r: r[0])
    first = registrations[0][1][0]
    if first is not None:
        found.first_score[learner] = first
    done = [s for _, scores in registrations for s in scores if s is not None]
    if done:
        found.best_score[learner] = max(done)
    for _, scores in registrations:
        for number, score in enumerate(scores, 1):
            if score is None:
                continue
            found.tried.setdefault(number, set()).add(learner)
            if mark is not None and score >= mark:
                found.passed.setdefault(number, set()).add(learner)


def _responses(
    question: Question, counted: Any, answers: int, learners: int, min_group: int
) -> list[dict[str, Any]]:
    if question.components:
        totals = {cid: 0 for cid, _ in question.components}
        for response, count in counted.items():
            for part in response.split("[,]"):
                if part in totals:
                    totals[part] += count
        rows = [(cid, label, totals[cid]) for cid, label in question.components]
    else:
        top = sorted(counted.items(), key=lambda item: (-item[1], item[0]))[:TOP_RESPONSES]
        rows = [(response, None, count) for response, count in top]
    return [
        {
            "response": response,
            "label": label or None,
            "count": mask(count, min_group),
            "share": share(count, answers, learners, min_group),
        }
        for response, label, count in rows
    ]


def item_row(
    quiz: Quiz,
    question: Question,
    index: int,
    section: Section,
    analysis: Analysis,
    min_group: int,
) -> dict[str, Any]:
    """One question's figures (an entry of ``items`` or ``checks``)."""
    who, outcomes = analysis.first[index]
    learners, answers = len(who), analysis.answers[index]
    graded = [
        (learner, outcome) for learner, outcome in zip(who, outcomes, strict=True) if outcome != 2
    ]
    right = sum(1 for _, outcome in graded if outcome == 1)
    correct = share(right, len(graded), len(graded), min_group) if question.graded else None
    pairs = [(o, analysis.first_score[lr]) for lr, o in graded if lr in analysis.first_score]
    discrimination = None
    if len(pairs) >= min_group:
        right_or_not, scores = [o for o, _ in pairs], [float(s) for _, s in pairs]
        discrimination = rounded(point_biserial(right_or_not, scores))
    enough = learners >= min_group
    flags = []
    if correct == 0.0:
        flags.append("nobody-right")
    if correct == 1.0:
        flags.append("everybody-right")
    if discrimination is not None and discrimination < 0:
        flags.append("strong-miss-more")
    return {
        "quiz": quiz.id,
        "question": question.id,
        "activity": question.iri,
        "type": question.type,
        "text": question.text,
        "learners": mask(learners, min_group),
        "answers": mask(answers, min_group),
        "correct_share": correct,
        "discrimination": discrimination,
        "mean_attempts": rounded(answers / learners) if enough else None,
        "median_seconds": rounded(median(section.durations[index])) if enough else None,
        "responses": _responses(question, section.responses[index], answers, learners, min_group),
        "flags": flags,
    }


def scores(analysis: Analysis, pass_mark: int | None, min_group: int) -> dict[str, Any]:
    """The distribution of best scores and the pass rate by attempt number."""
    bins = [0] * 10
    for score in analysis.best_score.values():
        bins[min(score // 10, 9)] += 1
    distribution = [
        {"from": 10 * i, "to": 10 * i + 9 if i < 9 else 100, "learners": mask(n, min_group)}
        for i, n in enumerate(bins)
    ]
    by_attempt = []
    for number in sorted(analysis.tried):
        tried = len(analysis.tried[number])
        passed = len(analysis.passed.get(number, ()))
        by_attempt.append(
            {
                "attempt": number,
                "learners": mask(tried, min_group),
                "passed": mask(passed, min_group),
                "share": share(passed, tried, tried, min_group) if pass_mark is not None else None,
            }
        )
    return {
        "distribution": distribution,
        "pass_rate_by_attempt": by_attempt,
        "pass_mark": pass_mark,
    }
