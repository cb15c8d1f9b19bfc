"""Required agents against agents on the phone, interval by interval, under the Gantt.

Shares the Gantt's :class:`TimeAxis`, so 09:15 is at the same x in both.
Red where the roster is short; the green line is the predicted service level
(right axis). Click an interval to ask why it is short.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from scheduler.i18n import number
from ui.widgets.time_axis import TimeAxis


class CoverageChart(QWidget):
    slot_clicked = Signal(int)  # index into the slots given to set_data

    TOP, BOTTOM = 18, 20

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.axis = TimeAxis()
        self._slot_minutes = 15
        self._required: list[int] = []
        self._on_duty: list[float] = []
        self._service: list[float | None] = []
        self._target = 0.8
        self._labels: list[str] = []
        self._selected: int | None = None
        self.setMouseTracking(True)
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(600, 190)

    def set_data(self, axis: TimeAxis, slot_minutes: int, required, on_duty, service, target: float,
                 labels: list[str]) -> None:
        self.axis = axis
        self._slot_minutes = slot_minutes
        self._required, self._on_duty = list(required), list(on_duty)
        self._service, self._target, self._labels = list(service), target, list(labels)
        self._selected = None
        self.update()

    def select_slot(self, index: int | None) -> None:
        self._selected = index
        self.update()

    def _plot(self) -> QRectF:
        return QRectF(self.axis.left, self.TOP, max(1, self.width() - self.axis.left - self.axis.right),
                      max(1, self.height() - self.TOP - self.BOTTOM))

    def _scale(self) -> float:
        top = max([1.0, *self._required, *self._on_duty])
        return top * 1.15

    def _x(self, index: int) -> float:
        return self.axis.x(index * self._slot_minutes, self.width())

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        plot = self._plot()
        if not self._required:
            painter.setPen(QColor("#666666"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("Coverage appears here once there is a roster."))
            painter.end()
            return
        top = self._scale()

        def y(value: float) -> float:
            return plot.bottom() - value / top * plot.height()

        # axes and grid
        painter.setPen(QPen(QColor("#e6e6e6"), 1))
        step = max(1, int(top / 4))
        for value in range(0, int(top) + 1, step):
            painter.drawLine(QPointF(plot.left(), y(value)), QPointF(plot.right(), y(value)))
            painter.setPen(QColor("#555555"))
            painter.drawText(QRectF(plot.left() - 40, y(value) - 8, 34, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, number(value, ","))
            painter.setPen(QPen(QColor("#e6e6e6"), 1))
        n = len(self._required)
        # shortage shading and on-duty area
        for i in range(n):
            x0, x1 = self._x(i), self._x(i + 1)
            duty, need = self._on_duty[i], self._required[i]
            painter.fillRect(QRectF(x0, y(duty), x1 - x0, plot.bottom() - y(duty)), QColor("#9fc5e8"))
            if duty + 1e-9 < need:
                painter.fillRect(QRectF(x0, y(need), x1 - x0, y(duty) - y(need)), QColor(230, 80, 80, 150))
        if self._selected is not None and 0 <= self._selected < n:
            x0, x1 = self._x(self._selected), self._x(self._selected + 1)
            painter.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), QColor(26, 115, 232, 50))
        # required as a step line
        path = QPainterPath(QPointF(self._x(0), y(self._required[0])))
        for i, need in enumerate(self._required):
            path.lineTo(self._x(i), y(need))
            path.lineTo(self._x(i + 1), y(need))
        painter.setPen(QPen(QColor("#b00020"), 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        # predicted service level (right axis, 0–100 %)
        def sy(level: float) -> float:
            return plot.bottom() - level * plot.height()
        painter.setPen(QPen(QColor("#38761d"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(plot.left(), sy(self._target)), QPointF(plot.right(), sy(self._target)))
        sl_path = QPainterPath()
        started = False
        for i, level in enumerate(self._service):
            if level is None:
                started = False
                continue
            point = QPointF((self._x(i) + self._x(i + 1)) / 2, sy(level))
            if started:
                sl_path.lineTo(point)
            else:
                sl_path.moveTo(point)
                started = True
        painter.setPen(QPen(QColor("#38761d"), 1.6))
        painter.drawPath(sl_path)
        painter.setPen(QColor("#38761d"))
        for level in (0.0, 0.5, 1.0):
            painter.drawText(QRectF(plot.right() + 2, sy(level) - 8, 40, 16),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, number(level, ".0%"))
        # time labels
        painter.setPen(QColor("#333333"))
        tick = self.axis.tick_step(self.width())
        per_tick = max(1, tick // self._slot_minutes)
        for i in range(0, n + 1, per_tick):
            x = self._x(i)
            label = self._labels[i] if i < len(self._labels) else ""
            painter.drawText(QRectF(x - 24, plot.bottom() + 2, 48, self.BOTTOM - 2), Qt.AlignmentFlag.AlignCenter,
                             label)
        # legend
        self._legend(painter, plot)
        painter.end()

    def _legend(self, painter: QPainter, plot: QRectF) -> None:
        items = ((QColor("#b00020"), self.tr("Required")), (QColor("#9fc5e8"), self.tr("On the phone")),
                 (QColor(230, 80, 80), self.tr("Short")), (QColor("#38761d"), self.tr("Predicted service level")))
        x = plot.left()
        metrics = painter.fontMetrics()
        for colour, text in items:
            painter.fillRect(QRectF(x, 4, 10, 10), colour)
            painter.setPen(QColor("#333333"))
            painter.drawText(QPointF(x + 14, 13), text)
            x += 28 + metrics.horizontalAdvance(text)
        painter.setPen(QColor("#555555"))
        painter.drawText(QRectF(4, 0, self.axis.left - 48, self.TOP + 16),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.tr("Agents"))

    def _index_at(self, x: float) -> int | None:
        if not self._required:
            return None
        minute = self.axis.minute_at(x, self.width())
        index = int(minute // self._slot_minutes)
        return index if 0 <= index < len(self._required) else None

    def tooltip_for(self, index: int) -> str:
        label = self._labels[index] if index < len(self._labels) else ""
        end = self._labels[index + 1] if index + 1 < len(self._labels) else ""
        text = self.tr("{0}–{1}: {2} required, {3} on the phone").format(
            label, end, self._required[index], number(self._on_duty[index], ".1f"))
        level = self._service[index] if index < len(self._service) else None
        if level is not None:
            text += "\n" + self.tr("Predicted service level {0}").format(number(level, ".0%"))
        return text + "\n" + self.tr("Click to see why")

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        index = self._index_at(event.position().x())
        if index is None:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_for(index), self)

    def mousePressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        index = self._index_at(event.position().x())
        if index is not None:
            self.select_slot(index)
            self.slot_clicked.emit(index)
