"""The 72-hour deadline clock: pure functions of UTC instants, shown in Europe/Paris time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..i18n import SOURCE_LANGUAGE, _, calendar_names
from .errors import ValidationError
from .values import FrozenValue

PARIS = ZoneInfo("Europe/Paris")
#: GDPR Art. 33(1): "not later than 72 hours after having become aware of it". Elapsed time,
#: nights, weekends and public holidays included (brief section 2, design decision [D]).
NOTIFICATION_DELAY = timedelta(hours=72)

# Dates and durations are written the French way (format_date, format_datetime, format_duration):
# they are data, also written into journal entries, and stay French whatever the catalogue. The
# day and month names are the Unicode CLDR's French ones, from Babel's locale data through the
# message toolchain (i18n.calendar_names): no hand-written table.


def now_utc() -> datetime:
    return datetime.now(UTC)


def require_utc(instant: datetime, what: str = "date") -> datetime:
    """Return ``instant`` converted to UTC; a naive datetime is refused (it has no meaning)."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{what}: naive datetime refused, an aware datetime is required")
    return instant.astimezone(UTC)


def deadline(awareness: datetime) -> datetime:
    """The CNIL notification deadline: awareness + 72 h of elapsed time, in UTC."""
    return require_utc(awareness, "awareness") + NOTIFICATION_DELAY


@dataclass(frozen=True, eq=False, repr=False)
class DeadlineStatus(FrozenValue):
    """Where an incident stands against its 72-hour deadline at a given instant."""

    awareness: datetime
    deadline: datetime
    at: datetime
    notified_at: datetime | None

    @property
    def remaining(self) -> timedelta:
        """Time left before the deadline at ``at`` (negative once past)."""
        return self.deadline - self.at

    @property
    def notified(self) -> bool:
        return self.notified_at is not None

    @property
    def late(self) -> bool:
        """True if the notification came (or, not yet notified, is) after the deadline."""
        reference = self.notified_at if self.notified_at is not None else self.at
        return reference > self.deadline

    @property
    def lateness(self) -> timedelta:
        """How far past the deadline (zero when in time)."""
        reference = self.notified_at if self.notified_at is not None else self.at
        return max(reference - self.deadline, timedelta(0))


def status(awareness: datetime, at: datetime, notified_at: datetime | None = None) -> DeadlineStatus:
    awareness = require_utc(awareness, "awareness")
    return DeadlineStatus(
        awareness=awareness,
        deadline=deadline(awareness),
        at=require_utc(at, "at"),
        notified_at=require_utc(notified_at, "notified_at") if notified_at else None,
    )


def to_paris(instant: datetime) -> datetime:
    return require_utc(instant).astimezone(PARIS)


def paris_to_utc(local: datetime) -> datetime:
    """Convert a wall-clock time read in Paris (naive) to UTC.

    A time that does not exist (the hour skipped in spring) is refused with a French message.
    A time that happens twice (the hour repeated in autumn) is read as the first occurrence,
    which gives the earlier, hence safer, deadline.
    """
    if local.tzinfo is not None:
        return require_utc(local)
    candidate = local.replace(tzinfo=PARIS, fold=0)
    back = candidate.astimezone(UTC).astimezone(PARIS).replace(tzinfo=None)
    if back != local.replace(fold=0):
        raise ValidationError(
            _("L'heure {time} du {day} n'existe pas à Paris "
              "(passage à l'heure d'été) : vérifiez l'heure saisie.").format(
                time=f"{local:%H:%M}", day=format_date(candidate))
        )
    return candidate.astimezone(UTC)


def read_day(text: str) -> date | None:
    """A calendar day typed as 'AAAA-MM-JJ' or 'JJ/MM/AAAA' (None when it is neither): the one
    reader of typed days (periods of the register, due days of the follow-up actions)."""
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime((text or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


def format_date(instant: datetime) -> str:
    """'lundi 26 octobre 2026' (Paris date)."""
    local = instant.astimezone(PARIS) if instant.tzinfo else instant
    day = f"{local.day}{'er' if local.day == 1 else ''}"  # "1er": French usage, not in the CLDR
    days, months = calendar_names(SOURCE_LANGUAGE)
    return f"{days[local.weekday()]} {day} {months[local.month - 1]} {local.year}"


def format_datetime(instant: datetime) -> str:
    """'lundi 26 octobre 2026 à 09 h 00' (Paris time)."""
    local = to_paris(instant)
    return f"{format_date(local)} à {local:%H} h {local:%M}"


def format_short(instant: datetime) -> str:
    """'26/10/2026 09:00' (Paris time), for tables."""
    return f"{to_paris(instant):%d/%m/%Y %H:%M}"


def format_duration(delta: timedelta) -> str:
    """'71 h 05 min' (absolute value; the caller says before/after)."""
    total_minutes = int(abs(delta).total_seconds() // 60)
    hours, minutes = divmod(total_minutes, 60)
    if hours == 0:
        return f"{minutes} min"
    return f"{hours} h {minutes:02d} min"


def describe(state: DeadlineStatus) -> str:
    """One French sentence for the banner and the documents."""
    if state.notified_at is not None:
        when = format_datetime(state.notified_at)
        if state.late:
            return _("Notifiée le {when} (en retard de {late})").format(
                when=when, late=format_duration(state.lateness))
        return _("Notifiée le {when} (dans le délai)").format(when=when)
    if state.late:
        return _("Délai de 72 h dépassé depuis {late} (échéance : {due})").format(
            late=format_duration(state.lateness), due=format_datetime(state.deadline))
    return _("Il reste {left} pour notifier la CNIL (échéance : {due})").format(
        left=format_duration(state.remaining), due=format_datetime(state.deadline))


def urgency(state: DeadlineStatus) -> str:
    """'done' (notified in time), 'late', 'urgent' (6 h or less), 'soon' (24 h or less), 'calm'."""
    if state.notified_at is not None:
        return "late" if state.late else "done"
    if state.late:
        return "late"
    if state.remaining <= timedelta(hours=6):
        return "urgent"
    if state.remaining <= timedelta(hours=24):
        return "soon"
    return "calm"
