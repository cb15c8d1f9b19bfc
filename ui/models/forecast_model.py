"""The forecast of a day or a week, with the agents it requires."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt

from scheduler.i18n import number, weekday
from ui.models.base import Column, ListTableModel


@dataclass(frozen=True)
class ForecastRow:
    start: datetime
    calls: float
    aht_seconds: float
    required: int
    explicit: bool


class ForecastModel(ListTableModel):
    CONTEXT = "ForecastModel"
    RIGHT = Qt.AlignmentFlag.AlignRight
    COLUMNS = (
        Column("Interval", lambda r: f"{weekday(r.start.weekday())} {r.start:%d/%m %H:%M}", lambda r: r.start),
        Column("Calls", lambda r: number(r.calls, ",.1f"), lambda r: r.calls, align=RIGHT,
               header_tip="Contacts expected in the interval"),
        Column("AHT (s)", lambda r: number(r.aht_seconds, ",.0f"), lambda r: r.aht_seconds, align=RIGHT,
               header_tip="Average handling time of a call, in seconds"),
        Column("Agents required", lambda r: number(r.required, ","), lambda r: r.required, align=RIGHT,
               header_tip="Agents to schedule in the interval, shrinkage included"),
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() == 3 \
                and 0 <= index.row() < self.rowCount() and self.item_at(index.row()).explicit:
            return self.tr_("Fixed in the forecast file, not derived from calls")
        return super().data(index, role)
