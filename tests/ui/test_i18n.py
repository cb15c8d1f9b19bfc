"""Spanish and English: every visible text has a Spanish version, and switching is live."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QLocale, Qt

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


# -- Qt's own texts: translated by Qt's catalog, never blank, never through ours ---------------------------------


def _switch(window, language: str) -> None:
    """Choose ``language`` and let the widgets handle the LanguageChange Qt posts them."""
    from PySide6.QtWidgets import QApplication

    window.set_language(language)
    QApplication.processEvents()


def _has_qt_spanish() -> bool:
    from ui import i18n

    return any((folder / "qtbase_es.qm").is_file() for folder in i18n.qt_translations_folders())


def _form_dialog_buttons(qtbot) -> tuple[str, str]:
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.dialogs.form_dialog import FormDialog

    dialog = FormDialog()
    qtbot.addWidget(dialog)
    return (dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text(),
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text())


def test_our_catalogue_answers_only_our_contexts():
    from ui.i18n import DictTranslator

    translator = DictTranslator(SPANISH)
    assert translator.translate("RulesPage", "Shift") == "Turno"
    # Qt's key name, its OK button, its line-edit menu: not ours, and None means "no translation"
    assert translator.translate("QShortcut", "Shift") is None
    assert translator.translate("QPlatformTheme", "OK") is None
    assert translator.translate("QWidgetTextControl", "&Copy") is None
    assert translator.translate("MAC_APPLICATION_MENU", "Quit %1") is None
    assert translator.translate("RulesPage", "A text nobody translated") is None


def test_no_context_of_ours_looks_like_a_qt_one():
    """Our texts are looked up by context; one named like a Qt class would be left to Qt's catalog."""
    from ui.i18n import is_qt_context

    contexts = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                contexts.add(node.name)
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "translate" \
                    and len(node.args) >= 2 and _literal(node.args[0]):
                contexts.add(_literal(node.args[0]))
            elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "CONTEXT" for t in node.targets) \
                    and _literal(node.value):
                contexts.add(_literal(node.value))
    assert {"MainWindow", "RosterPage", "RosterModel", "Notifier"} <= contexts
    assert not [c for c in contexts if is_qt_context(c)]


