"""The 72-hour clock: elapsed time across DST changes, French display, refused awareness times."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incident_wizard.domain import clock
from incident_wizard.domain.errors import ValidationError

from .conftest import utc


def paris(y, m, d, h, mi=0):
    return clock.paris_to_utc(datetime(y, m, d, h, mi))


def test_deadline_across_autumn_2026_dst_change():
    # Friday 23 October 2026 10:00 Paris (UTC+2); clocks go back on Sunday 25 October.
    awareness = paris(2026, 10, 23, 10)
    due = clock.deadline(awareness)
    assert due - awareness == timedelta(hours=72)
    assert clock.to_paris(due).replace(tzinfo=None) == datetime(2026, 10, 26, 9, 0)
    assert clock.format_datetime(due) == "lundi 26 octobre 2026 à 09 h 00"


def test_deadline_across_spring_2027_dst_change():
    # Friday 26 March 2027 10:00 Paris (UTC+1); clocks go forward on Sunday 28 March 2027.
    due = clock.deadline(paris(2027, 3, 26, 10))
    assert clock.to_paris(due).replace(tzinfo=None) == datetime(2027, 3, 29, 11, 0)


def test_deadline_across_spring_2026_and_autumn_2027():
    # 29 March 2026 is the spring change; 31 October 2027 the autumn one.
    due = clock.deadline(paris(2026, 3, 27, 12))
    assert clock.to_paris(due).replace(tzinfo=None) == datetime(2026, 3, 30, 13, 0)
    due = clock.deadline(paris(2027, 10, 29, 8, 30))
    assert clock.format_datetime(due) == "lundi 1er novembre 2027 à 07 h 30"


def test_deadline_without_dst_change_is_same_wall_clock_time():
    due = clock.deadline(paris(2026, 11, 20, 17, 45))  # Friday, a weekend in between
    assert clock.format_datetime(due) == "lundi 23 novembre 2026 à 17 h 45"


def test_nonexistent_paris_time_is_refused_in_french():
    with pytest.raises(ValidationError, match="n'existe pas à Paris"):
        clock.paris_to_utc(datetime(2026, 3, 29, 2, 30))


def test_repeated_paris_hour_takes_the_first_occurrence():
    # 25 October 2026, 02:30 happens twice; the first one is 00:30 UTC (summer time).
    assert clock.paris_to_utc(datetime(2026, 10, 25, 2, 30)) == utc(2026, 10, 25, 0, 30)


def test_status_before_and_after_deadline():
    awareness = utc(2026, 10, 23, 8)
    before = clock.status(awareness, at=utc(2026, 10, 24, 8))
    assert before.remaining == timedelta(hours=48) and not before.late
    assert clock.describe(before).startswith("Il reste 48 h 00 min")
    after = clock.status(awareness, at=utc(2026, 10, 26, 10, 30))
    assert after.late and after.lateness == timedelta(hours=2, minutes=30)
    assert "dépassé depuis 2 h 30 min" in clock.describe(after)


def test_status_once_notified_says_in_time_or_late():
    awareness = utc(2026, 10, 23, 8)
    in_time = clock.status(awareness, at=utc(2026, 11, 1), notified_at=utc(2026, 10, 25, 8))
    assert not in_time.late
    assert clock.describe(in_time) == "Notifiée le dimanche 25 octobre 2026 à 09 h 00 (dans le délai)"
    late = clock.status(awareness, at=utc(2026, 11, 1), notified_at=utc(2026, 10, 26, 13))
    assert late.late and late.lateness == timedelta(hours=5)
    assert "en retard de 5 h 00 min" in clock.describe(late)


def _with_dates(awareness, breach_start=None):
    from incident_wizard.domain.model import Incident

    incident = Incident("VDP-2026-001", utc(2026, 1, 1))
    incident.dates.awareness_at = awareness
    incident.dates.breach_start = breach_start
    return incident


def test_awareness_in_future_refused():
    from incident_wizard.domain.validation import check_dates

    now = utc(2026, 10, 23, 8)
    [(path, message)] = check_dates(_with_dates(now + timedelta(hours=1)), now)
    assert path == "dates.awareness_at" and "futur" in message


def test_awareness_before_breach_start_refused():
    from incident_wizard.domain.validation import check_dates

    now = utc(2026, 10, 23)
    [(_, message)] = check_dates(_with_dates(utc(2026, 10, 1), utc(2026, 10, 2)), now)
    assert "précéder le début" in message
    assert check_dates(_with_dates(utc(2026, 10, 3), utc(2026, 10, 2)), now) == []


def test_naive_datetime_refused():
    with pytest.raises(ValueError):
        clock.deadline(datetime(2026, 10, 23, 8))


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                    timezones=st.just(clock.PARIS)))
def test_deadline_is_always_exactly_72_elapsed_hours(awareness):
    due = clock.deadline(awareness)
    assert due - awareness == timedelta(hours=72)  # aware datetimes: exact elapsed time
    assert round(due.timestamp() - awareness.timestamp()) == 72 * 3600


def test_urgency_levels():
    aware = utc(2026, 10, 23, 8)
    due = clock.deadline(aware)
    assert clock.urgency(clock.status(aware, due - timedelta(hours=30))) == "calm"
    assert clock.urgency(clock.status(aware, due - timedelta(hours=20))) == "soon"
    assert clock.urgency(clock.status(aware, due - timedelta(hours=2))) == "urgent"
    assert clock.urgency(clock.status(aware, due + timedelta(minutes=1))) == "late"
    assert clock.urgency(clock.status(aware, due, notified_at=due - timedelta(hours=1))) == "done"
    assert clock.urgency(clock.status(aware, due, notified_at=due + timedelta(hours=1))) == "late"
