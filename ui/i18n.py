"""Spanish and English for the window, through Qt's own translator machinery.

A :class:`DictTranslator` answers Qt's ``translate()`` calls from a Python
dict (:mod:`ui.i18n_es`), so no ``lrelease`` step is needed. Installing or
removing it makes Qt send ``QEvent.LanguageChange`` to every widget, and each
page re-reads its texts in ``retranslate_ui()``. Texts made by the core
(workbooks, rule messages) follow :func:`scheduler.i18n.set_language`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from scheduler import i18n as core_i18n
from ui.i18n_es import SPANISH

LANGUAGES = {"en": "English", "es": "Español"}

_installed: DictTranslator | None = None
_current = "en"


class DictTranslator(QTranslator):
    """A QTranslator whose catalogue is a ``{English source: Spanish}`` dict.

    Context-specific entries may be keyed ``"Context|source"``; they win over
    the plain source text.
    """

    def __init__(self, catalogue: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D102 (Qt API)
        if not source_text:
            return ""
        text = self._catalogue.get(f"{context}|{source_text}") or self._catalogue.get(source_text, "")
        if text and n is not None and n >= 0:
            text = text.replace("%n", str(n))
        return text

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return not self._catalogue


def set_language(language: str) -> None:
    """Switch the whole app (Qt widgets and the core's texts) to ``language``."""
    global _installed, _current
    if language not in LANGUAGES:
        language = "en"
    app = QCoreApplication.instance()
    core_i18n.set_language(language)
    _current = language
    if app is None:
        return
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if language == "es":
        _installed = DictTranslator(SPANISH, app)
        app.installTranslator(_installed)
    QLocale.setDefault(QLocale(QLocale.Language.Spanish if language == "es" else QLocale.Language.English,
                               QLocale.Country.Spain if language == "es" else QLocale.Country.UnitedKingdom))


def language() -> str:
    return _current


def tr(context: str, text: str) -> str:
    """Translate outside a QObject (models, plain functions)."""
    return QCoreApplication.translate(context, text)
