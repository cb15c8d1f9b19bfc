"""Spanish and English: every visible text has a Spanish version, and switching is live."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import Qt

from ui.i18n_es import SPANISH

UI = Path(__file__).resolve().parents[2] / "ui"
TRANSLATING = {"tr", "_t", "tr_", "translate"}


def _literal(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def translatable_texts() -> dict[str, str]:
    """Every literal passed to tr()/_t()/translate(), and every table column header and tip."""
    found: dict[str, str] = {}
    for path in sorted(UI.rglob("*.py")):
        if path.name == "i18n_es.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            texts = []
            if name in TRANSLATING and node.args:
                texts.append(_literal(node.args[-1] if name == "translate" else node.args[0]))
            if name == "Column" and node.args:
                texts.append(_literal(node.args[0]))
                texts += [_literal(k.value) for k in node.keywords if k.arg == "header_tip"]
            for text in texts:
                if text:
                    found.setdefault(text, f"{path.relative_to(UI.parent)}:{node.lineno}")
    return found


def test_every_visible_text_has_spanish():
    missing = {text: where for text, where in translatable_texts().items() if text not in SPANISH}
    assert not missing, "no Spanish for:\n" + "\n".join(f"{w}: {t!r}" for t, w in missing.items())


def test_spanish_keeps_the_placeholders():
    import re

    for english, spanish in SPANISH.items():
        if "|" in english[:40] and english.split("|", 1)[0].isidentifier():
            english = english.split("|", 1)[1]
        assert sorted(re.findall(r"\{[^}]*\}", english)) == sorted(re.findall(r"\{[^}]*\}", spanish)), english


def test_switching_language_is_live(window, sample_copy):
    from scheduler import i18n as core

    window.open_project(sample_copy)
    assert window.tabs.tabText(1) == "Agents"
    window.set_language("es")
    assert window.tabs.tabText(1) == "Agentes"
    assert window.agents_page.model.headerData(1, Qt.Orientation.Horizontal) == "Nombre"
    assert window.roster_page.model.headerData(0, Qt.Orientation.Horizontal).startswith("lun")
    assert window.file_menu.title() == "&Archivo"
    assert core.language() == "es"
    window.set_language("en")
    assert window.tabs.tabText(1) == "Agents"
    assert core.language() == "en"
