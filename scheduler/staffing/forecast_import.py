"""Import forecast call volume from a spreadsheet (``.xlsx``) or a text export (``.csv``).

Two layouts (see docs/forecast-import.md for every accepted header):

* a **dated series**: a date and an interval start (or one date-time column),
  calls, and optionally the AHT in seconds;
* a **weekly profile**: weekday, interval start, calls, AHT — applied to
  every week of the planning horizon.

The interval length (15, 30 or 60 min) is read from the interval starts.
Everything a real export brings is accepted: Spanish-locale CSV (``;``,
decimal comma, UTF-8 with or without BOM, Windows-1252), Excel serial dates
and time fractions, Spanish or English header and weekday names with or
without accents.

The whole file is checked before anything is returned: every problem found
is reported in :class:`ForecastImportError`, each naming the file, sheet,
row and column (``forecast.csv › row 14 › column C (Llamadas): "abc" is not
a number``) in the language of the user interface. Rows outside the
planning horizon are skipped with a warning.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from scheduler.domain import Forecast, ForecastInterval, Horizon
from scheduler.i18n import add_translations, tr, weekday as weekday_name

__all__ = [
    "ForecastImport",
    "ForecastImportError",
    "Located",
    "apply_forecast",
    "read_forecast",
]

#: Files larger than this are refused before being opened.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Uncompressed XML of an .xlsx (guards against "zip bombs").
MAX_XLSX_XML_BYTES = 400 * 1024 * 1024
#: Rows of the data table (a year of 15-minute intervals is 35 040).
MAX_ROWS = 200_000
#: Columns read; anything to the right is ignored.
MAX_COLUMNS = 100
#: Cells in the sheets (counted before parsing) and in the rectangle read from A1:
#: openpyxl needs about 25 µs and 500 bytes per cell, so this bounds a file to ~30 s.
MAX_CELLS = 1_000_000
#: Rows searched for the header.
HEADER_SEARCH_ROWS = 20
#: Longest believable average handling time.
MAX_AHT_SECONDS = 3 * 3600
#: Most calls believable in 15 minutes (scaled to the interval length).
MAX_CALLS_PER_15_MIN = 10_000
#: AHT used where the file has none (no AHT column, or no calls in the row).
DEFAULT_AHT_SECONDS = 300.0
#: Errors listed at most (the rest are counted).
MAX_ERRORS = 200

INTERVALS = (60, 30, 15)
FORECAST_SHEETS = ("forecast", "prevision", "pronostico", "prevision de llamadas", "call forecast")

add_translations({
    "row {row}": "fila {row}",
    "column {column}": "columna {column}",
    "calls": "llamadas",
    "the date": "la fecha",
    "the interval start": "el inicio del intervalo",
    "the AHT": "el TMO",
    "the weekday": "el día de la semana",
    "the date or the weekday": "la fecha o el día de la semana",
    "does not exist": "no existe",
    "is a folder, not a file": "es una carpeta, no un archivo",
    "cannot be read ({reason})": "no se puede leer ({reason})",
    "is empty": "está vacío",
    "is {size} MB; a forecast file may have at most {limit} MB":
        "ocupa {size} MB; un archivo de previsión puede ocupar como máximo {limit} MB",
    "spans {cells} cells (A1 to {last}); a forecast may have at most {limit}: delete the cells "
    "below or to the right of the data":
        "abarca {cells} celdas (de A1 a {last}); una previsión puede tener como máximo {limit}: borra "
        "las celdas que hay debajo o a la derecha de los datos",
    "has {rows} rows; a forecast may have at most {limit}":
        "tiene {rows} filas; una previsión puede tener como máximo {limit}",
    "Turnos reads forecasts from .xlsx or .csv files, not {suffix}":
        "Turnos lee previsiones de archivos .xlsx o .csv, no {suffix}",
    "is an Excel 97–2003 workbook (.xls); open it in Excel or LibreOffice and save it as "
    "Excel Workbook (.xlsx)":
        "es un libro de Excel 97–2003 (.xls); ábrelo en Excel o LibreOffice y guárdalo como "
        "Libro de Excel (.xlsx)",
    "is an OpenDocument spreadsheet (.ods); save it as Excel Workbook (.xlsx) or as CSV":
        "es una hoja de cálculo OpenDocument (.ods); guárdala como Libro de Excel (.xlsx) o como CSV",
    "is an Excel workbook saved with a .csv name; rename it to .xlsx":
        "es un libro de Excel guardado con nombre .csv; cámbialo a .xlsx",
    "is a text file, not an Excel workbook; if it is a CSV export, rename it to .csv":
        "es un archivo de texto, no un libro de Excel; si es una exportación CSV, cámbialo a .csv",
    "is not an Excel workbook (.xlsx) or is damaged; open it in Excel and save it again":
        "no es un libro de Excel (.xlsx) o está dañado; ábrelo en Excel y vuelve a guardarlo",
    "is not a text (CSV) file": "no es un archivo de texto (CSV)",
    "has no visible sheet": "no tiene ninguna hoja visible",
    "has no header row naming the columns (for example Fecha, Intervalo, Llamadas, TMO (s))":
        "no tiene una fila de encabezados que nombre las columnas (por ejemplo Fecha, Intervalo, "
        "Llamadas, TMO (s))",
    "no column for {what} (accepted headers: {names})":
        "falta la columna de {what} (encabezados aceptados: {names})",
    "columns {first} and {second} both hold {what}; keep one":
        "las columnas {first} y {second} contienen {what}; deja solo una",
    "has a header but no forecast rows": "tiene encabezados pero ninguna fila de previsión",
    "is empty; every row needs {what}": "está vacía; cada fila necesita {what}",
    '"{value}" is not a number': '"{value}" no es un número',
    '"{value}" is not a date (write it as 23/11/2026 or 2026-11-23)':
        '"{value}" no es una fecha (escríbala como 23/11/2026 o 2026-11-23)',
    '"{value}" is not a time of day (write it as 08:00)':
        '"{value}" no es una hora del día (escríbala como 08:00)',
    '"{value}" is not a day of the week (write lunes … domingo or Monday … Sunday)':
        '"{value}" no es un día de la semana (escribe lunes … domingo o Monday … Sunday)',
    '"{value}" is not a duration (write the AHT in seconds, e.g. 310)':
        '"{value}" no es una duración (escribe el TMO en segundos, p. ej. 310)',
    "calls cannot be negative, got {value}": "las llamadas no pueden ser negativas: {value}",
    "{value} calls in {minutes} minutes is more than {limit}; check the column":
        "{value} llamadas en {minutes} minutos son más de {limit}; revisa la columna",
    "the AHT must be more than 0 s when there are calls, got {value}":
        "el TMO debe ser mayor que 0 s si hay llamadas: {value}",
    "the AHT cannot be negative, got {value}": "el TMO no puede ser negativo: {value}",
    "an AHT of {value} s is more than 3 hours; write the AHT in seconds":
        "un TMO de {value} s supera las 3 horas; escribe el TMO en segundos",
    "{when} is already on row {row}": "{when} ya está en la fila {row}",
    "{time} does not start a {minutes}-minute interval": "{time} no es el inicio de un intervalo de {minutes} minutos",
    "{time} does not start a 15-, 30- or 60-minute interval":
        "{time} no es el inicio de un intervalo de 15, 30 o 60 minutos",
    "holds a formula without a saved result ({formula}); open the file in Excel and save it, "
    "or paste the values":
        "contiene una fórmula sin resultado guardado ({formula}); abre el archivo en Excel y "
        "guárdalo, o pega los valores",
    "holds the Excel error {value}": "contiene el error de Excel {value}",
    "cells {cells} are merged; unmerge them and fill in every row":
        "las celdas {cells} están combinadas; sepáralas y rellena cada fila",
    "no row falls in the planning horizon {first} – {last} (the file covers {from_} – {to})":
        "ninguna fila cae en el horizonte de planificación {first} – {last} (el archivo cubre "
        "{from_} – {to})",
    "a weekly profile needs a planning horizon": "un perfil semanal necesita un horizonte de planificación",
    "{count} more problems are not listed": "hay {count} problemas más que no se muestran",
    "1 more problem is not listed": "hay 1 problema más que no se muestra",
    # warnings
    "1 row outside the planning horizon {first} – {last} was skipped (row {row})":
        "se omitió 1 fila fuera del horizonte de planificación {first} – {last} (la fila {row})",
    "{count} rows outside the planning horizon {first} – {last} were skipped (the first on row {row})":
        "se omitieron {count} filas fuera del horizonte de planificación {first} – {last} (la "
        "primera en la fila {row})",
    "{count} days of the horizon have no forecast ({days}); they need only the minimum staff":
        "{count} días del horizonte no tienen previsión ({days}); solo necesitan la dotación mínima",
    "1 day of the horizon has no forecast ({days}); it needs only the minimum staff":
        "1 día del horizonte no tiene previsión ({days}); solo necesita la dotación mínima",
    "no AHT column: {seconds} s is used for every interval":
        "no hay columna de TMO: se usa {seconds} s en todos los intervalos",
    "row {row} ({label}) was skipped as a total row": "se omitió la fila {row} ({label}) por ser una fila de totales",
    "dates were read as month/day/year (e.g. {example})":
        "las fechas se leyeron como mes/día/año (p. ej. {example})",
    "the weekly profile has no rows for {days}; those days need only the minimum staff":
        "el perfil semanal no tiene filas para {days}; esos días solo necesitan la dotación mínima",
    "the rows are {gap} minutes apart but start on {minutes}-minute marks; each row is read as "
    "{minutes} minutes":
        "las filas están separadas {gap} minutos pero empiezan en múltiplos de {minutes} minutos; "
        "cada fila se lee como {minutes} minutos",
    "no planning horizon: the weekly profile is shown for the week of {first}":
        "sin horizonte de planificación: el perfil semanal se muestra para la semana del {first}",
    "The forecast interval must be 15, 30 or 60 minutes, got {minutes}":
        "El intervalo de la previsión debe ser de 15, 30 o 60 minutos; se recibió {minutes}",
})


# --------------------------------------------------------------------------- results and errors


@dataclass(frozen=True)
class Located:
    """One problem, where it is: file, sheet (workbooks only), row and column (as letters)."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: int | None = None
    header: str | None = None
    language: str | None = field(default=None, compare=False)

    @property
    def column_letter(self) -> str | None:
        return None if self.column is None else _letter(self.column)

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(tr("row {row}", self.language).format(row=self.row))
        if self.column is not None:
            text = tr("column {column}", self.language).format(column=_letter(self.column))
            if self.header:
                text += f" ({self.header})"
            parts.append(text)
        return " › ".join(parts) + ": " + self.message


