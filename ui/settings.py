"""What the app remembers between runs: geometry, language, recent files.

Everything the team lead made lives in the project file, not here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from scheduler.i18n import system_language

MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings()


def language() -> str:
    value = settings().value("ui/language")
    return value if value in ("en", "es") else system_language()


def set_language(value: str) -> None:
    settings().setValue("ui/language", value)


def recent_files() -> list[Path]:
    value = settings().value("project/recent", [])
    if isinstance(value, str):
        value = [value]
    return [Path(p) for p in (value or []) if p]


def add_recent_file(path: Path) -> list[Path]:
    path = Path(path).resolve()
    items = [path] + [p for p in recent_files() if p != path]
    items = items[:MAX_RECENT]
    settings().setValue("project/recent", [str(p) for p in items])
    return items


def remove_recent_file(path: Path) -> None:
    items = [p for p in recent_files() if p != Path(path).resolve()]
    settings().setValue("project/recent", [str(p) for p in items])


def has_opened_before() -> bool:
    return bool(settings().value("project/opened_before", False, type=bool))


def mark_opened() -> None:
    settings().setValue("project/opened_before", True)
