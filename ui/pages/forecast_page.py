"""Forecast & staffing: calls, handling time and the agents they require, live."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scheduler.domain import Forecast, StaffingParams
from scheduler.i18n import number, weekday
from scheduler.staffing.requirements import required_per_interval
from ui import notify
from ui.dates import moment_label
from ui.models.forecast_model import ForecastModel, ForecastRow
from ui.pages.base import Page, table_view
from ui.widgets.staffing_chart import StaffingChart


def _spin(low: float, high: float, step: float, suffix: str, decimals: int = 0) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    box.setKeyboardTracking(False)
    return box


class ForecastPage(Page):
    WATCHES = frozenset({"forecast", "staffing", "site"})

    def __init__(self, document, parent=None) -> None:
        super().__init__(document, parent)
        self._loading = False
        self.model = ForecastModel(parent=self)
        layout = QHBoxLayout(self)

        # parameters -------------------------------------------------------------------
        left = QVBoxLayout()
        self.params_box = QGroupBox()
        form = QFormLayout(self.params_box)
        self.service_level = _spin(1, 99, 1, " %")
        self.target_seconds = _spin(1, 600, 5, " s")
        self.aht_override = QCheckBox()
        self.aht_seconds = _spin(10, 3600, 10, " s")
        self.aht_seconds.setValue(300)
        self.aht_seconds.setEnabled(False)
        self.shrinkage = _spin(0, 95, 1, " %")
        self.max_occupancy = _spin(1, 100, 1, " %")
        self.min_agents = QSpinBox()
        self.min_agents.setRange(0, 500)
        self.min_agents.setKeyboardTracking(False)
        self.labels = [QLabel() for _ in range(6)]
        rows = (self.service_level, self.target_seconds, self.aht_override, self.aht_seconds,
                self.shrinkage, self.max_occupancy, self.min_agents)
        form.addRow(self.labels[0], self.service_level)
        form.addRow(self.labels[1], self.target_seconds)
        form.addRow(self.aht_override)
        form.addRow(self.labels[2], self.aht_seconds)
        form.addRow(self.labels[3], self.shrinkage)
        form.addRow(self.labels[4], self.max_occupancy)
        form.addRow(self.labels[5], self.min_agents)
        self.apply_aht = QPushButton()
        self.apply_aht.setEnabled(False)
        form.addRow(self.apply_aht)
        for box in (self.service_level, self.target_seconds, self.shrinkage, self.max_occupancy):
            box.valueChanged.connect(self._params_changed)
        self.min_agents.valueChanged.connect(self._params_changed)
        self.aht_override.toggled.connect(self._aht_toggled)
        self.aht_seconds.valueChanged.connect(lambda _v: self.recompute())
        self.apply_aht.clicked.connect(self.apply_aht_to_forecast)
        left.addWidget(self.params_box)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        left.addWidget(self.summary)
        left.addStretch(1)
        left_widget = QWidget()
        left_widget.setLayout(left)
        left_widget.setMaximumWidth(360)
        layout.addWidget(left_widget)
        del rows

        # view -------------------------------------------------------------------------
        right = QVBoxLayout()
        bar = QHBoxLayout()
        self.day_label = QLabel()
        self.day = QComboBox()
        self.day.currentIndexChanged.connect(lambda _i: self.recompute())
        self.show_day, self.show_week = QRadioButton(), QRadioButton()
        self.show_day.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.show_day)
        group.addButton(self.show_week)
        self.show_day.toggled.connect(lambda _c: self.recompute())
        bar.addWidget(self.day_label)
        bar.addWidget(self.day)
        bar.addWidget(self.show_day)
        bar.addWidget(self.show_week)
        bar.addStretch(1)
        right.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.chart = StaffingChart()
        splitter.addWidget(self.chart)
        self.view, _ = table_view(self.model, stretch_last=False)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        right.addWidget(splitter, 1)
        layout.addLayout(right, 1)
        self.retranslate_ui()
        self.refresh()

    def title(self) -> str:
        return self.tr("Forecast && staffing")

    def retranslate_ui(self) -> None:
        self.params_box.setTitle(self.tr("Service goal"))
        texts = (
            (self.tr("Service level"), self.tr("Share of calls to answer within the target time")),
            (self.tr("Answered within"), self.tr("The target answer time of the service level (e.g. 80 % in 20 s)")),
            (self.tr("AHT for all intervals"), self.tr("Average handling time used instead of the forecast's")),
            (self.tr("Shrinkage"), self.tr("Paid time not on the phone: breaks, training, absence. Required agents "
                                           "are raised by this share")),
            (self.tr("Maximum occupancy"), self.tr("Agents should not be busy more than this share of the time")),
            (self.tr("Minimum agents"), self.tr("Never fewer agents on duty than this, even at night")),
        )
        widgets = (self.service_level, self.target_seconds, self.aht_seconds, self.shrinkage,
                   self.max_occupancy, self.min_agents)
        for label, widget, (text, tip) in zip(self.labels, widgets, texts):
            label.setText(text)
            label.setToolTip(tip)
            widget.setToolTip(tip)
        self.aht_override.setText(self.tr("Try another handling time (AHT)"))
        self.aht_override.setToolTip(self.tr("See what a different average handling time would require; "
                                             "the forecast is not changed until you apply it"))
        self.apply_aht.setText(self.tr("Use this AHT in the forecast"))
        self.day_label.setText(self.tr("Show"))
        self.show_day.setText(self.tr("Day"))
        self.show_week.setText(self.tr("Week"))
        self.chart.retranslate_ui()
        self.model.retranslate()
        self._fill_days()
        self.recompute()

    # -- data ------------------------------------------------------------------------
    def refresh(self, what: str = "project") -> None:
        project = self.document.project
        self.setEnabled(project is not None)
        if project is None:
            self.model.set_items([])
            self.chart.set_rows([], False)
            return
        self._loading = True
        s = project.staffing
        self.service_level.setValue(s.service_level * 100)
        self.target_seconds.setValue(s.target_seconds)
        self.shrinkage.setValue(s.shrinkage * 100)
        self.max_occupancy.setValue(s.max_occupancy * 100)
        self.min_agents.setValue(s.min_agents)
        self._loading = False
        if what in ("project", "site"):
            self._fill_days()
        self.recompute()

    def _fill_days(self) -> None:
        project = self.document.project
        current = self.day.currentIndex()
        self.day.blockSignals(True)
        self.day.clear()
        if project is not None:
            for day in project.horizon.dates():
                self.day.addItem(f"{weekday(day.weekday())} {day:%d/%m/%Y}", day)
            self.day.setCurrentIndex(max(0, min(current, self.day.count() - 1)))
        self.day.blockSignals(False)

    def staffing_from_form(self) -> StaffingParams:
        return replace(self.document.project.staffing,
                       service_level=self.service_level.value() / 100,
                       target_seconds=self.target_seconds.value(),
                       shrinkage=self.shrinkage.value() / 100,
                       max_occupancy=self.max_occupancy.value() / 100,
                       min_agents=self.min_agents.value())

    def _forecast(self) -> Forecast:
        forecast = self.document.project.forecast
        if self.aht_override.isChecked():
            aht = self.aht_seconds.value()
            forecast = replace(forecast, intervals=tuple(replace(i, aht_seconds=aht) for i in forecast.intervals))
        return forecast

    def _params_changed(self, *_args) -> None:
        if self._loading or self.document.project is None:
            return
        try:
            staffing = self.staffing_from_form()
        except ValueError as error:
            notify.error(self, self.tr("Service goal"), error)
            return
        self.document.apply(replace(self.document.project, staffing=staffing),
                            self.tr("Change the service goal"), "staffing",
                            merge=self.document.MERGE_STAFFING)

    def _aht_toggled(self, on: bool) -> None:
        self.aht_seconds.setEnabled(on)
        self.apply_aht.setEnabled(on)
        self.recompute()

    def apply_aht_to_forecast(self) -> None:
        project = self.document.project
        if project is None:
            return
        self.document.apply(replace(project, forecast=self._forecast()),
                            self.tr("Use AHT {0} s in the forecast").format(number(self.aht_seconds.value(), ",.0f")),
                            "forecast")
        self.aht_override.setChecked(False)

    def rows(self) -> list[ForecastRow]:
        """The intervals shown, with the agents they require under the current goal."""
        project = self.document.project
        day = self.day.currentData()
        if project is None or day is None:
            return []
        forecast = self._forecast()
        try:
            staffing = self.staffing_from_form()
        except ValueError:
            staffing = project.staffing
        first = day - timedelta(days=day.weekday()) if self.show_week.isChecked() else day
        days = 7 if self.show_week.isChecked() else 1
        wanted = [i for i in forecast.intervals if 0 <= (i.start.date() - first).days < days]
        required = required_per_interval(replace(forecast, intervals=tuple(wanted)), staffing)
        return [ForecastRow(i.start, i.calls, i.aht_seconds, required.get(i.start, staffing.min_agents),
                            i.required_agents is not None) for i in wanted]

    def recompute(self) -> None:
        if self.document.project is None:
            return
        rows = self.rows()
        self.model.set_items(rows)
        self.chart.set_rows(rows, self.show_week.isChecked())
        if self.view.model().columnCount():
            self.view.resizeColumnsToContents()
        if not rows:
            self.summary.setText(self.tr("No forecast for these days: every interval needs the minimum staff."))
            return
        peak = max(rows, key=lambda r: r.required)
        minutes = self.document.project.forecast.interval_minutes
        hours = sum(r.required for r in rows) * minutes / 60
        calls = sum(r.calls for r in rows)
        self.summary.setText(self.tr("{0} calls. Peak: {1} agents at {2}. {3} agent-hours to "
                                     "schedule.").format(number(calls, ",.0f"), number(peak.required, ","),
                                                         moment_label(peak.start), number(hours, ",.0f")))
