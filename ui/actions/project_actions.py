"""New, open, save as, and the bundled sample on first run."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QStandardPaths

SAMPLE_NAME = "demo.turnos"


def bundled_sample() -> Path:
    return Path(__file__).resolve().parents[2] / "samples" / SAMPLE_NAME


def data_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def sample_copy() -> Path | None:
    """The user's own copy of the sample (made on first use), so the bundled file never changes."""
    source = bundled_sample()
    target = data_folder() / SAMPLE_NAME
    if target.exists():
        return target
    if not source.exists():
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
