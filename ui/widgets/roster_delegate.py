"""Paints a roster cell: family colour, text, a red frame when a rule is broken, a padlock when locked."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from ui.models.roster_model import LOCKED_ROLE, VIOLATIONS_ROLE


class RosterDelegate(QStyledItemDelegate):
    def paint(self, painter, option, index) -> None:  # noqa: D102 (Qt API)
        painter.save()
        rect = option.rect
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        painter.fillRect(rect, background if background is not None else QBrush(QColor("#ffffff")))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        broken = bool(index.data(VIOLATIONS_ROLE))
        painter.setPen(QColor("#b00020") if broken else QColor("#222222"))
        font = option.font
        font.setBold(broken)
        painter.setFont(font)
        painter.drawText(rect.adjusted(2, 0, -2, 0), Qt.AlignmentFlag.AlignCenter, index.data() or "")
        if broken:
            painter.setPen(QPen(QColor("#b00020"), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(rect).adjusted(1, 1, -1, -1))
        if selected:
            painter.setPen(QPen(QColor("#1a73e8"), 2))
            painter.setBrush(QColor(26, 115, 232, 40))
            painter.drawRect(QRectF(rect).adjusted(1, 1, -1, -1))
        if index.data(LOCKED_ROLE):
            x, y = rect.right() - 10, rect.top() + 2
            painter.setPen(QPen(QColor("#333333"), 1.1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawArc(QRectF(x + 1.5, y, 5, 6), 0, 180 * 16)
            painter.setBrush(QBrush(QColor("#333333")))
            painter.drawRect(QRectF(x, y + 3.5, 8, 5.5))
        painter.restore()
