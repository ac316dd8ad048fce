"""The application's one style sheet: every look of the windows (titles, error and warning lines,
notices, badges, the deadline banner's colours) lives here, applied once to the QApplication;
a widget takes a look by its role (``set_role(label, ERROR)``), never by a style sheet of its own.

Qt parses this sheet once; a widget given a role is styled when it is first shown, and one whose
role changes while shown is restyled alone (``set_role``), not its whole page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QDateTimeEdit, QWidget

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

_RULES = f"""
[role="{HOME_TITLE}"] {{ font-size: 18pt; font-weight: 600; }}
[role="{STEP_TITLE}"] {{ font-size: 16pt; font-weight: 600; }}
[role="{INCIDENT_HEADING}"] {{ font-size: 14pt; font-weight: 600; }}
[role="{STRONG}"] {{ font-weight: 600; }}
[role="{HELP}"] {{ color: #555; }}
[role="{ERROR}"] {{ color: #b00020; }}
[role="{WARNING}"] {{ color: #8a5300; background: #fff4e0; padding: 4px; border-radius: 3px; }}
[role="{UNDERSTOOD}"] {{ color: #33475b; }}
[role="{SUCCESS}"] {{ color: #0b5323; }}
[role="{ALERT}"] {{ color: #8c0010; font-weight: 600; }}
[role="{PROBLEM}"] {{ color: #8c0010; }}
[role="{CAUTION}"] {{ color: #7a4a00; }}
[role="{DISMISSED}"] {{ color: #555; font-style: italic; }}
[role="{DETAIL}"] {{ color: #444; }}
[role="{FINE_PRINT}"] {{ color: #666; font-size: 9pt; }}
[role="{MISSING}"] {{ color: #b00020; font-style: italic; }}
[role="{STEP_NOTICE}"] {{ background: #fde7e9; color: #8c0010; padding: 6px; border-radius: 4px;
    font-weight: 600; }}
[role="{TAMPER_WARNING}"] {{ background: #8c0010; color: white; padding: 6px; border-radius: 4px;
    font-weight: 600; }}
[role="{CONFIRMATION}"] {{ background: #e6f4ea; color: #0b5323; padding: 6px; border-radius: 4px; }}
[role="{NOTICE}"] {{ background: #fff4e0; color: #7a4a00; padding: 6px; border-radius: 4px; }}
QLabel[role="{RESULT_BOX}"] {{ background: #f3f6fa; border-radius: 6px; padding: 6px; }}
QFrame[role="{HELP_BOX}"], [role="{HELP_BOX}"] QFrame {{ background: #f3f6fa; border-radius: 6px; }}
[role="{BADGE_REQUIRED}"] {{ background: #8c0010; color: white; padding: 2px 6px; border-radius: 3px; }}
[role="{BADGE_RECOMMENDED}"] {{ background: #dde4ee; color: #1f3b73; padding: 2px 6px;
    border-radius: 3px; }}
[role="{BIG_BUTTON}"] {{ font-size: 12pt; padding: 8px 18px; }}
[role="{BIG_BUTTON_STRONG}"] {{ font-size: 12pt; padding: 8px 18px; font-weight: 600; }}
[role="{REFUSED}"], [role="{REFUSED}"] * {{ border: 2px solid #b00020; }}
#reminder-area {{ background: #fff4e0; border: 1px solid #d89b3a; border-radius: 4px; }}
#reminder-area QLabel {{ color: #5c3a00; }}
"""

_BANNER = "".join(
    f'\nDeadlineBanner[{URGENCY}="{name}"] {{ background: {background}; border-radius: 6px; }}'
    f'\nDeadlineBanner[{URGENCY}="{name}"] QLabel {{ color: {text}; }}'
    for name, (background, text) in URGENCY_COLOURS.items())

#: The whole sheet, as Qt reads it.
STYLE_SHEET = _RULES + _BANNER + "\n"


#: What the platform's style gives that a style sheet changes, measured before the sheet is set.
_PLATFORM: dict[str, int] = {}


def install(app: QApplication) -> None:
    """Give the application its style sheet (once: the sheet is parsed again at each call)."""
    if app.styleSheet() == STYLE_SHEET:
        return
    if not app.styleSheet():
        probe = QDateTimeEdit()
        probe.setCalendarPopup(True)
        _PLATFORM["spin_box_height"] = probe.sizeHint().height()
    app.setStyleSheet(STYLE_SHEET)


def keep_platform_height(spin_box: QAbstractSpinBox) -> None:
    """Keep a date field as tall as the platform's style makes it: under any application style
    sheet, Qt sizes a spin box's text without its margins (4 px shorter with Fusion), though
    the sheet has no rule for it."""
    height = _PLATFORM.get("spin_box_height")
    if height:
        spin_box.setMinimumHeight(height)


def set_role(widget: QWidget, role: str, prop: str = ROLE) -> None:
    """Give ``widget`` the look of ``role`` ('' for none: the platform's look); a widget already
    shown is restyled at once, with its children (a rule may style them by its role)."""
    if (widget.property(prop) or "") == role:
        return
    widget.setProperty(prop, role)
    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        for each in (widget, *widget.findChildren(QWidget)):
            each.style().unpolish(each)
            each.style().polish(each)
            # What Qt sends when a widget's style changes: a frame takes its new border and
            # padding, a label its new margins, the layout the new size.
            QApplication.sendEvent(each, QEvent(QEvent.Type.StyleChange))