class ForecastImportError(Exception):
    """The file cannot be imported; ``errors`` lists every problem found."""

    def __init__(self, errors: Sequence[Located]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class ForecastImport:
    """A valid forecast and what the team lead should know about it (rows skipped, defaults used)."""

    forecast: Forecast
    warnings: list[str]
    weekly_profile: bool = False
    rows_read: int = 0


def apply_forecast(project_path: str | os.PathLike, forecast: Forecast) -> None:
    """Replace the project's forecast with ``forecast``, in one transaction of the store."""
    from scheduler.store import save_forecast

    save_forecast(project_path, forecast)


# --------------------------------------------------------------------------- text helpers


def _letter(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _fold(text: str) -> str:
    """Lower case, no accents, words separated by single spaces: ``"TMO (s)" -> "tmo s"``."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def _shown(value: object) -> str:
    """A cell as the user sees it, short."""
    if isinstance(value, datetime):
        text = value.isoformat(sep=" ")
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "…"


def _fmt_date(day: date, language: str | None) -> str:
    return day.strftime("%d/%m/%Y") if (language or _lang()) == "es" else day.isoformat()


def _lang() -> str:
    from scheduler.i18n import language

    return language()


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _num_text(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else f"{value:.3g}"


# --------------------------------------------------------------------------- headers


@dataclass(frozen=True)
class _Role:
    key: str
    what: str  # English phrase, translated when shown
    shown: tuple[str, ...]  # accepted headers, as documented


ROLES: dict[str, _Role] = {
    "date": _Role("date", "the date", (
        "Fecha", "Date", "Fecha y hora", "Fecha/hora", "Date/time", "Datetime", "Timestamp", "Día", "Day")),
    "time": _Role("time", "the interval start", (
        "Intervalo", "Hora", "Hora inicio", "Inicio", "Inicio intervalo", "Franja", "Tramo",
        "Interval", "Interval start", "Time", "Start", "Start time")),
    "calls": _Role("calls", "calls", (
        "Llamadas", "Llamadas previstas", "Llamadas ofrecidas", "Volumen", "Contactos",
        "Calls", "Offered", "Calls offered", "Offered calls", "Volume", "Contacts")),
    "aht": _Role("aht", "the AHT", (
        "TMO", "TMO (s)", "TMO (min)", "AHT", "AHT (s)", "AHT (min)", "Tiempo medio de operación",
        "Duración media", "Average handle time", "Handle time")),
    "weekday": _Role("weekday", "the weekday", (
        "Día semana", "Día de la semana", "Dia sem", "Weekday", "Day of week", "Day of the week", "DOW",
        "Día", "Day")),
}

_HEADER_NAMES: dict[str, str] = {}
for _role, _names in {
    "date": ("fecha", "date", "fecha y hora", "fecha hora", "date time", "datetime", "timestamp",
             "fecha intervalo", "fecha inicio", "date and time", "fecha dia"),
    "time": ("intervalo", "hora", "hora inicio", "inicio", "inicio intervalo", "intervalo inicio",
             "franja", "franja horaria", "tramo", "tramo horario", "hora intervalo", "interval",
             "interval start", "time", "start", "start time", "time interval", "intervalo hora"),
    "calls": ("llamadas", "llamadas previstas", "llamadas ofrecidas", "llamadas entrantes",
              "llamadas recibidas", "volumen", "volumen previsto", "contactos", "contactos previstos",
              "calls", "offered", "calls offered", "offered calls", "forecast calls", "calls forecast",
              "volume", "forecast volume", "contacts", "contacts offered", "inbound calls"),
    "aht": ("tmo", "aht", "tiempo medio de operacion", "tiempo medio operacion", "duracion media",
            "average handle time", "average handling time", "handle time", "handling time"),
    "weekday": ("dia semana", "dia de la semana", "dia sem", "weekday", "day of week",
                "day of the week", "dow", "dia de semana"),
    "day": ("dia", "day"),
}.items():
    for _name in _names:
        _HEADER_NAMES[_name] = _role

_SECONDS_UNITS = {"s", "seg", "segs", "segundos", "sec", "secs", "seconds", "second", "segundo"}
_MINUTES_UNITS = {"min", "mins", "minutos", "minutes", "minuto", "minute", "m"}


def _header_role(text: object) -> tuple[str | None, bool]:
    """Role of a header cell and whether its unit is minutes (``"TMO (min)"``)."""
    if text is None or isinstance(text, bool):
        return None, False
    words = _fold(text).split()
    minutes = False
    # "TMO (s)", "AHT (min)", "TMO en segundos", "AHT in seconds"
    while len(words) > 1 and (words[-1] in _SECONDS_UNITS or words[-1] in _MINUTES_UNITS
                              or words[-1] in ("en", "in")):
        minutes = minutes or words[-1] in _MINUTES_UNITS
        words.pop()
    return _HEADER_NAMES.get(" ".join(words)), minutes


# --------------------------------------------------------------------------- cell parsing

WEEKDAYS: dict[str, int] = {}
for _index, _names in enumerate((
    ("lunes", "lun", "lu", "l", "monday", "mon", "mo"),
    ("martes", "mar", "ma", "m", "tuesday", "tue", "tues", "tu"),
    ("miercoles", "mie", "mi", "x", "wednesday", "wed", "we"),
    ("jueves", "jue", "ju", "j", "thursday", "thu", "thur", "thurs", "th"),
    ("viernes", "vie", "vi", "v", "friday", "fri", "fr"),
    ("sabado", "sab", "sa", "s", "saturday", "sat"),
    ("domingo", "dom", "do", "d", "sunday", "sun", "su"),
)):
    for _name in _names:
        WEEKDAYS[_name] = _index


class _Bad(Exception):
    """A cell that cannot be read; ``message`` is ready to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class _Formula:
    text: str


@dataclass(frozen=True)
class _ExcelError:
    text: str


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_GROUPED_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$")
_GROUPED_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")


def _number_text(text: str, decimal_comma: bool) -> float | None:
    """``"12,5"`` / ``"1.234,5"`` / ``"1,234.5"`` / ``"12.5"`` as a float; None if not a number."""
    raw = _SPACES.sub("", text)
    if not raw:
        return None
    if "," in raw and "." in raw:
        if raw.rfind(",") > raw.rfind("."):
            if not _GROUPED_DOT.match(raw):
                return None
            raw = raw.replace(".", "").replace(",", ".")
        else:
            if not _GROUPED_COMMA.match(raw):
                return None
            raw = raw.replace(",", "")
    elif raw.count(",") > 1:
        if not _GROUPED_COMMA.match(raw):
            return None
        raw = raw.replace(",", "")
    elif raw.count(".") > 1 or (decimal_comma and _GROUPED_DOT.match(raw)):
        if not _GROUPED_DOT.match(raw):
            return None
        raw = raw.replace(".", "")
    if not _NUMBER.match(raw):
        return None
    value = float(raw.replace(",", "."))
    return value if math.isfinite(value) else None


def _as_number(value: object, decimal_comma: bool, language: str | None) -> float:
    if isinstance(value, bool) or isinstance(value, (datetime, date, time, timedelta)):
        raise _Bad(tr('"{value}" is not a number', language).format(value=_shown(value)))
    if isinstance(value, (int, float)):
        number = float(value)
        if not math.isfinite(number):
            raise _Bad(tr('"{value}" is not a number', language).format(value=_shown(value)))
        return number
    number = _number_text(str(value), decimal_comma)
    if number is None:
        raise _Bad(tr('"{value}" is not a number', language).format(value=_shown(value)))
    return number


_EXCEL_TIME_BASES = (date(1899, 12, 30), date(1899, 12, 31), date(1900, 1, 1), date(1904, 1, 1))
_TIME_TEXT = re.compile(
    r"^(\d{1,2})\s*[:.h]\s*(\d{2})(?:\s*:\s*(\d{2}))?\s*(?:h|hrs?)?\s*(a\.?\s*m\.?|p\.?\s*m\.?)?$")
_RANGE_SPLIT = re.compile(r"\s*(?:-|–|—|\ba\b|\bto\b)\s*")
_DATE_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:[ T]+|,\s*)(.+))?$")
_DATE_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?:(?:[ T]+|,\s*)(.+))?$")
_SERIAL_TEXT = re.compile(r"^\d{5}([.,]\d+)?$")


