"""What a recommendation shows to explain itself: its reasons, each with the source it rests
on, and how each likelihood was reached. Shared by the rules (``rules``), the assessment
(``risk``) and the recorded decision (``decision``); it imports none of them."""

from __future__ import annotations

from dataclasses import dataclass

from .values import FrozenValue


@dataclass(frozen=True, eq=False, repr=False)
class Reason(FrozenValue):
    """One reason of a recommendation, with the source it rests on."""
    text: str
    source: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, eq=False, repr=False)
class LikelihoodLine(FrozenValue):
    """One likelihood question as answered (or proposed, or unanswered), for the risk step."""

    question_id: str
    question: str
    answer_id: str | None
    answer: str
    level: str
    anchor: str
    proposed: bool
