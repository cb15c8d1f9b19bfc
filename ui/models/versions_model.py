"""Roster versions and their approval history."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from ui.models.base import Column, ListTableModel


def _t(text: str) -> str:
    return QCoreApplication.translate("VersionsModel", text)


def status_name(status) -> str:
    value = getattr(status, "value", status)
    return {"draft": _t("draft"), "submitted": _t("submitted"), "approved": _t("approved"),
            "rejected": _t("rejected")}.get(value, value)


STATUS_COLOURS = {"draft": "#fff2cc", "submitted": "#dae8fc", "approved": "#d5e8d4", "rejected": "#f8cecc"}


def _local(moment) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class VersionsModel(ListTableModel):
    CONTEXT = "VersionsModel"
    COLUMNS = (
        Column("Version", lambda v: v.number, align=Qt.AlignmentFlag.AlignRight),
        Column("Status", lambda v: status_name(v.status), lambda v: v.status.value),
        Column("Created", lambda v: _local(v.created_at), lambda v: v.created_at),
        Column("Author", lambda v: v.author),
        Column("Shifts", lambda v: len(v.roster.shifts), align=Qt.AlignmentFlag.AlignRight),
        Column("Comment", lambda v: v.comment),
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and index.column() == 1 \
                and 0 <= index.row() < self.rowCount():
            return QColor(STATUS_COLOURS.get(self.item_at(index.row()).status.value, "#ffffff"))
        return super().data(index, role)


class EventsModel(ListTableModel):
    CONTEXT = "VersionsModel"
    COLUMNS = (
        Column("Version", lambda e: e.number, align=Qt.AlignmentFlag.AlignRight),
        Column("Status", lambda e: status_name(e.status), lambda e: e.status.value),
        Column("When", lambda e: _local(e.at), lambda e: e.at),
        Column("By", lambda e: e.by),
        Column("Comment", lambda e: e.comment),
    )