def _serial(value: float, epoch: datetime) -> datetime | None:
    """An Excel serial day number (with time fraction) as a datetime; None when implausible."""
    if not 1 <= value < 2958466:
        return None
    moment = epoch + timedelta(days=value)
    moment = (moment + timedelta(microseconds=500)).replace(microsecond=0)  # Excel float noise
    seconds = moment.second + (moment.minute * 60 + moment.hour * 3600)
    rounded = round(seconds / 60) * 60 if abs(seconds - round(seconds / 60) * 60) <= 1 else seconds
    moment = datetime.combine(moment.date(), time()) + timedelta(seconds=rounded)
    return moment if 1990 <= moment.year <= 2100 else None


def _clock(hours: int, minutes: int, seconds: int, meridiem: str | None) -> int | None:
    """Seconds after midnight, or None if not a time of day (24:00 is not a start)."""
    if meridiem:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if meridiem.lower().startswith("p") else 0)
    if not (0 <= hours <= 23 and 0 <= minutes <= 59 and 0 <= seconds <= 59):
        return None
    return hours * 3600 + minutes * 60 + seconds


def _time_text(text: str) -> tuple[int, int | None] | None:
    """``"08:00"``, ``"8:00:00"``, ``"08:00-08:30"``, ``"8"`` -> (seconds, range length in min)."""
    folded = text.strip().lower()
    parts = _RANGE_SPLIT.split(folded, maxsplit=1) if re.search(r"\d\s*(-|–|—|a|to)\s*\d", folded) else [folded]
    found = []
    for part in parts:
        part = part.strip()
        if re.fullmatch(r"\d{1,2}", part):
            seconds = _clock(int(part), 0, 0, None)
        else:
            match = _TIME_TEXT.match(part)
            if not match:
                return None
            hours, minutes, secs, meridiem = match.groups()
            seconds = _clock(int(hours), int(minutes), int(secs or 0), meridiem)
        if seconds is None:
            if len(found) == 1 and part in ("24:00", "24.00", "24h", "24"):
                seconds = 86400
            else:
                return None
        found.append(seconds)
    if len(found) == 2:
        length = (found[1] - found[0]) % 86400 // 60 or None
        return found[0], length
    return found[0], None


