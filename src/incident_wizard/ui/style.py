"""The windows' one style sheet: every look (titles, error and warning lines, notices, badges, the
deadline banner's colours) lives here, by role; a widget takes a look by its role
(``set_role(label, ERROR)``), never by style rules written elsewhere.

Each widget given a role carries that role's rules only (``sheet``), not the whole sheet: with
an application-wide sheet, Qt's style-sheet engine polishes every widget of a window, and an
incident page took 20-25 ms more to open (measured with ``benchmarks/style_sheets.py``); the
widgets without a role keep the platform's style. A widget whose role changes is restyled
alone, with its children."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

#: The dynamic property the sheet's rules select on (``[role="error"]``).
ROLE = "role"

# --- roles (each one rule below) -------------------------------------------------------------
HOME_TITLE = "home-title"
STEP_TITLE = "step-title"
INCIDENT_HEADING = "incident-heading"
#: A field's or a section's label.
STRONG = "strong"
HELP = "help"
#: Something refused or wrong, said under a field or in a status line.
ERROR = "error"
#: A value kept but worth a second look (a possible patient identifier, a time not given).
WARNING = "warning"
#: A date or time read back as understood.
UNDERSTOOD = "understood"
#: Done, recorded, in time.
SUCCESS = "success"
#: Late or outdated: to act on now.
ALERT = "alert"
#: Impossible here (an incident altered outside the app).
PROBLEM = "problem"
#: Still to do.
CAUTION = "caution"
#: Set aside with a reason.
DISMISSED = "dismissed"
DETAIL = "detail"
FINE_PRINT = "fine-print"
#: A value a document needs and does not have.
MISSING = "missing"
#: A warning about a step's facts (late awareness).
STEP_NOTICE = "step-notice"
#: The incident was altered outside the app.
TAMPER_WARNING = "tamper-warning"
#: What the last act recorded.
CONFIRMATION = "confirmation"
#: Something to know before going on (a sample shown, the yearly review due).
NOTICE = "notice"
#: The risk evaluation's result.
RESULT_BOX = "result-box"
#: A step's help and sources.
HELP_BOX = "help-box"
BADGE_REQUIRED = "badge-required"
BADGE_RECOMMENDED = "badge-recommended"
#: The home page's main buttons.
BIG_BUTTON = "big-button"
BIG_BUTTON_STRONG = "big-button-strong"
#: An input whose value on screen was refused (not stored).
REFUSED = "refused"
#: The reminders kept in the window until acknowledged.
REMINDER_AREA = "reminder-area"

#: The deadline banner's property its colours follow (a key of URGENCY_COLOURS).
URGENCY = "urgency"
#: The colours of a deadline as it nears (background, text): the banner, the home list.
URGENCY_COLOURS: dict[str, tuple[str, str]] = {
    "calm": ("#e6f4ea", "#0b5323"),
    "soon": ("#fff4e0", "#7a4a00"),
    "urgent": ("#fde7e9", "#8c0010"),
    "late": ("#fde7e9", "#8c0010"),
    "done": ("#e8eef8", "#1f3b73"),
    "unknown": ("#eeeeee", "#333333"),
}

#: Each look, by role, in Qt's style-sheet syntax; "&" stands for the widget given the role
#: (its rules may also style its children: a help box's frames, a refused field's parts).
LOOKS: dict[str, str] = {
    HOME_TITLE: "& { font-size: 18pt; font-weight: 600; }",
    STEP_TITLE: "& { font-size: 16pt; font-weight: 600; }",
    INCIDENT_HEADING: "& { font-size: 14pt; font-weight: 600; }",
    STRONG: "& { font-weight: 600; }",
    HELP: "& { color: #555; }",
    ERROR: "& { color: #b00020; }",
    WARNING: "& { color: #8a5300; background: #fff4e0; padding: 4px; border-radius: 3px; }",
    UNDERSTOOD: "& { color: #33475b; }",
    SUCCESS: "& { color: #0b5323; }",
    ALERT: "& { color: #8c0010; font-weight: 600; }",
    PROBLEM: "& { color: #8c0010; }",
    CAUTION: "& { color: #7a4a00; }",
    DISMISSED: "& { color: #555; font-style: italic; }",
    DETAIL: "& { color: #444; }",
    FINE_PRINT: "& { color: #666; font-size: 9pt; }",
    MISSING: "& { color: #b00020; font-style: italic; }",
    STEP_NOTICE: "& { background: #fde7e9; color: #8c0010; padding: 6px; border-radius: 4px; "
                 "font-weight: 600; }",
    TAMPER_WARNING: "& { background: #8c0010; color: white; padding: 6px; border-radius: 4px; "
                    "font-weight: 600; }",
    CONFIRMATION: "& { background: #e6f4ea; color: #0b5323; padding: 6px; border-radius: 4px; }",
    NOTICE: "& { background: #fff4e0; color: #7a4a00; padding: 6px; border-radius: 4px; }",
    RESULT_BOX: "QLabel& { background: #f3f6fa; border-radius: 6px; padding: 6px; }",
    HELP_BOX: "QFrame&, & QFrame { background: #f3f6fa; border-radius: 6px; }",
    BADGE_REQUIRED: "& { background: #8c0010; color: white; padding: 2px 6px; border-radius: 3px; }",
    BADGE_RECOMMENDED: "& { background: #dde4ee; color: #1f3b73; padding: 2px 6px; border-radius: 3px; }",
    BIG_BUTTON: "& { font-size: 12pt; padding: 8px 18px; }",
    BIG_BUTTON_STRONG: "& { font-size: 12pt; padding: 8px 18px; font-weight: 600; }",
    REFUSED: "&, & * { border: 2px solid #b00020; }",
    REMINDER_AREA: "& { background: #fff4e0; border: 1px solid #d89b3a; border-radius: 4px; } "
                   "& QLabel { color: #5c3a00; }",
}

#: The deadline banner's looks, by urgency (its URGENCY property).
BANNER_LOOKS: dict[str, str] = {
    name: f"DeadlineBanner& {{ background: {background}; border-radius: 6px; }} & QLabel {{ color: {text}; }}"
    for name, (background, text) in URGENCY_COLOURS.items()}

_SHEETS: dict[tuple[str, str], str] = {}


def sheet(role: str, prop: str = ROLE) -> str:
    """The style sheet a widget whose ``prop`` is ``role`` is given (its look, its rules
    selecting on that property: they apply to the widget, and to its children only where the
    look names them)."""
    key = (prop, role)
    text = _SHEETS.get(key)
    if text is None:
        looks = BANNER_LOOKS if prop == URGENCY else LOOKS
        text = _SHEETS[key] = looks[role].replace("&", f'[{prop}="{role}"]')
    return text


#: Every look, as one sheet: what set_role applies, role by role (benchmarks/style_sheets.py
#: sets it on the application to measure that way).
STYLE_SHEET = "\n".join(sheet(role) for role in LOOKS) + "\n" + "\n".join(
    sheet(name, URGENCY) for name in BANNER_LOOKS) + "\n"


def set_role(widget: QWidget, role: str, prop: str = ROLE) -> None:
    """Give ``widget`` the look of ``role`` ('' for none: the platform's look), from LOOKS (or,
    for ``prop`` URGENCY, BANNER_LOOKS): its sheet holds that look's rules only, so that Qt's
    style-sheet engine styles this widget and its children, never the rest of the window (an
    application-wide sheet made every widget of a page go through it: 20-25 ms more to open an
    incident page). A widget already shown is restyled at once, with its children."""
    if (widget.property(prop) or "") == role:
        return
    widget.setProperty(prop, role)
    widget.setStyleSheet(sheet(role, prop) if role else "")