def test_qt_buttons_and_menus_have_text_in_spanish(qtbot, window):
    from PySide6.QtWidgets import QLineEdit, QMessageBox

    _switch(window, "es")
    ok, cancel = _form_dialog_buttons(qtbot)
    assert ok and cancel
    if _has_qt_spanish():
        assert (ok, cancel) == ("Aceptar", "Cancelar")
    box = QMessageBox(QMessageBox.Icon.Question, "Turnos", "¿Guardar?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert all(button.text() for button in box.buttons())
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    assert all(action.text() for action in menu.actions() if not action.isSeparator())
    menu.deleteLater()
    _switch(window, "en")
    assert _form_dialog_buttons(qtbot) == ("OK", "Cancel")


def test_shortcuts_name_the_keys_in_spanish(window):
    from PySide6.QtGui import QKeySequence

    native = QKeySequence.SequenceFormat.NativeText
    _switch(window, "es")
    save_as = window.actions.save_as.shortcut().toString(native)
    assert save_as and "Turno" not in save_as and save_as.endswith("S")
    assert window.actions.solve.shortcut().toString(native) == "F5"
    assert window.actions.resolve.shortcut().toString(native).endswith("+F5")
    assert "Turno" not in window.actions.resolve.shortcut().toString(native)
    _switch(window, "en")
    assert window.actions.resolve.shortcut().toString(native) == "Shift+F5"


def test_without_qt_spanish_qt_texts_stay_english(qtbot, window, monkeypatch, tmp_path):
    from ui import i18n

    monkeypatch.setattr(i18n, "qt_translations_folders", lambda: [tmp_path])  # no qtbase_es.qm there
    _switch(window, "es")
    assert _form_dialog_buttons(qtbot) == ("OK", "Cancel")
    assert window.tabs.tabText(1) == "Agentes"


# -- numbers: Spanish marks in Spanish, English marks in English -------------------------------------------------


def test_forecast_numbers_follow_the_language(window, sample_copy):
    import re

    from scheduler.i18n import number

    window.open_project(sample_copy)
    page = window.forecast_page
    page.show_week.setChecked(True)
    calls = sum(r.calls for r in page.rows())
    assert calls >= 1000, "a week of the sample has thousands of calls"
    assert page.summary.text().startswith(number(calls, ",.0f", "en") + " calls")
    assert "," in number(calls, ",.0f", "en")
    _switch(window, "es")
    spanish = number(calls, ",.0f", "es")
    assert "." in spanish and "," not in spanish
    assert page.summary.text().startswith(spanish + " llamadas")
    chart = page.chart.chart()
    assert chart.locale().language() == QLocale.Language.Spanish and chart.localizeNumbers()
    assert page.chart.calls_axis.labelFormat() != "%d", "Qt Charts draws no localized %d labels"
    row = next(r for r, item in enumerate(page.model.items()) if item.calls != round(item.calls))
    assert re.fullmatch(r"\d+,\d", page.model.data(page.model.index(row, 1)))
    _switch(window, "en")
    assert page.summary.text().startswith(number(calls, ",.0f", "en") + " calls")
    assert re.fullmatch(r"\d+\.\d", page.model.data(page.model.index(row, 1)))


def _fake_outcome():
    from types import SimpleNamespace as Fake

    result = Fake(status=Fake(value="feasible"), cancelled=False, objective=279766, bound=275000, gap=0.017,
                  wall_seconds=12.25, penalties=[])
    outcome = Fake(result=result, roster=Fake(shifts=[object()] * 1234), shortage_agent_minutes=437.8 * 60,
                   excess_agent_minutes=90, violations=[], unplaced_breaks=0, plan=None)
    return outcome, Fake(number=3)


def test_solve_summary_numbers_follow_the_language(window, small_center, monkeypatch):
    from types import SimpleNamespace as Fake

    import ui.pages.solve_page as solve_page

    # the made-up roster has no real shifts: its coverage on the phone is made up too
    monkeypatch.setattr(solve_page, "phone_coverage",
                        lambda project, roster: Fake(short_agent_minutes=437.8 * 60, excess_agent_minutes=90))
    window.open_project(small_center)
    page = window.solve_page
    page.show_outcome(*_fake_outcome())
    text = page.result_text.text()
    assert "Cost 279,766; best possible 275,000 (within 1.7%)" in text
    assert "1,234 shifts; on the phone (breaks included) short 437.8 agent-hours, over 1.5 agent-hours." in text
    assert page.progress_bar.format() == "Done in 12.2 s"
    _switch(window, "es")  # the summary is written again, with the new marks
    text = page.result_text.text()
    assert "Coste 279.766; mejor posible 275.000 (a menos del 1,7 %)" in text
    assert "1.234 turnos; al teléfono (con las pausas) faltan 437,8 horas-agente y sobran 1,5." in text
    assert page.progress_bar.format() == "Hecho en 12,2 s"
    _switch(window, "en")
    assert "Cost 279,766" in page.result_text.text()
    page.refresh()  # forget the made-up outcome: its shifts are not shifts


def test_roster_numbers_follow_the_language(window, solved_center):
    import re

    window.open_project(solved_center)
    page = window.roster_page
    page.show_day(window.document.project.horizon.start)
    slot = page._window.start + 10 * 4  # 10:00
    index = slot - page._window.start
    assert re.search(r"\d+\.\d on the phone", page.explain_slot(slot))
    assert re.search(r"\d+\.\d on the phone", page.coverage_chart.tooltip_for(index))
    _switch(window, "es")
    text = page.explain_slot(slot)
    assert re.search(r"\d+,\d al teléfono", text) and not re.search(r"\d\.\d", text)
    assert re.search(r"Nivel de servicio previsto \d+ % \(objetivo \d+ % en \d+ s\)", text)
    assert re.search(r"\d+,\d al teléfono", page.coverage_chart.tooltip_for(index))
    shorts = [i.text for i in page.issues_model.items() if i.kind == "short"]
    assert all(re.match(r"Faltan hasta \d+,\d agentes", t) for t in shorts)
    _switch(window, "en")
    shorts = [i.text for i in page.issues_model.items() if i.kind == "short"]
    assert all(re.match(r"Short by up to \d+\.\d agents", t) for t in shorts)


def test_spin_boxes_follow_the_language_and_still_read_numbers(window, small_center):
    window.open_project(small_center)
    page = window.rules_page
    box = page.rest
    undo = window.document.undo_stack.count()
    value = box.value()
    assert "." in box.text()
    _switch(window, "es")
    assert "," in box.text() and box.value() == value
    assert window.document.undo_stack.count() == undo, "switching language edits nothing"
    box.lineEdit().setText("11,5 h")
    box.interpretText()
    assert box.value() == 11.5
    _switch(window, "en")
    assert box.text() == "11.5 h" and box.value() == 11.5
