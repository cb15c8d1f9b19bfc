"""What every page shares: the document, live retranslation, refresh on change."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.document import ProjectDocument
from ui.models.base import SORT_ROLE


class Page(QWidget):
    """A tab of the main window."""

    #: which document changes make this page refresh
    WATCHES: frozenset[str] = frozenset({"project"})

    def __init__(self, document: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        document.changed.connect(self._on_changed)

    def title(self) -> str:  # pragma: no cover — each page names itself
        return ""

    def _on_changed(self, what: str) -> None:
        if what == "project" or what in self.WATCHES:
            self.refresh(what)

    def refresh(self, what: str = "project") -> None:
        """Read the document again."""

    def retranslate_ui(self) -> None:
        """Set every visible text again (after a language change)."""

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


def table_view(model, *, sortable: bool = False, stretch_last: bool = True) -> tuple[QTableView, QSortFilterProxyModel]:
    """A read-only, row-selecting table over ``model`` behind a sort/filter proxy."""
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(-1)
    view = QTableView()
    view.setModel(proxy)
    proxy.setParent(view)
    view.setSortingEnabled(sortable)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(stretch_last)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view, proxy


def selected_rows(view: QTableView) -> list[int]:
    """Source-model rows selected in ``view`` (through its proxy)."""
    proxy = view.model()
    rows = {proxy.mapToSource(index).row() for index in view.selectionModel().selectedRows()}
    return sorted(rows)
