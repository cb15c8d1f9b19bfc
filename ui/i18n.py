"""Spanish and English for the window, through Qt's own translator machinery.

A :class:`DictTranslator` answers Qt's ``translate()`` calls from a Python
dict (:mod:`ui.i18n_es`), so no ``lrelease`` step is needed. It answers only
Turnos's own contexts (its classes and models): Qt's widgets translate their
own texts (OK, Cancel, Copy, the key names of shortcuts) in contexts named
after Qt classes, and those come from Qt's ``qtbase_es.qm``, installed next
to it — or stay English when that file is missing, never blank.

Installing or removing the translators makes Qt send ``QEvent.LanguageChange``
to every widget, and each page re-reads its texts in ``retranslate_ui()``.
Texts made by the core (workbooks, rule messages) follow
:func:`scheduler.i18n.set_language`.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from scheduler import i18n as core_i18n
from ui.i18n_es import SPANISH

LANGUAGES = {"en": "English", "es": "Español"}

_installed: DictTranslator | None = None
_qt_installed: QTranslator | None = None
_current = "en"

#: Contexts of Qt's own texts: every Qt class (QShortcut, QDialogButtonBox, QPlatformTheme,
#: QLineEdit, QMessageBox, QWidgetTextControl, …) and the two of qtbase that are not classes.
_QT_CONTEXT = re.compile(r"Q[A-Z]")
_QT_OTHER_CONTEXTS = frozenset({"CloseButton", "MAC_APPLICATION_MENU"})


def is_qt_context(context: str | None) -> bool:
    """Whether ``context`` holds Qt's own texts (translated by Qt's catalog, never by ours)."""
    return not context or bool(_QT_CONTEXT.match(context)) or context in _QT_OTHER_CONTEXTS


class DictTranslator(QTranslator):
    """A QTranslator whose catalogue is a ``{English source: Spanish}`` dict.

    Context-specific entries may be keyed ``"Context|source"``; they win over
    the plain source text. Qt's own contexts (:func:`is_qt_context`) are never
    looked up: their "Shift" is a key, not a work shift.

    A text it does not know gets ``None``, which PySide passes to Qt as a
    *null* string: "no translation here", so Qt asks the next translator or
    keeps the English. (An empty string would count as a translation and blank
    the text.)
    """

    def __init__(self, catalogue: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D102 (Qt API)
        if not source_text or is_qt_context(context):
            return None
        text = self._catalogue.get(f"{context}|{source_text}") or self._catalogue.get(source_text)
        if not text:
            return None
        if n is not None and n >= 0:
            text = text.replace("%n", str(n))
        return text

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return not self._catalogue


def qt_translations_folders() -> list[Path]:
    """Where Qt's own ``.qm`` files may be: Qt's configured folder, then the one inside the PySide6 wheel."""
    import PySide6

    configured = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    folders = [Path(configured)] if configured else []
    folders.append(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
    return list(dict.fromkeys(folders))


def qt_translator(language: str, parent=None) -> QTranslator | None:
    """A translator with Qt's own texts (``qtbase_<language>.qm``), or ``None`` if the file is missing."""
    for folder in qt_translations_folders():
        translator = QTranslator()
        if (folder / f"qtbase_{language}.qm").is_file() and translator.load(f"qtbase_{language}", str(folder)):
            translator.setParent(parent)
            return translator
    return None


def set_language(language: str) -> None:
    """Switch the whole app (Qt widgets and the core's texts) to ``language``."""
    global _installed, _qt_installed, _current
    if language not in LANGUAGES:
        language = "en"
    app = QCoreApplication.instance()
    core_i18n.set_language(language)
    _current = language
    # before the translators: widgets rebuilding their texts on LanguageChange see the new locale
    QLocale.setDefault(QLocale(QLocale.Language.Spanish if language == "es" else QLocale.Language.English,
                               QLocale.Country.Spain if language == "es" else QLocale.Country.UnitedKingdom))
    if app is None:
        return
    # widgets without a locale of their own (spin boxes: "12,0 h") follow the new default
    QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LocaleChange))
    for translator in (_installed, _qt_installed):
        if translator is not None:
            app.removeTranslator(translator)
            translator.deleteLater()
    _installed = _qt_installed = None
    if language == "es":
        _qt_installed = qt_translator(language, app)
        if _qt_installed is not None:
            app.installTranslator(_qt_installed)
        _installed = DictTranslator(SPANISH, app)
        app.installTranslator(_installed)


def language() -> str:
    return _current


def tr(context: str, text: str) -> str:
    """Translate outside a QObject (models, plain functions)."""
    return QCoreApplication.translate(context, text)
