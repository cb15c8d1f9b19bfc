"""Language of what Turnos writes for people: workbooks, messages, the CLI.

The Qt window translates its own widgets with Qt's translator; texts made
in the core (workbook headers, rule messages) come from this small catalog so
that a workbook and a dialog speak the language the team lead chose.
"""

from __future__ import annotations

import locale
import os

LANGUAGES = ("en", "es")

_current = "en"

ES: dict[str, str] = {
    # roster workbook
    "Roster": "Cuadrante",
    "Agent ID": "ID agente",
    "Agent": "Agente",
    "Contract": "Contrato",
    "Hours": "Horas",
    "Nights": "Noches",
    "Weekends": "Fines de semana",
    "Off": "Libre",
    "Vacation": "Vacaciones",
    "Center": "Centro",
    "Period": "Periodo",
    "Version": "Versión",
    "Status": "Estado",
    "full_time": "tiempo completo",
    "part_time": "tiempo parcial",
    "custom": "personalizado",
    "draft": "borrador",
    "submitted": "enviado",
    "approved": "aprobado",
    "rejected": "rechazado",
    "Mon": "lun", "Tue": "mar", "Wed": "mié", "Thu": "jue", "Fri": "vie", "Sat": "sáb", "Sun": "dom",
}

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


#: (English, Spanish already registered, Spanish given again): one English text, two meanings
CLASHES: list[tuple[str, str, str]] = []


def add_translations(spanish: dict[str, str]) -> None:
    """Register Spanish texts of a module (call at import time, next to the texts).

    The catalog is shared: an English text registered twice with different
    Spanish is recorded in :data:`CLASHES` (a test keeps it empty), since the
    module imported last would otherwise decide silently.
    """
    for english, text in spanish.items():
        if ES.get(english, text) != text:
            CLASHES.append((english, ES[english], text))
    ES.update(spanish)


def system_language() -> str:
    """``"es"`` when the system locale is Spanish, else ``"en"``.

    ``TURNOS_LANGUAGE=es`` (or ``en``) overrides the locale, e.g. for a CLI run
    on a server whose locale is English.
    """
    chosen = os.environ.get("TURNOS_LANGUAGE", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    code = (locale.getlocale()[0] or "").lower()
    return "es" if code.startswith("es") else "en"


def set_language(language: str) -> None:
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"Language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    _current = language


def language() -> str:
    return _current


def tr(text: str, language: str | None = None) -> str:
    """``text`` in ``language`` (default: the current one); English is the key."""
    if (language or _current) == "es":
        return ES.get(text, text)
    return text


def number(value: float, spec: str = "", language: str | None = None) -> str:
    """``format(value, spec)`` with the language's marks: ``1,234.5`` and ``93.5%`` in English,
    ``1.234,5`` and ``93,5 %`` in Spanish (default: the current language)."""
    text = format(value, spec)
    if (language or _current) != "es":
        return text
    if text.endswith("%"):
        text = text[:-1] + " %"
    return text.translate(_SPANISH_MARKS)


_SPANISH_MARKS = str.maketrans(",.", ".,")


def weekday(index: int, language: str | None = None) -> str:
    return tr(WEEKDAYS[index], language)


def day_label(day, language: str | None = None) -> str:
    """``"Tue 05/01"`` / ``"mar 05/01"``: a date (or date-time) as messages name a day."""
    return f"{weekday(day.weekday(), language)} {day:%d/%m}"
