"""The one view of an incident: its facts, assessment, obligations, deadlines and journal head,
computed once per change and rendered by every page, banner, document and command.

Nothing here decides: the assessment comes from ``domain.risk``, every consequence of the
decision from ``domain.obligations``. The view only gathers them, so that the banner, the closing
picture, the home list, the documents and the CLI read the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..domain import clock, obligations
from ..domain.decision import decision_outdated
from ..domain.journal import Verification
from ..domain.model import CLOSED, Incident
from ..domain.procedure import Procedure
from ..domain.risk import Assessment, assess
from ..domain.values import FrozenValue
from ..i18n import _


@dataclass(frozen=True, eq=False, repr=False)
class IncidentView(FrozenValue):
    """What is true of one incident after its last change (see the module's docstring)."""

    incident: Incident
    assessment: Assessment
    #: Why the recorded decision no longer matches the recommendation ("", "answers", "method").
    outdated: str
    #: obligations.NOTIFICATION_* and obligations.PERSONS_*.
    notification: str
    persons: str
    #: When the 72 hours run from (earliest of awareness and the processor's report) and the
    #: deadline in force (None while the awareness is not dated).
    clock_start: datetime | None
    notification_deadline: datetime | None
    notified_at: datetime | None
    #: Deadlines still to meet, soonest first (obligations.deadlines).
    deadlines: tuple[obligations.Deadline, ...]
    late_awareness: str
    documents: tuple[obligations.DocumentNeed, ...]
    closure_problems: tuple[str, ...]
    journal_head: str
    journal_count: int
    verification: Verification

    @property
    def reference(self) -> str:
        return self.incident.reference

    @property
    def closed(self) -> bool:
        return self.incident.status == CLOSED

    @property
    def altered(self) -> bool:
        return not self.verification.ok

    @property
    def clock_applies(self) -> bool:
        """The 72 hours are a deadline for this incident: a notification is due or may be (not
        decided yet), or one was made."""
        return self.notified_at is not None or obligations.notification_clock_runs(self.incident)

    def status_at(self, now: datetime) -> clock.DeadlineStatus | None:
        """The 72 hours at ``now`` (None while the awareness is not dated)."""
        if self.clock_start is None or self.notification_deadline is None:
            return None
        return clock.DeadlineStatus(awareness=self.clock_start, deadline=self.notification_deadline,
                                    at=clock.require_utc(now), notified_at=self.notified_at)

    def headline(self, now: datetime) -> str:
        """The one sentence about the 72 hours: the banner, the home list, the documents."""
        return obligations.notification_headline(self.status_at(now), self.notification)

    def deadline_lines(self, now: datetime) -> list[str]:
        """The headline, then every other deadline still to meet (complementary notification,
        complaint), each as one sentence."""
        lines = [self.headline(now)]
        lines += [obligations.describe_deadline(d, now) for d in self.deadlines
                  if d.kind != obligations.CNIL]
        return lines

    def need(self, kind: str) -> obligations.DocumentNeed:
        return next(d for d in self.documents if d.kind == kind)

    @property
    def needed_documents(self) -> tuple[str, ...]:
        return tuple(d.kind for d in self.documents if d.needed)

    def required_actions(self) -> list[str]:
        """What remains to do on this incident, in French (the deadlines and the closure's
        problems): what the closing step, the banner and the documents agree on."""
        return list(self.closure_problems) if not self.closed else []


def unjournaled_view(incident: Incident, procedure: Procedure) -> IncidentView:
    """The view of an incident that is not stored (an incident file being assessed, a test):
    its journal is empty."""
    from ..domain.journal import GENESIS

    return build_view(incident, procedure, Verification(ok=True, count=0), (GENESIS, 0))


def build_view(incident: Incident, procedure: Procedure, verification: Verification,
               head: tuple[str, int]) -> IncidentView:
    """Compute the view of ``incident`` (once per change: the session keeps it until the next)."""
    assessment = assess(incident, procedure)
    outdated = decision_outdated(incident.decision, assessment)
    clocks = obligations.clocks(incident)
    problems = obligations.closure_problems(incident, outdated, clocks.notification_deadline)
    closure = next((s for s in procedure.steps if s.kind == "closure"), None)
    if closure is not None:
        problems += [_("À renseigner : {field}.").format(field=f.label)
                     for f in procedure.missing_required(incident, closure.id)]
    return IncidentView(
        incident=incident,
        assessment=assessment,
        outdated=outdated,
        notification=obligations.notification(incident),
        persons=obligations.persons_information(incident),
        clock_start=clocks.start,
        notification_deadline=clocks.notification_deadline,
        notified_at=incident.first_notification_at(),
        deadlines=clocks.pending,
        late_awareness=obligations.late_awareness_warning(incident),
        documents=obligations.documents(incident),
        closure_problems=tuple(problems),
        journal_head=head[0],
        journal_count=head[1],
        verification=verification,
    )
