"""The Qt binding must keep Python's reference counts right: PySide6 6.12.0 loses a reference to
None on every call of a method that returns nothing (under Python 3.11), and the app then
aborts after some thousands of widget calls ("deallocating None")."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem


def test_void_calls_do_not_lose_references_to_none(qapp):
    table = QTableWidget(1, 1)
    before = sys.getrefcount(None)
    for _ in range(1000):
        item = QTableWidgetItem("x")
        item.setData(Qt.ItemDataRole.UserRole, "r")
        table.setRowHidden(0, False)
    assert sys.getrefcount(None) - before > -50
