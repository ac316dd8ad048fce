"""The deadline banner (always visible on an open incident) and the 72-hour picture."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from ..domain import clock, obligations
from . import style

if TYPE_CHECKING:  # the banner only reads a session it is given
    from ..application.session import IncidentSession


def banner_state(session: IncidentSession) -> tuple[str, str]:
    """The banner's sentence(s) and urgency for the session's incident at its 'now', from the
    incident's view: the 72 hours (from the earliest of awareness and the processor's report),
    a flag when the awareness was typed after the processor's report, and the other deadlines
    still to meet. The urgency, a key of style.URGENCY_COLOURS, is the tightest of them: "calm",
    "soon", "urgent", "late", "done" (notified, or no notification due) or "unknown" (no
    awareness dated)."""
    view, now = session.view, session.now()
    state = view.status_at(now)
    lines = view.deadline_lines(now)
    if state is None:
        return "\n".join(lines), "unknown"
    urgency = clock.urgency(state) if view.clock_applies else "done"
    if view.late_awareness:
        lines.insert(1, view.late_awareness)
    for deadline in view.deadlines:
        if deadline.kind == obligations.CNIL:
            continue
        tighter = clock.urgency(clock.DeadlineStatus(state.awareness, deadline.due, now, None))
        if tighter in ("late", "urgent") or (tighter == "soon" and urgency in ("calm", "done")):
            urgency = tighter
    return "\n".join(lines), urgency


class DeadlineBanner(QFrame):
    """'Il reste 41 h 12 min pour notifier la CNIL (échéance : lundi 26 octobre 2026 à 09 h 00)',
    in the colours of its urgency (the property ``urgency``)."""

    def __init__(self, session: IncidentSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel()
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.label.setFont(font)
        self.label.setAccessibleName(self.tr("Délai de notification"))
        layout.addWidget(self.label, 1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(20_000)
        self.refresh()

    def refresh(self) -> None:
        text, urgency = banner_state(self.session)
        self.label.setText(text)
        style.set_role(self, urgency, prop=style.URGENCY)


class DeadlinePicture(QWidget):
    """A bar from the start of the 72 hours to the deadline in force (the view's: the earliest of
    awareness and the processor's report) and beyond if late, with the journal's actions."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.awareness: datetime | None = None
        self.deadline: datetime | None = None
        self.now: datetime | None = None
        self.marks: list[tuple[datetime, str]] = []
        self.notified_at: datetime | None = None

    def set_data(self, start: datetime | None, deadline: datetime | None, now: datetime,
                 notified_at: datetime | None, marks: list[tuple[datetime, str]]) -> None:
        """``start`` and ``deadline``: the view's clock start and notification deadline."""
        self.awareness, self.deadline, self.now = start, deadline, now
        self.notified_at, self.marks = notified_at, marks
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = self.width(), self.height()
        if self.awareness is None:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("La frise apparaîtra une fois la prise de connaissance datée."))
            return
        if self.deadline is None:  # a decision "register only": no deadline to meet
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("Inscription au registre uniquement : aucune échéance de "
                                     "notification à la CNIL."))
            return
        deadline = self.deadline
        end = max([deadline] + [t for t, _ in self.marks])
        show_now = self.now is not None and self.now <= end + timedelta(hours=12)
        if show_now:
            end = max(end, self.now)
        start = min([self.awareness] + [t for t, _ in self.marks])
        span = max((end - start).total_seconds(), 1.0)
        left, right = 20.0, width - 20.0
        y = height / 2

        def x_of(t: datetime) -> float:
            return left + (right - left) * (t - start).total_seconds() / span

        def label_box(x: float, y_top: float, w: float = 120) -> QRectF:
            """A label box centred on x but kept inside the widget."""
            return QRectF(min(max(x - w / 2, 0), width - w), y_top, w, 16)

        bar = QRectF(x_of(self.awareness), y - 8, x_of(deadline) - x_of(self.awareness), 16)
        painter.fillRect(bar, QColor("#cfe8d6"))
        if end > deadline:
            painter.fillRect(QRectF(x_of(deadline), y - 8, x_of(end) - x_of(deadline), 16),
                             QColor("#f7c9cf"))
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        painter.setFont(small)
        painter.setPen(QPen(QColor("#333333"), 1))
        for hours in range(0, 73, 24):
            x = x_of(self.awareness + timedelta(hours=hours))
            painter.drawLine(int(x), int(y + 8), int(x), int(y + 14))
            painter.drawText(QRectF(x - 40, y + 14, 80, 16), Qt.AlignmentFlag.AlignCenter,
                             f"{hours} h")
        painter.setPen(QPen(QColor("#8c0010"), 2))
        painter.drawLine(int(x_of(deadline)), int(y - 22), int(x_of(deadline)), int(y + 8))
        painter.drawText(label_box(x_of(deadline), y - 40), Qt.AlignmentFlag.AlignCenter,
                         self.tr("échéance 72 h"))
        painter.setPen(QPen(QColor("#1f3b73"), 1))
        for t, _label in self.marks:
            x = x_of(t)
            painter.drawEllipse(QRectF(x - 3, y - 3, 6, 6))
        if self.notified_at is not None:
            painter.setPen(QPen(QColor("#1f3b73"), 3))
            x = x_of(self.notified_at)
            painter.drawLine(int(x), int(y - 14), int(x), int(y + 14))
            painter.drawText(label_box(x, y + 30), Qt.AlignmentFlag.AlignCenter,
                             self.tr("notification CNIL"))
        if show_now:
            painter.setPen(QPen(QColor("#000000"), 1, Qt.PenStyle.DashLine))
            x = x_of(self.now)
            painter.drawLine(int(x), int(y - 26), int(x), int(y + 26))
            painter.drawText(label_box(x, 2, 80), Qt.AlignmentFlag.AlignCenter, self.tr("maintenant"))
        painter.end()
