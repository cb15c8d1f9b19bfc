"""Calls and required agents per interval (QtCharts), for the Forecast page."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen


def _msecs(moment: datetime) -> float:
    return QDateTime(moment.date(), moment.time()).toMSecsSinceEpoch()


class StaffingChart(QChartView):
    def __init__(self, parent=None) -> None:
        self._chart = QChart()
        super().__init__(self._chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._chart.setMargins(QMargins(4, 4, 4, 4))
        self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignTop)
        self.calls = QLineSeries()
        self.required = QLineSeries()
        self.calls.setPen(QPen(QColor("#6fa8dc"), 2))
        self.required.setPen(QPen(QColor("#b00020"), 2))
        self._chart.addSeries(self.calls)
        self._chart.addSeries(self.required)
        self.x_axis = QDateTimeAxis()
        self.calls_axis = QValueAxis()
        self.agents_axis = QValueAxis()
        # "%.0f", not "%d": with localized numbers (see retranslate_ui) Qt Charts leaves "%d" labels blank
        self.calls_axis.setLabelFormat("%.0f")
        self.agents_axis.setLabelFormat("%.0f")
        self._chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        self._chart.addAxis(self.calls_axis, Qt.AlignmentFlag.AlignLeft)
        self._chart.addAxis(self.agents_axis, Qt.AlignmentFlag.AlignRight)
        for series, axis in ((self.calls, self.calls_axis), (self.required, self.agents_axis)):
            series.attachAxis(self.x_axis)
            series.attachAxis(axis)
        self.setMinimumHeight(220)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        # axis numbers and day names in the language's marks ("lun 05/01"); QChart keeps its own locale
        self._chart.setLocale(QLocale())
        self._chart.setLocalizeNumbers(True)
        self.calls.setName(self.tr("Calls per interval"))
        self.required.setName(self.tr("Agents required"))
        self.calls_axis.setTitleText(self.tr("Calls"))
        self.agents_axis.setTitleText(self.tr("Agents"))

    def set_rows(self, rows, week: bool) -> None:
        """``rows``: items with ``start``, ``calls``, ``required``, in time order."""
        self.calls.clear()
        self.required.clear()
        if not rows:
            return
        self.calls.replace([_point(r.start, r.calls) for r in rows])
        self.required.replace([_point(r.start, r.required) for r in rows])
        self.x_axis.setFormat("ddd dd/MM" if week else "HH:mm")
        self.x_axis.setTickCount(8 if week else 9)  # a tick a day, or every 3 hours
        first = QDateTime(rows[0].start.date(), rows[0].start.time())
        self.x_axis.setRange(first, first.addDays(7 if week else 1))
        top_calls = max(r.calls for r in rows)
        top_agents = max(r.required for r in rows)
        self.calls_axis.setRange(0, max(1.0, top_calls * 1.1))
        self.agents_axis.setRange(0, max(1.0, top_agents * 1.1))
        self.calls_axis.applyNiceNumbers()
        self.agents_axis.applyNiceNumbers()


def _point(start: datetime, value: float):
    from PySide6.QtCore import QPointF

    return QPointF(_msecs(start), float(value))
