"""A table over a list of domain objects, described by its columns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from scheduler.i18n import weekday

SORT_ROLE = Qt.ItemDataRole.UserRole
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    header: str  # English source text, translated in the model's context
    display: Callable[[Any], Any]
    sort: Callable[[Any], Any] | None = None
    tooltip: Callable[[Any], str] | None = None
    header_tip: str = ""
    align: Qt.AlignmentFlag | None = None


class ListTableModel(QAbstractTableModel):
    """Rows are items of a list; columns are :class:`Column` descriptions."""

    CONTEXT = "ListTableModel"
    COLUMNS: Sequence[Column] = ()

    def __init__(self, items: Sequence[Any] = (), parent=None) -> None:
        super().__init__(parent)
        self._items: list[Any] = list(items)

    def tr_(self, text: str) -> str:
        return QCoreApplication.translate(self.CONTEXT, text)

    def set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[Any]:
        return list(self._items)

    def item_at(self, row: int) -> Any:
        return self._items[row]

    def retranslate(self) -> None:
        """Headers and texts are read again in the new language."""
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt API)
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        column = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.tr_(column.header)
        if role == Qt.ItemDataRole.ToolTipRole and column.header_tip:
            return self.tr_(column.header_tip)
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items) \
                or not 0 <= index.column() < len(self.COLUMNS):
            return None
        item = self._items[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(item)
        if role == SORT_ROLE:
            return (column.sort or column.display)(item)
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        return None


class AgentDayGridModel(QAbstractTableModel):
    """Agents down, days of the horizon across: the shape of the roster and requests grids."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._agents: list = []
        self._days: list = []

    def retranslate(self) -> None:
        """Headers and texts are read again in the new language."""
        if self._days:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._days) - 1)
        if self._agents and self._days:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._agents) - 1, len(self._days) - 1))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._agents)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._days)

    def in_grid(self, index: QModelIndex) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._agents) and 0 <= index.column() < len(self._days)

    def day_tooltip(self, day) -> str:
        return day.isoformat()

    def agent_tooltip(self, agent) -> str | None:
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt API)
        """Days across (weekends shaded), agents down."""
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._days):
            day = self._days[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{weekday(day.weekday())}\n{day:%d/%m}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.day_tooltip(day)
            if role == Qt.ItemDataRole.BackgroundRole and day.weekday() >= 5:
                return QBrush(QColor("#eeeeee"))
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._agents):
            agent = self._agents[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{agent.id}  {agent.name}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.agent_tooltip(agent)
        return None
