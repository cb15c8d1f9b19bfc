"""Broken rules, short intervals and solver penalties, in one list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from ui.models.base import Column, ListTableModel


def _t(text: str) -> str:
    return QCoreApplication.translate("IssuesModel", text)


@dataclass(frozen=True)
class Issue:
    kind: str  # "rule", "short", "penalty"
    when: str
    who: str
    text: str
    agent_id: str | None = None
    day: date | None = None
    slot: int | None = None
    rule: str = ""


KIND_COLOURS = {"rule": "#f8cecc", "short": "#fde9d4", "penalty": "#fff2cc"}


def kind_name(kind: str) -> str:
    return {"rule": _t("Broken rule"), "short": _t("Short"), "penalty": _t("Compromise")}.get(kind, kind)


class IssuesModel(ListTableModel):
    CONTEXT = "IssuesModel"
    COLUMNS = (
        Column("What", lambda i: kind_name(i.kind), lambda i: i.kind),
        Column("When", lambda i: i.when),
        Column("Details", lambda i: i.text, tooltip=lambda i: i.text),
    )

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and index.column() == 0 \
                and 0 <= index.row() < self.rowCount():
            return QColor(KIND_COLOURS.get(self.item_at(index.row()).kind, "#ffffff"))
        return super().data(index, role)
