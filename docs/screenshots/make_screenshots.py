"""Screenshots of every screen of the desktop app, in English and Spanish, at two sizes.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/make_screenshots.py [--sizes 1366x768,1920x1080]

Opens a private copy of the bundled sample, solves it for a few seconds and
saves ``docs/screenshots/<lang>-<width>-<screen>.png`` (palette-reduced PNGs,
so the folder stays small). Offscreen Qt needs real fonts: on Debian
``apt-get install -y fonts-dejavu-core``; ``apt-get install -y pngquant`` keeps
the PNGs small with faithful colours (without it Qt's own palette is used).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QEventLoop, QSettings, QStandardPaths, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

OUT = Path(__file__).resolve().parent
SCREENS = ("project", "agents", "requests", "forecast", "rules", "solve", "roster", "approval")


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget, path: Path) -> None:
    """A small PNG: pngquant when installed (faithful colours), else Qt's palette without dithering."""
    image = widget.grab().toImage()
    pngquant = shutil.which("pngquant")
    if pngquant:
        image.save(str(path), "PNG")
        subprocess.run([pngquant, "--force", "--quality=50-90", "--speed", "1", "--output", str(path), "64",
                        str(path)], check=False)
        return
    flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
    image.convertToFormat(QImage.Format.Format_Indexed8, flags).save(str(path), "PNG", 0)


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
    window.solve_page.time_limit.setValue(args.time_limit)
    loop = QEventLoop()
    window.worker.finished.connect(loop.quit)
    window.solve()
    loop.exec()
    if window.document.version() is None:
        print("no roster:", window.solve_page.result_text.text(), flush=True)
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
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots, {total / 1e6:.1f} MB, in {OUT}", flush=True)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown: PySide6 can crash while collecting Qt objects at exit
