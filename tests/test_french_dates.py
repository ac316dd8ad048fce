"""French dates come from the CLDR through Babel (issue 26, item 3), not from hand-written tables,
and still print exactly as before: every day and month name, "1er", Paris time across both DST
changes."""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

import pytest

from incident_wizard.domain import clock

from .conftest import utc

ROOT = Path(__file__).resolve().parents[1]

#: What the app printed before (issue 26), one date of each month of 2026 at 10:00 UTC.
MONTHS_2026 = [
    "jeudi 1er janvier 2026 à 11 h 00", "dimanche 1er février 2026 à 11 h 00",
    "dimanche 1er mars 2026 à 11 h 00", "mercredi 1er avril 2026 à 12 h 00",
    "vendredi 1er mai 2026 à 12 h 00", "lundi 1er juin 2026 à 12 h 00",
    "mercredi 1er juillet 2026 à 12 h 00", "samedi 1er août 2026 à 12 h 00",
    "mardi 1er septembre 2026 à 12 h 00", "jeudi 1er octobre 2026 à 12 h 00",
    "dimanche 1er novembre 2026 à 11 h 00", "mardi 1er décembre 2026 à 11 h 00",
]


def test_every_month_and_day_prints_as_before():
    assert [clock.format_datetime(utc(2026, month, 1, 10)) for month in range(1, 13)] == MONTHS_2026
    week = [clock.format_date(utc(2026, 10, 26, 10) + timedelta(days=n)) for n in range(7)]
    assert week == ["lundi 26 octobre 2026", "mardi 27 octobre 2026", "mercredi 28 octobre 2026",
                    "jeudi 29 octobre 2026", "vendredi 30 octobre 2026", "samedi 31 octobre 2026",
                    "dimanche 1er novembre 2026"]


@pytest.mark.parametrize(("instant", "printed"), [
    # Spring forward, 29 March 2026: 01:00 UTC is 03:00 in Paris (02:00 never happens).
    (utc(2026, 3, 29, 0, 59), "dimanche 29 mars 2026 à 01 h 59"),
    (utc(2026, 3, 29, 1, 0), "dimanche 29 mars 2026 à 03 h 00"),
    # Fall back, 25 October 2026: 02:30 in Paris happens twice, an hour apart.
    (utc(2026, 10, 25, 0, 30), "dimanche 25 octobre 2026 à 02 h 30"),
    (utc(2026, 10, 25, 1, 30), "dimanche 25 octobre 2026 à 02 h 30"),
    (utc(2026, 10, 25, 2, 30), "dimanche 25 octobre 2026 à 03 h 30"),
    # Midnight UTC on New Year's Eve is already the next year in Paris.
    (utc(2026, 12, 31, 23, 30), "vendredi 1er janvier 2027 à 00 h 30"),
])
def test_paris_time_is_dst_exact(instant, printed):
    assert clock.format_datetime(instant) == printed


def test_the_72_hours_across_the_spring_change_are_elapsed_time():
    state = clock.status(utc(2026, 3, 28, 9), at=utc(2026, 3, 28, 9))
    assert clock.describe(state) == (
        "Il reste 72 h 00 min pour notifier la CNIL (échéance : mardi 31 mars 2026 à 11 h 00)")


def test_no_hand_written_table_of_french_names_is_left():
    """No tuple or list of French month or day names in the package: they come from Babel."""
    names = {"janvier", "février", "lundi", "mardi", "décembre"}
    found = []
    for path in (ROOT / "src" / "incident_wizard").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List):
                words = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
                if len(words & names) >= 2:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found


def test_the_names_are_babels_and_written_by_the_toolchain():
    """resources/locale/fr/calendar.json is what scripts/update-messages writes from Babel's
    CLDR data now (stale otherwise), and what the dates are printed with."""
    import importlib.util
    import sys

    from incident_wizard import i18n

    spec = importlib.util.spec_from_file_location("messages_toolchain_dates", ROOT / "scripts" / "messages.py")
    toolchain = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = toolchain
    spec.loader.exec_module(toolchain)
    shipped = ROOT / "resources" / "locale" / "fr" / "calendar.json"
    assert shipped.read_text(encoding="utf-8") == toolchain.calendar_json("fr"), "run scripts/update-messages"
    assert i18n.calendar_names("fr") == i18n.cldr_calendar_names("fr")


def test_printing_a_date_does_not_load_babel():
    """The app's start prints dates (the deadline banner): Babel's locale data stays unloaded."""
    import os
    import subprocess
    import sys

    code = ("import sys; from datetime import UTC, datetime; from incident_wizard.domain import clock; "
            "print(clock.format_datetime(datetime(2026, 10, 26, 8, tzinfo=UTC)), 'babel' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.stdout.strip() == "lundi 26 octobre 2026 à 09 h 00 False", done.stderr


def test_the_numbers_are_written_with_the_cldr_french_symbols():
    """Numbers keep their two hand-written symbols (a comma for decimals, a narrow no-break space
    between thousands: risk.format_number, the documents' counts), which are the CLDR's French
    ones, as Babel gives them."""
    from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

    from incident_wizard.domain.risk import format_number

    assert (get_decimal_symbol("fr"), get_group_symbol("fr")) == (",", "\u202f")
    assert format_number(5.25) == format_decimal(5.25, locale="fr") == "5,25"
    assert f"{12345:,}".replace(",", "\u202f") == format_decimal(12345, locale="fr")
