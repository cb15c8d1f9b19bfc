"""``turnos``: start the desktop app."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ui import i18n, notify, settings
from ui.actions.project_actions import sample_copy


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv if argv is None else argv
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("Turnos")
    app.setApplicationName("Turnos")
    notify.setup_logging()
    i18n.set_language(settings.language())
    from ui.main_window import MainWindow  # after the language is set: first texts already translated

    window = MainWindow()
    target = Path(argv[1]) if len(argv) > 1 else None
    if target is None:
        recent = [p for p in settings.recent_files() if p.exists()]
        target = recent[0] if recent else (None if settings.has_opened_before() else sample_copy())
    if target is not None:
        window.open_project(target)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
