"""``turnos``: start the desktop app."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "demo.turnos"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv if argv is None else argv
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("Turnos")
    app.setApplicationName("Turnos")
    window = MainWindow()
    target = Path(argv[1]) if len(argv) > 1 else SAMPLE
    if target.exists():
        window.open_project(target)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
