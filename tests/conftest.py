"""Shared fixtures. Qt runs offscreen; the core tests need no Qt at all."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "demo.turnos"


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise(monkeypatch):
    """Messages are compared in English whatever the machine's locale (the CLI follows it);
    a test that switches to Spanish cannot leak it into the next."""
    from scheduler import i18n

    monkeypatch.setenv("TURNOS_LANGUAGE", "en")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled sample project (tests never touch the original)."""
    target = tmp_path / "demo.turnos"
    target.write_bytes(SAMPLE.read_bytes())
    return target


@pytest.fixture
def monday() -> date:
    return date(2027, 1, 4)