def _as_time(value: object, epoch: datetime, language: str | None) -> tuple[int, date | None, int | None]:
    """Seconds after midnight, the date when the cell holds a full date-time, and a range length."""
    def bad() -> _Bad:
        return _Bad(tr('"{value}" is not a time of day (write it as 08:00)', language).format(
            value=_shown(value)))

    if isinstance(value, bool):
        raise bad()
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second, None, None
    if isinstance(value, datetime):
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        day = value.date()
        return seconds, None if day in _EXCEL_TIME_BASES else day, None
    if isinstance(value, timedelta):
        seconds = round(value.total_seconds())
        if not 0 <= seconds < 86400:
            raise bad()
        return seconds, None, None
    if isinstance(value, date):
        raise bad()
    if isinstance(value, (int, float)):
        number = float(value)
        if not math.isfinite(number) or number < 0:
            raise bad()
        if number < 1:
            return round(number * 86400), None, None
        if number.is_integer() and number <= 23:
            return int(number) * 3600, None, None  # "Hora: 8" in hourly forecasts
        moment = _serial(number, epoch)
        if moment is None:
            raise bad()
        return moment.hour * 3600 + moment.minute * 60 + moment.second, moment.date(), None
    text = str(value).strip()
    parsed = _time_text(text)
    if parsed is None:
        moment = _date_text(text, True)
        if moment is None or moment[1] is None:
            raise bad()
        return moment[1], moment[0], None
    return parsed[0], None, parsed[1]


def _date_text(text: str, day_first: bool) -> tuple[date, int | None] | None:
    """Date (and seconds after midnight if a time follows) from text, or None."""
    text = text.strip()
    match = _DATE_YMD.match(text)
    if match:
        year, month, day, rest = int(match[1]), int(match[2]), int(match[3]), match[4]
    else:
        match = _DATE_DMY.match(text)
        if not match:
            return None
        first, second, year, rest = int(match[1]), int(match[2]), int(match[3]), match[4]
        if year < 100:
            year += 2000
        day, month = (first, second) if day_first else (second, first)
    try:
        result = date(year, month, day)
    except ValueError:
        return None
    seconds = None
    if rest:
        rest = re.sub(r"(?i)(\d)(z|[+-]\d{2}:?\d{2})$", r"\1", rest.strip())
        parsed = _time_text(rest)
        if parsed is None:
            return None
        seconds = parsed[0]
    return result, seconds


def _as_date(value: object, epoch: datetime, day_first: bool, language: str | None) -> tuple[date, int | None]:
    """The date of a cell and, when the cell shows a time too, its seconds after midnight."""
    def bad() -> _Bad:
        return _Bad(tr('"{value}" is not a date (write it as 23/11/2026 or 2026-11-23)', language)
                    .format(value=_shown(value)))

    if isinstance(value, bool) or isinstance(value, (time, timedelta)):
        raise bad()
    if isinstance(value, datetime):
        if not 1990 <= value.year <= 2100:
            raise bad()
        return value.date(), value.hour * 3600 + value.minute * 60 + value.second
    if isinstance(value, date):
        if not 1990 <= value.year <= 2100:
            raise bad()
        return value, None
    if isinstance(value, (int, float)):
        moment = _serial(float(value), epoch) if math.isfinite(float(value)) else None
        if moment is None:
            raise bad()
        whole = float(value).is_integer()
        return moment.date(), None if whole else moment.hour * 3600 + moment.minute * 60 + moment.second
    text = str(value).strip()
    if _SERIAL_TEXT.match(text):
        return _as_date(float(text.replace(",", ".")), epoch, day_first, language)
    parsed = _date_text(text, day_first)
    if parsed is None or not 1990 <= parsed[0].year <= 2100:
        raise bad()
    return parsed


def _as_weekday(value: object, language: str | None) -> int:
    if isinstance(value, datetime):
        return value.weekday()
    if isinstance(value, date):
        return value.weekday()
    if isinstance(value, str):
        key = _fold(value)
        if key in WEEKDAYS:
            return WEEKDAYS[key]
    raise _Bad(tr('"{value}" is not a day of the week (write lunes … domingo or Monday … Sunday)',
                  language).format(value=_shown(value)))


def _as_duration(value: object, minutes_unit: bool, decimal_comma: bool, language: str | None) -> float:
    """AHT in seconds: a number (seconds, or minutes for a "(min)" header) or a duration cell / text."""
    if isinstance(value, time):
        return float(value.hour * 3600 + value.minute * 60 + value.second)
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, datetime) and value.date() in _EXCEL_TIME_BASES:
        return float(value.hour * 3600 + value.minute * 60 + value.second)
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d+):(\d{1,2})(?::(\d{1,2}))?\s*", value)
        if match:
            a, b, c = int(match[1]), int(match[2]), match[3]
            if b < 60 and (c is None or int(c) < 60):
                return float(a * 60 + b if c is None else a * 3600 + b * 60 + int(c))
        elif _number_text(value, decimal_comma) is None:
            raise _Bad(tr('"{value}" is not a duration (write the AHT in seconds, e.g. 310)',
                          language).format(value=_shown(value)))
    return _as_number(value, decimal_comma, language) * (60 if minutes_unit else 1)


# --------------------------------------------------------------------------- reading files into tables


