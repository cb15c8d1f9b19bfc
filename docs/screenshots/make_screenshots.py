"""Screenshots of every screen of the desktop app, in English and Spanish, at two sizes.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/make_screenshots.py [--sizes 1366x768,1920x1080]

Opens a private copy of the bundled sample, solves it for a few seconds and
saves ``docs/screenshots/<lang>-<width>-<screen>.png`` (palette-reduced PNGs,
so the folder stays small). Offscreen Qt needs real fonts: on Debian
``apt-get install -y fonts-dejavu-core``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEventLoop, QSettings, QStandardPaths, QTimer  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = Path(__file__).resolve().parent
SCREENS = ("project", "agents", "requests", "forecast", "rules", "solve", "roster", "approval")


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget, path: Path) -> None:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Indexed8)
    image.save(str(path), "PNG", 0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1366x768,1920x1080")
    parser.add_argument("--languages", default="en,es")
    parser.add_argument("--time-limit", type=float, default=60)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    QStandardPaths.setTestModeEnabled(True)
    app.setOrganizationName("TurnosScreenshots")
    app.setApplicationName("Turnos")
    work = Path(tempfile.mkdtemp(prefix="turnos-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(work))
    from ui import i18n, notify
    from ui.main_window import MainWindow

    notify.show = lambda parent, level, title, text: print(f"[{level}] {title}: {text}")
    notify.ask = lambda parent, title, text: True
    project = work / "demo.turnos"
    shutil.copyfile(REPO / "samples" / "demo.turnos", project)

    window = MainWindow()
    window.open_project(project)
    window.solver.time_limit = args.time_limit
    loop = QEventLoop()
    window.worker.finished.connect(loop.quit)
    window.solve()
    loop.exec()
    if window.document.version() is None:
        print("no roster:", window.solve_page.result_text.text())
        return 1
    # a hand edit that breaks a rule, so the Roster screen shows how that looks
    version = window.document.version()
    page = window.roster_page
    day = window.document.project.horizon.dates()[1]
    shift = next(s for s in version.roster.shifts if s.day == day and s.breaks)
    page.gantt.break_move_requested.emit(shift.agent_id, day, 0, 4 * 60)
    page.select_cell(shift.agent_id, day)
    page.issues_view.selectRow(0)
    short = [s for s in page._window if s < len(page.cover.required) and page.cover.short(s) > 0]
    if short:
        page._slot_clicked(short[0] - page._window.start)
        page.coverage_chart.select_slot(short[0] - page._window.start)
    window.agents_page.view.selectRow(2)
    window.requests_page.view.setCurrentIndex(window.requests_page.proxy.index(3, 4))
    window.forecast_page.day.setCurrentIndex(0)
    window.show()
    for language in args.languages.split(","):
        i18n.set_language(language)
        for size in args.sizes.split(","):
            width, height = (int(x) for x in size.split("x"))
            window.resize(width, height)
            for index, name in enumerate(SCREENS):
                window.tabs.setCurrentIndex(index)
                wait(150)
                save(window, OUT / f"{language}-{width}-{name}.png")
    window.worker.shutdown()
    total = sum(p.stat().st_size for p in OUT.glob("*.png"))
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots, {total / 1e6:.1f} MB, in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