@dataclass
class _Table:
    """Cells of the sheet (or CSV) the forecast is read from: rows of raw values."""

    sheet: str | None
    rows: list[tuple[int, list[object]]]
    epoch: datetime = datetime(1899, 12, 30)
    merged: list[tuple[int, int, int, int, str]] = field(default_factory=list)  # r0, c0, r1, c1, "A5:A6"


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class _Reader:
    def __init__(self, path: Path, language: str | None) -> None:
        self.path = path
        self.name = path.name
        self.language = language
        self.sheet: str | None = None
        self.errors: list[Located] = []
        self.warnings: list[str] = []
        self.dropped = 0
        self.covered: set[tuple[int, int]] = set()

    # -- messages ----------------------------------------------------------------
    def t(self, text: str, **values: object) -> str:
        return tr(text, self.language).format(**values)

    def fail(self, message: str, row: int | None = None, column: int | None = None,
             header: str | None = None) -> None:
        self.errors.append(Located(self.name, message, self.sheet, row, column, header, self.language))
        if len(self.errors) > 4 * MAX_ERRORS:  # keep the first ones in the file, count the rest
            self._keep_first()

    def _keep_first(self) -> None:
        """Errors in file order (whole file first, then by row and column); beyond
        :data:`MAX_ERRORS` they are only counted. The checks run in several passes
        over the rows, so the order found is not the file's."""
        self.errors.sort(key=lambda e: (e.row or 0, e.column or 0))
        self.dropped += max(0, len(self.errors) - MAX_ERRORS)
        del self.errors[MAX_ERRORS:]

    def fatal(self, message: str, row: int | None = None) -> ForecastImportError:
        self.fail(message, row)
        return self.error()

    def error(self) -> ForecastImportError:
        self._keep_first()
        errors = list(self.errors)
        if self.dropped:
            errors.append(Located(self.name, self.t(
                "1 more problem is not listed" if self.dropped == 1 else "{count} more problems are not listed",
                count=self.dropped), self.sheet, language=self.language))
        return ForecastImportError(errors)

    # -- opening -------------------------------------------------------------------
    def table(self) -> _Table:
        path = self.path
        if not path.exists():
            raise self.fatal(self.t("does not exist"))
        if path.is_dir():
            raise self.fatal(self.t("is a folder, not a file"))
        suffix = path.suffix.lower()
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise self.fatal(self.t("is {size} MB; a forecast file may have at most {limit} MB",
                                        size=f"{size / 2**20:.1f}", limit=MAX_FILE_BYTES // 2**20))
            with path.open("rb") as handle:
                head = handle.read(8)
        except OSError as error:
            raise self.fatal(self.t("cannot be read ({reason})", reason=error.strerror or error)) from None
        if suffix == ".xls" or (head.startswith(_OLE_MAGIC) and suffix in (".xlsx", ".xlsm")):
            raise self.fatal(self.t("is an Excel 97–2003 workbook (.xls); open it in Excel or "
                                    "LibreOffice and save it as Excel Workbook (.xlsx)"))
        if suffix in (".ods", ".fods"):
            raise self.fatal(self.t("is an OpenDocument spreadsheet (.ods); save it as Excel "
                                    "Workbook (.xlsx) or as CSV"))
        if suffix in (".xlsx", ".xlsm"):
            if size == 0:
                raise self.fatal(self.t("is empty"))
            return self._xlsx(head)
        if suffix in (".csv", ".txt", ".tsv"):
            if size == 0:
                raise self.fatal(self.t("is empty"))
            return self._csv(head)
        raise self.fatal(self.t("Turnos reads forecasts from .xlsx or .csv files, not {suffix}",
                                suffix=suffix or self.name))

    def _xlsx(self, head: bytes) -> _Table:
        if not head.startswith(b"PK"):
            if _looks_like_text(self.path):
                raise self.fatal(self.t("is a text file, not an Excel workbook; if it is a CSV "
                                        "export, rename it to .csv"))
            raise self.fatal(self.t("is not an Excel workbook (.xlsx) or is damaged; open it in "
                                    "Excel and save it again"))
        try:
            with zipfile.ZipFile(self.path) as archive:
                names = set(archive.namelist())
                if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                    raise self.fatal(self.t("is an OpenDocument spreadsheet (.ods); save it as Excel "
                                            "Workbook (.xlsx) or as CSV"))
                if "xl/workbook.xml" not in names:
                    raise self.fatal(self.t("is not an Excel workbook (.xlsx) or is damaged; open it "
                                            "in Excel and save it again"))
                unpacked = sum(i.file_size for i in archive.infolist() if i.filename.endswith(".xml"))
        except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError, EOFError, zlib.error):
            raise self.fatal(self.t("is not an Excel workbook (.xlsx) or is damaged; open it in "
                                    "Excel and save it again")) from None
        if unpacked > MAX_XLSX_XML_BYTES:
            raise self.fatal(self.t("is {size} MB; a forecast file may have at most {limit} MB",
                                    size=f"{unpacked / 2**20:.0f}", limit=MAX_FILE_BYTES // 2**20))
        # A small, highly compressed file may hold millions of cells: count them before parsing.
        from scheduler.spreadsheets.reading import FileRefused, ReadLimits, check_xlsx_bytes

        try:
            check_xlsx_bytes(self.path.read_bytes(), ReadLimits(MAX_FILE_BYTES, MAX_XLSX_XML_BYTES, MAX_CELLS),
                             self.language)
        except FileRefused as refused:
            raise self.fatal(str(refused)) from None
        except OSError as error:
            raise self.fatal(self.t("cannot be read ({reason})", reason=error.strerror or error)) from None
        workbook = self._load_workbook(data_only=False)
        visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
        if not visible:
            raise self.fatal(self.t("has no visible sheet"))
        sheet = next((ws for ws in visible if _fold(ws.title) in FORECAST_SHEETS), visible[0])
        self.sheet = sheet.title
        if sheet.max_row > MAX_ROWS:
            raise self.fatal(self.t("has {rows} rows; a forecast may have at most {limit}",
                                    rows=sheet.max_row, limit=MAX_ROWS))
        width = min(sheet.max_column, MAX_COLUMNS)
        if sheet.max_row * width > MAX_CELLS:  # two cells far apart: A1 and CV199999
            raise self.fatal(self.t("spans {cells} cells (A1 to {last}); a forecast may have at most {limit}: "
                                    "delete the cells below or to the right of the data",
                                    cells=f"{sheet.max_row * width:,}", last=f"{_letter(width)}{sheet.max_row}",
                                    limit=f"{MAX_CELLS:,}"))
        rows: list[tuple[int, list[object]]] = []
        formulas: list[tuple[int, int, int]] = []  # (row index in rows, column index, row number)
        for number, cells in enumerate(sheet.iter_rows(min_row=1, max_col=width), start=1):
            values: list[object] = []
            for cell in cells:
                value = cell.value
                kind = getattr(cell, "data_type", "n")
                if kind == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
                    formulas.append((len(rows), len(values), number))
                    value = _Formula(str(getattr(value, "text", value)))
                elif kind == "e":
                    value = _ExcelError(str(value))
                else:
                    value = _plain(value, cell.number_format)
                values.append(value)
            rows.append((number, values))
        if formulas:
            cached = self._load_workbook(data_only=True)[sheet.title]
            for index, column, number in formulas:
                cell = cached.cell(row=number, column=column + 1)
                value = cell.value
                if value is None:
                    continue  # stays a _Formula: reported if the cell is needed
                if isinstance(value, str) and cell.data_type == "e":
                    value = _ExcelError(value)
                else:
                    value = _plain(value, cell.number_format)
                rows[index][1][column] = value
        merged = [(r.min_row, r.min_col, r.max_row, r.max_col, r.coord) for r in sheet.merged_cells.ranges]
        return _Table(sheet.title, rows, workbook.epoch, merged)

    def _load_workbook(self, data_only: bool):
        import warnings

        from openpyxl import load_workbook

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl's notes on styles and extensions
                return load_workbook(self.path, data_only=data_only, keep_links=False)
        except Exception:  # openpyxl raises many kinds for a damaged package
            raise self.fatal(self.t("is not an Excel workbook (.xlsx) or is damaged; open it in "
                                    "Excel and save it again")) from None

    def _csv(self, head: bytes) -> _Table:
        if head.startswith(b"PK"):
            raise self.fatal(self.t("is an Excel workbook saved with a .csv name; rename it to .xlsx"))
        if head.startswith(_OLE_MAGIC):
            raise self.fatal(self.t("is an Excel 97–2003 workbook (.xls); open it in Excel or "
                                    "LibreOffice and save it as Excel Workbook (.xlsx)"))
        data = self.path.read_bytes()
        text = _decode(data)
        if text is None or "\x00" in text:
            raise self.fatal(self.t("is not a text (CSV) file"))
        lines = text.splitlines()
        delimiter = None
        skip = 0
        if lines and re.fullmatch(r'"?sep=(.)"?', lines[0].strip()):
            delimiter = re.fullmatch(r'"?sep=(.)"?', lines[0].strip())[1]
            skip = 1
        if delimiter is None:
            delimiter = _sniff_delimiter(lines[:HEADER_SEARCH_ROWS + 5])
        rows: list[tuple[int, list[object]]] = []
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        try:
            number = 0
            for record in reader:
                number += 1
                if number <= skip:
                    continue
                if number > MAX_ROWS:
                    raise self.fatal(self.t("has {rows} rows; a forecast may have at most {limit}",
                                            rows=f"> {MAX_ROWS}", limit=MAX_ROWS))
                rows.append((number, [cell.strip() or None for cell in record[:MAX_COLUMNS]]))
        except csv.Error as error:
            raise self.fatal(self.t("cannot be read ({reason})", reason=error)) from None
        return _Table(None, rows)

    # -- the table -------------------------------------------------------------------
    def run(self, horizon: Horizon | None, interval_minutes: int | None) -> ForecastImport:
        table = self.table()
        header_row, columns, minutes_unit = self._header(table)
        records, weekly = self._records(table, header_row, columns, minutes_unit)
        interval = self._interval(records, interval_minutes, columns)
        self._limits(records, interval, columns)
        self._duplicates(records, weekly)
        if self.errors:
            raise self.error()
        if "aht" not in columns:
            self.warnings.append(self.t("no AHT column: {seconds} s is used for every interval",
                                        seconds=f"{DEFAULT_AHT_SECONDS:g}"))
        if weekly:
            intervals = self._expand(records, horizon)
        else:
            intervals = self._within(records, horizon)
        forecast = Forecast(interval, tuple(intervals))
        return ForecastImport(forecast, self.warnings, weekly, len(records))

    def _header(self, table: _Table) -> tuple[int, dict[str, tuple[int, str]], bool]:
        """Row number of the header and, per role, the column (0-based) and header text."""
        best: tuple[int, int, dict[str, list[tuple[int, str, bool]]]] | None = None
        for index, (number, values) in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
            found: dict[str, list[tuple[int, str, bool]]] = {}
            for column, value in enumerate(values):
                if not isinstance(value, str):
                    continue
                role, minutes = _header_role(value)
                if role:
                    found.setdefault(role, []).append((column, value, minutes))
            score = len(found) + (2 if "calls" in found else 0)
            if found and (best is None or score > best[0]):
                best = (score, index, found)
        if best is None:
            if not any(any(v is not None for v in values) for _, values in table.rows):
                raise self.fatal(self.t("is empty"))
            raise self.fatal(self.t("has no header row naming the columns (for example Fecha, "
                                    "Intervalo, Llamadas, TMO (s))"))
        _, index, found = best
        number = table.rows[index][0]
        for role, places in found.items():
            if len(places) > 1 and role != "day":
                self.fail(self.t("columns {first} and {second} both hold {what}; keep one",
                                 first=_letter(places[0][0] + 1), second=_letter(places[1][0] + 1),
                                 what=tr(ROLES[role].what, self.language)), number)
        columns = {role: (places[0][0], places[0][1]) for role, places in found.items()}
        minutes_unit = bool(found.get("aht")) and found["aht"][0][2]
        if "day" in found:
            day_places = found["day"]
            data = table.rows[index + 1:]
            if "weekday" not in columns and ("date" in columns or self._looks_weekday(data, day_places[0][0])):
                columns["weekday"] = columns["day"]
            elif "date" not in columns:
                columns["date"] = columns["day"]
            del columns["day"]
        if "calls" not in columns:
            self._missing("calls", number)
        if "date" not in columns and "weekday" not in columns:
            names = ", ".join(ROLES["date"].shown[:2] + ROLES["weekday"].shown[:1] + ROLES["weekday"].shown[4:5])
            self.fail(self.t("no column for {what} (accepted headers: {names})",
                             what=tr("the date or the weekday", self.language), names=names + ", …"),
                      number)
        elif "date" not in columns and "time" not in columns:
            self._missing("time", number)
        if self.errors:
            raise self.error()
        table.rows = table.rows[index + 1:]
        self._merged(table, number, columns)
        if not any(any(values[c] is not None for c, _ in columns.values() if c < len(values))
                   for _, values in table.rows):
            raise self.fatal(self.t("has a header but no forecast rows"), number)
        return number, columns, minutes_unit

    def _missing(self, role: str, row: int) -> None:
        self.fail(self.t("no column for {what} (accepted headers: {names})",
                         what=tr(ROLES[role].what, self.language),
                         names=", ".join(ROLES[role].shown)), row)

    @staticmethod
    def _looks_weekday(rows: list[tuple[int, list[object]]], column: int) -> bool:
        seen = 0
        hits = 0
        for _, values in rows:
            value = values[column] if column < len(values) else None
            if value is None:
                continue
            seen += 1
            hits += isinstance(value, str) and _fold(value) in WEEKDAYS
            if seen >= 20:
                break
        return seen > 0 and hits * 2 > seen

    def _merged(self, table: _Table, header_row: int, columns: dict[str, tuple[int, str]]) -> None:
        used = {c + 1 for c, _ in columns.values()}
        for r0, c0, r1, c1, coord in sorted(table.merged):
            if r1 <= header_row or not any(c0 <= c <= c1 for c in used):
                continue
            header = next((h for c, h in columns.values() if c + 1 == c0), None)
            self.fail(self.t("cells {cells} are merged; unmerge them and fill in every row", cells=coord),
                      r0, c0, header)
            for r in range(max(r0, header_row + 1), r1 + 1):
                for c in range(c0, c1 + 1):
                    self.covered.add((r, c))

    # -- rows ------------------------------------------------------------------------
    def _records(self, table: _Table, header_row: int, columns: dict[str, tuple[int, str]],
                 minutes_unit: bool) -> tuple[list[_Record], bool]:
        weekly = "date" not in columns
        decimal_comma = _decimal_comma(table, [columns[r][0] for r in ("calls", "aht") if r in columns])
        day_first = _day_first(table, columns.get("date", (None,))[0])
        if not day_first:
            column = columns["date"][0]
            example = next((values[column] for _, values in table.rows
                            if column < len(values) and isinstance(values[column], str)), "")
            self.warnings.append(self.t("dates were read as month/day/year (e.g. {example})",
                                        example=example))
        key_column = columns["weekday" if weekly else "date"][0]
        records: list[_Record] = []
        missing_time_reported = False
        for number, values in table.rows:
            def cell(role: str) -> object:
                column = columns[role][0]
                return values[column] if column < len(values) else None

            used = [cell(role) for role in columns]
            if all(v is None for v in used):
                continue
            label = values[key_column] if key_column < len(values) else None
            if isinstance(label, str) and re.match(r"^(total|totales|suma|sum|subtotal)\b", _fold(label)):
                self.warnings.append(self.t("row {row} ({label}) was skipped as a total row",
                                            row=number, label=_shown(label)))
                continue
            record = _Record(number)
            ok = True

            def read(role: str, parse):
                nonlocal ok
                column, header = columns[role]
                if (number, column + 1) in self.covered:
                    ok = False
                    return None
                value = cell(role)
                if isinstance(value, _Formula):
                    self.fail(self.t("holds a formula without a saved result ({formula}); open the file "
                                     "in Excel and save it, or paste the values",
                                     formula=_shown(value.text)), number, column + 1, header)
                    ok = False
                    return None
                if isinstance(value, _ExcelError):
                    self.fail(self.t("holds the Excel error {value}", value=value.text), number,
                              column + 1, header)
                    ok = False
                    return None
                if value is None:
                    return None
                try:
                    return parse(value)
                except _Bad as problem:
                    self.fail(problem.message, number, column + 1, header)
                    ok = False
                    return None

            def required(role: str, parse, what: str):
                nonlocal ok
                column, header = columns[role]
                value = read(role, parse)
                if value is None and ok and cell(role) is None and (number, column + 1) not in self.covered:
                    self.fail(self.t("is empty; every row needs {what}", what=tr(what, self.language)),
                              number, column + 1, header)
                    ok = False
                return value

            if weekly:
                record.weekday = required("weekday", lambda v: _as_weekday(v, self.language), "the weekday")
            else:
                when = required("date", lambda v: _as_date(v, table.epoch, day_first, self.language),
                                "the date")
                if when is not None:
                    record.day, record.seconds = when
            if "time" in columns:
                when = required("time", lambda v: _as_time(v, table.epoch, self.language),
                                "the interval start")
                if when is not None:
                    record.seconds, full_day, record.span = when
                    if record.day is None and full_day is not None and not weekly:
                        record.day = full_day
            elif record.day is not None and record.seconds is None and not missing_time_reported:
                missing_time_reported = True
                self._missing("time", header_row)
                ok = False
            record.calls = required("calls", lambda v: _as_number(v, decimal_comma, self.language), "calls")
            if "aht" in columns:
                record.aht = read("aht", lambda v: _as_duration(v, minutes_unit, decimal_comma, self.language))
            if ok and record.calls is not None:
                self._check_values(record, columns)
            record.ok = ok and record.calls is not None and record.seconds is not None
            records.append(record)
        if not records:
            raise self.fatal(self.t("has a header but no forecast rows"), header_row)
        return records, weekly

    def _check_values(self, record: _Record, columns: dict[str, tuple[int, str]]) -> None:
        calls_column, calls_header = columns["calls"]
        if record.calls < 0:
            self.fail(self.t("calls cannot be negative, got {value}", value=_num_text(record.calls)),
                      record.row, calls_column + 1, calls_header)
            record.calls = None
            return
        if "aht" not in columns:
            record.aht = DEFAULT_AHT_SECONDS
            return
        aht_column, aht_header = columns["aht"]
        aht = record.aht
        if aht is not None and aht < 0:
            self.fail(self.t("the AHT cannot be negative, got {value}", value=_num_text(aht)),
                      record.row, aht_column + 1, aht_header)
            record.calls = None
        elif aht is not None and aht > MAX_AHT_SECONDS:
            self.fail(self.t("an AHT of {value} s is more than 3 hours; write the AHT in seconds",
                             value=_num_text(aht)), record.row, aht_column + 1, aht_header)
            record.calls = None
        elif record.calls > 0 and aht is None:
            self.fail(self.t("is empty; every row needs {what}", what=tr("the AHT", self.language)),
                      record.row, aht_column + 1, aht_header)
            record.calls = None
        elif record.calls > 0 and aht == 0:
            self.fail(self.t("the AHT must be more than 0 s when there are calls, got {value}",
                             value=_num_text(aht)), record.row, aht_column + 1, aht_header)
            record.calls = None
        elif not aht:
            record.aht = DEFAULT_AHT_SECONDS  # no calls: the AHT does not matter

    def _interval(self, records: list[_Record], forced: int | None, columns: dict[str, tuple[int, str]]) -> int:
        valid = [r for r in records if r.seconds is not None]
        if forced is not None:
            if forced not in INTERVALS:
                raise ValueError(tr("The forecast interval must be 15, 30 or 60 minutes, got {minutes}",
                                    self.language).format(minutes=forced))
            allowed: Sequence[int] = (forced,)
        else:
            allowed = INTERVALS
        column, header = columns.get("time", columns.get("date"))
        smallest = allowed[-1]
        for record in valid:
            if record.seconds % (smallest * 60):
                text = _hhmm(record.seconds // 60) + (f":{record.seconds % 60:02d}" if record.seconds % 60 else "")
                if forced is None:
                    message = self.t("{time} does not start a 15-, 30- or 60-minute interval", time=text)
                else:
                    message = self.t("{time} does not start a {minutes}-minute interval", time=text,
                                     minutes=forced)
                self.fail(message, record.row, column + 1, header)
                record.ok = False
        minutes = sorted({r.seconds // 60 for r in valid if r.ok})
        if forced is not None:
            return forced
        spans = {r.span for r in valid if r.span}
        if len(spans) == 1 and next(iter(spans)) in INTERVALS and all(
                m % next(iter(spans)) == 0 for m in minutes):
            return next(iter(spans))
        interval = next((i for i in INTERVALS if all(m % i == 0 for m in minutes)), 15)
        gaps = [b - a for a, b in zip(minutes, minutes[1:])]
        if minutes and gaps and min(gaps) > interval and len(minutes) > 2:
            self.warnings.append(self.t(
                "the rows are {gap} minutes apart but start on {minutes}-minute marks; each row is "
                "read as {minutes} minutes", gap=min(gaps), minutes=interval))
        return interval

    def _limits(self, records: list[_Record], interval: int, columns: dict[str, tuple[int, str]]) -> None:
        limit = MAX_CALLS_PER_15_MIN * interval // 15
        column, header = columns["calls"]
        for record in records:
            if record.calls is not None and record.calls > limit:
                self.fail(self.t("{value} calls in {minutes} minutes is more than {limit}; check the column",
                                 value=_num_text(record.calls), minutes=interval, limit=f"{limit:,}"
                                 .replace(",", "." if (self.language or _lang()) == "es" else ",")),
                          record.row, column + 1, header)
                record.ok = False

    def _duplicates(self, records: list[_Record], weekly: bool) -> None:
        seen: dict[tuple, int] = {}
        for record in records:
            if not record.ok or record.calls is None:
                continue
            key = (record.weekday if weekly else record.day, record.seconds)
            first = seen.setdefault(key, record.row)
            if first != record.row:
                if weekly:
                    when = f"{weekday_name(record.weekday, self.language)} {_hhmm(record.seconds // 60)}"
                else:
                    when = f"{_fmt_date(record.day, self.language)} {_hhmm(record.seconds // 60)}"
                self.fail(self.t("{when} is already on row {row}", when=when, row=first), record.row)

    # -- horizon ---------------------------------------------------------------------
    def _within(self, records: list[_Record], horizon: Horizon | None) -> list[ForecastInterval]:
        rows = [r for r in records if r.ok]
        if horizon is None:
            return [r.interval() for r in rows]
        inside = [r for r in rows if r.day in horizon]
        outside = [r for r in rows if r.day not in horizon]
        first, last = _fmt_date(horizon.start, self.language), _fmt_date(horizon.end, self.language)
        if not inside:
            days = sorted(r.day for r in rows)
            raise self.fatal(self.t(
                "no row falls in the planning horizon {first} – {last} (the file covers {from_} – {to})",
                first=first, last=last, from_=_fmt_date(days[0], self.language),
                to=_fmt_date(days[-1], self.language)))
        if outside:
            self.warnings.append(self.t(
                "1 row outside the planning horizon {first} – {last} was skipped (row {row})" if len(outside) == 1
                else "{count} rows outside the planning horizon {first} – {last} were skipped (the first on "
                "row {row})", count=len(outside), first=first, last=last, row=outside[0].row))
        self._missing_days({r.day for r in inside}, horizon)
        return [r.interval() for r in inside]

    def _missing_days(self, present: set[date], horizon: Horizon) -> None:
        missing = [d for d in horizon.dates() if d not in present]
        if missing:
            shown = ", ".join(_fmt_date(d, self.language) for d in missing[:5])
            if len(missing) > 5:
                shown += ", …"
            self.warnings.append(self.t(
                "1 day of the horizon has no forecast ({days}); it needs only the minimum staff" if len(missing) == 1
                else "{count} days of the horizon have no forecast ({days}); they need only the minimum staff",
                count=len(missing), days=shown))

    def _expand(self, records: list[_Record], horizon: Horizon | None) -> list[ForecastInterval]:
        rows = [r for r in records if r.ok]
        if horizon is None:
            today = date.today()
            horizon = Horizon(today + timedelta(days=7 - today.weekday()), 1)
            self.warnings.append(self.t(
                "no planning horizon: the weekly profile is shown for the week of {first}",
                first=_fmt_date(horizon.start, self.language)))
        by_day: dict[int, list[_Record]] = {}
        for record in rows:
            by_day.setdefault(record.weekday, []).append(record)
        absent = [d for d in range(7) if d not in by_day]
        if absent:
            self.warnings.append(self.t(
                "the weekly profile has no rows for {days}; those days need only the minimum staff",
                days=", ".join(weekday_name(d, self.language) for d in absent)))
        out = []
        for day in horizon.dates():
            for record in by_day.get(day.weekday(), ()):
                out.append(record.interval(day))
        return out


@dataclass
class _Record:
    row: int
    day: date | None = None
    weekday: int | None = None
    seconds: int | None = None
    span: int | None = None
    calls: float | None = None
    aht: float | None = None
    ok: bool = True

    def interval(self, day: date | None = None) -> ForecastInterval:
        start = datetime.combine(day or self.day, time()) + timedelta(seconds=self.seconds)
        return ForecastInterval(start, float(self.calls), float(self.aht or DEFAULT_AHT_SECONDS))


# --------------------------------------------------------------------------- file-level sniffing


def _looks_like_text(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            sample = handle.read(4096)
    except OSError:
        return False
    text = _decode(sample)
    return text is not None and "\x00" not in text and bool(text.strip())


def _decode(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError:
            return data[3:].decode("cp1252", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _sniff_delimiter(lines: list[str]) -> str:
    """The separator giving the most lines with the same number (> 1) of fields; ``;`` wins ties."""
    best, best_score = ";", (0, 0)
    sample = [line for line in lines if line.strip()]
    for candidate in (";", "\t", ",", "|"):
        try:
            counts = [len(row) for row in csv.reader(sample, delimiter=candidate)]
        except csv.Error:
            continue
        counts = [c for c in counts if c > 1]
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        score = (counts.count(common), common)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _decimal_comma(table: _Table, columns: Iterable[int]) -> bool:
    """Whether numbers written as text use a decimal comma (then ``1.234`` is a thousand)."""
    columns = list(columns)
    for _, values in table.rows:
        for column in columns:
            value = values[column] if column < len(values) else None
            if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d*,\d+\s*", value):
                return True
    return False


def _day_first(table: _Table, column: int | None) -> bool:
    """Day/month order of text dates: day first unless some date only makes sense month first."""
    if column is None:
        return True
    month_first = False
    for _, values in table.rows:
        value = values[column] if column < len(values) else None
        if not isinstance(value, str):
            continue
        match = _DATE_DMY.match(value.strip())
        if not match:
            continue
        first, second = int(match[1]), int(match[2])
        if first > 12:
            return True
        if second > 12:
            month_first = True
    return not month_first


def _plain(value: object, number_format: str) -> object:
    """A cell value as read: text stripped (empty is None), a date shown without time as a date."""
    if isinstance(value, str):
        return value.strip() or None
    if (isinstance(value, datetime) and value.time() == time() and not _shows_time(number_format)
            and value.date() not in _EXCEL_TIME_BASES):
        return value.date()
    return value


def _shows_time(number_format: str) -> bool:
    """Whether an Excel number format shows a time of day (``dd/mm/yyyy hh:mm``) or only a date."""
    plain = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", str(number_format or "")).lower()
    return "h" in plain or ":" in plain or "am/pm" in plain


# --------------------------------------------------------------------------- public reader


def read_forecast(path: str | os.PathLike, horizon: Horizon | None = None, language: str | None = None,
                  *, interval_minutes: int | None = None) -> ForecastImport:
    """Read a forecast from ``path`` (.xlsx or .csv).

    With a ``horizon``, rows of other days are skipped with a warning (a file
    with no row in the horizon is an error) and a weekly profile is applied to
    every week of it. ``interval_minutes`` forces the interval length instead
    of reading it from the data. Raises :class:`ForecastImportError` listing
    every problem, in ``language`` (default: the current one).
    """
    return _Reader(Path(path), language).run(horizon, interval_minutes)
