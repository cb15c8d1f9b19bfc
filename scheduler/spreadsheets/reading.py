"""Reading spreadsheets people filled in: safely, and with errors that say where.

Shared by every importer (availability templates, agents, requests, and any
later one such as the forecast). The pieces:

* :class:`LocatedError` — one problem, named by file, sheet and cell, with a
  message in the UI language: ``ana.xlsx › Peticiones › C7: "lbre" is not a code; …``.
* :func:`read_workbook` / :func:`read_table` — open an ``.xlsx`` (or a ``.csv``)
  only after checking it is small enough and really is an Excel workbook
  (not a renamed ``.xls``/``.ods``, not a zip bomb), see :class:`ReadLimits`.
  Values are the cached results (``data_only=True``); a formula without one is
  reported by :meth:`Table.value` with a request to paste values.
* ``parse_*`` — turn one cell value into a Python value or raise
  :class:`CellValueError` with a human message (the caller adds the location):
  whole numbers, decimals with a decimal comma, booleans in Spanish or English,
  dates (Excel dates in either date system, ``23/11/2026``, ``2026-11-23``),
  times of day.
* :func:`fold` / :func:`header_key` — compare words ignoring case, accents and
  surrounding spaces (``Líbre`` = ``libre``; ``Días máx`` = ``dias max``);
  :class:`Column` / :func:`find_header` — find a header row whose titles may be
  in Spanish or English, anywhere in the first rows; a row naming several
  known columns but not a required one is reported as missing that column,
  and titles no importer reads are returned as warnings (never dropped silently).
* :class:`ImportReport` / :func:`save_import` — what an importer returns (the
  new project, applied items, located errors and warnings, conflicts) and the
  one transaction that writes it.

An importer built on these reads a file with :func:`read_table`, maps the
header with :func:`find_header`, reads each cell with :meth:`Table.value` and a
``parse_*`` function, and turns each :class:`CellValueError` into
``table.error(row, column, message)``.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import os
import re
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel

from scheduler.i18n import add_translations, tr
from scheduler.i18n import number as format_number

__all__ = [
    "DEFAULT_LIMITS",
    "CellValueError",
    "Column",
    "FileRefused",
    "HeaderMap",
    "ImportReport",
    "LocatedError",
    "ReadLimits",
    "Table",
    "cell_ref",
    "check_xlsx_bytes",
    "choose_sheet",
    "find_header",
    "fold",
    "header_example",
    "formula_cells",
    "header_key",
    "is_blank",
    "parse_bool",
    "parse_date",
    "parse_decimal",
    "parse_int",
    "parse_number",
    "parse_text",
    "parse_time_of_day",
    "position",
    "read_csv_rows",
    "read_file_bytes",
    "read_table",
    "read_workbook",
    "save_import",
    "sheet_table",
    "show_value",
    "visible_sheets",
]

SEPARATOR = " › "


# -- errors ---------------------------------------------------------------------

@dataclass(frozen=True)
class LocatedError:
    """One problem in an imported file: where it is and what to do about it.

    ``sheet`` is empty for a CSV file or a problem with the whole file;
    ``cell`` is an A1 reference (``C7``), or empty when the whole sheet or file
    is concerned. ``str(error)`` reads ``file › sheet › cell: message``.
    """

    file: str
    sheet: str = ""
    cell: str = ""
    message: str = ""

    def __str__(self) -> str:
        where = SEPARATOR.join(part for part in (self.file, self.sheet, self.cell) if part)
        return f"{where}: {self.message}"


class CellValueError(ValueError):
    """A cell value cannot be read; the message is for a person, without location."""


class FileRefused(Exception):
    """A whole file cannot be read (too big, not an xlsx …); message for a person."""


# -- Spanish texts ----------------------------------------------------------------

add_translations({
    # whole files
    "the file could not be read ({reason})": "no se pudo leer el archivo ({reason})",
    "the file does not exist": "el archivo no existe",
    "the file is empty (0 bytes)": "el archivo está vacío (0 bytes)",
    "the file is {size} MB, more than the {limit} MB a spreadsheet may have here; "
    "remove what is not needed or split it":
        "el archivo ocupa {size} MB, más de los {limit} MB permitidos; quita lo que no haga "
        "falta o divídelo",
    "this is an Excel 97–2003 file (.xls), not an .xlsx workbook; open it in Excel or "
    "LibreOffice and save it as Excel Workbook (.xlsx)":
        "es un archivo de Excel 97–2003 (.xls), no un libro .xlsx; ábrelo en Excel o "
        "LibreOffice y guárdalo como Libro de Excel (.xlsx)",
    "this is an OpenDocument spreadsheet (.ods), not an .xlsx workbook; open it in LibreOffice "
    "or Excel and save it as Excel Workbook (.xlsx)":
        "es una hoja de cálculo OpenDocument (.ods), no un libro .xlsx; ábrela en LibreOffice "
        "o Excel y guárdala como Libro de Excel (.xlsx)",
    "this is not an Excel workbook (.xlsx)": "no es un libro de Excel (.xlsx)",
    "the workbook is damaged ({reason}); open it in Excel and save it again":
        "el libro está dañado ({reason}); ábrelo en Excel y guárdalo de nuevo",
    "the workbook unpacks to more than {limit} MB, which no real template or list needs; "
    "it was not opened":
        "el libro se descomprime en más de {limit} MB, algo que ninguna plantilla o lista "
        "real necesita; no se ha abierto",
    "the sheet {sheet} spans {cells} cells (A1 to {last}), more than the {limit} a spreadsheet may "
    "have here; delete the cells below or to the right of the data":
        "la hoja {sheet} abarca {cells} celdas (de A1 a {last}), más de las {limit} permitidas; borra "
        "las celdas que hay debajo o a la derecha de los datos",
    "the workbook has more than {limit} cells; remove what is not needed or split it":
        "el libro tiene más de {limit} celdas; quita lo que no haga falta o divídelo",
    "only .xlsx workbooks and .csv files can be imported, not {suffix}":
        "solo se pueden importar libros .xlsx y archivos .csv, no {suffix}",
    "the workbook has no visible sheet": "el libro no tiene ninguna hoja visible",
    "the text could not be decoded; save the CSV file as UTF-8":
        "no se pudo leer el texto; guarda el archivo CSV como UTF-8",
    # cells
    "the cell holds a formula without a saved value; copy the cells and paste them as "
    "values (Paste Special › Values), then save":
        "la celda tiene una fórmula sin valor guardado; copia las celdas y pégalas como "
        "valores (Pegado especial › Valores) y guarda",
    "{value} is not a whole number": "{value} no es un número entero",
    "{value} is not a number": "{value} no es un número",
    "{value} is less than {minimum}": "{value} es menor que {minimum}",
    "{value} is more than {maximum}": "{value} es mayor que {maximum}",
    "{value} is not yes or no; write sí/yes or no":
        "{value} no es sí ni no; escribe sí o no",
    "{value} is not a date; write it as dd/mm/yyyy or yyyy-mm-dd":
        "{value} no es una fecha; escríbela como dd/mm/aaaa o aaaa-mm-dd",
    "{value} is not a time of day; write it as HH:MM between 00:00 and 23:59":
        "{value} no es una hora; escríbela como HH:MM entre 00:00 y 23:59",
    "{value} is not a time of day; write it as HH:MM between 00:00 and 24:00":
        "{value} no es una hora; escríbela como HH:MM entre 00:00 y 24:00",
    "{value} is not text": "{value} no es un texto",
    "the text is {length} characters long; keep it under {limit}":
        "el texto tiene {length} caracteres; no pases de {limit}",
    "cells {cells} are merged; unmerge them so that every cell holds its own value":
        "las celdas {cells} están combinadas; sepáralas para que cada celda tenga su propio valor",
    "no header row found; the first rows must name the columns, e.g. {example}":
        "no se encuentra la fila de títulos; las primeras filas deben nombrar las columnas, "
        "p. ej. {example}",
    "the column {name} is missing; every row needs one":
        "falta la columna {name}; es obligatoria en cada fila",
    "the column «{name}» is not one Turnos reads; it was ignored — known columns: {known}":
        "la columna «{name}» no es una de las que lee Turnos; se ha ignorado — columnas conocidas: {known}",
    "the column {name} appears twice (also in {other})":
        "la columna {name} aparece dos veces (también en {other})",
    "the column {name} is missing": "falta la columna {name}",
    "{column} is empty; every row needs one": "{column} está vacío; cada fila necesita uno",
    # saving
    "{file} changed since the import was prepared; import again so that nothing is lost.":
        "{file} ha cambiado desde que se preparó la importación; vuelve a importar para que no se pierda nada.",
})


# -- limits and safe opening --------------------------------------------------------

@dataclass(frozen=True)
class ReadLimits:
    """What an imported file may be, checked before it is parsed.

    ``max_file_bytes``: the file on disk. ``max_unzipped_bytes``: all parts of the
    xlsx together once unpacked (as declared in the zip, which also bounds what
    is read). ``max_cells``: cells in all sheets, counted from the sheet XML
    before openpyxl builds anything. ``max_parts``: zip members.
    """

    max_file_bytes: int = 20 * 1024 * 1024
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_cells: int = 1_000_000
    max_parts: int = 10_000


DEFAULT_LIMITS = ReadLimits()

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f}" if n >= 1024 * 1024 else f"{n / (1024 * 1024):.2f}"


def read_file_bytes(path: str | os.PathLike, limits: ReadLimits = DEFAULT_LIMITS,
                    language: str | None = None) -> bytes:
    """The bytes of ``path``, refusing missing, empty and over-sized files."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise FileRefused(tr("this is not an Excel workbook (.xlsx)", language))
        if size > limits.max_file_bytes:
            raise FileRefused(tr("the file is {size} MB, more than the {limit} MB a spreadsheet may "
                                 "have here; remove what is not needed or split it", language)
                              .format(size=_mb(size), limit=_mb(limits.max_file_bytes)))
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)
    except FileNotFoundError:
        raise FileRefused(tr("the file does not exist", language)) from None
    except OSError as error:
        raise FileRefused(tr("the file could not be read ({reason})", language)
                          .format(reason=error.strerror or error)) from None
    if len(data) > limits.max_file_bytes:  # grew while we read it
        raise FileRefused(tr("the file is {size} MB, more than the {limit} MB a spreadsheet may "
                             "have here; remove what is not needed or split it", language)
                          .format(size=_mb(len(data)), limit=_mb(limits.max_file_bytes)))
    if not data:
        raise FileRefused(tr("the file is empty (0 bytes)", language))
    return data


def check_xlsx_bytes(data: bytes, limits: ReadLimits = DEFAULT_LIMITS,
                     language: str | None = None) -> None:
    """Refuse, before parsing, what is not a reasonable ``.xlsx`` workbook.

    Recognises renamed ``.xls`` (OLE2) and ``.ods`` files, plain text, broken
    zips, zip bombs (declared unpacked size) and sheets with too many cells
    (counted by scanning the sheet XML for cell tags, without parsing it).
    """
    if data.startswith(_OLE_MAGIC):
        raise FileRefused(tr("this is an Excel 97–2003 file (.xls), not an .xlsx workbook; open it in "
                             "Excel or LibreOffice and save it as Excel Workbook (.xlsx)", language))
    if not data.startswith(_ZIP_MAGIC):
        raise FileRefused(tr("this is not an Excel workbook (.xlsx)", language))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:200]:
                raise FileRefused(tr("this is an OpenDocument spreadsheet (.ods), not an .xlsx workbook; "
                                     "open it in LibreOffice or Excel and save it as Excel Workbook "
                                     "(.xlsx)", language))
            if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
                raise FileRefused(tr("this is not an Excel workbook (.xlsx)", language))
            unzipped = sum(info.file_size for info in infos)
            if len(infos) > limits.max_parts or unzipped > limits.max_unzipped_bytes:
                raise FileRefused(tr("the workbook unpacks to more than {limit} MB, which no real "
                                     "template or list needs; it was not opened", language)
                                  .format(limit=_mb(limits.max_unzipped_bytes)))
            cells = 0
            for info in infos:
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    cells += _count_cells(archive, info, limits.max_cells - cells)
                    if cells > limits.max_cells:
                        raise FileRefused(tr("the workbook has more than {limit} cells; remove what "
                                             "is not needed or split it", language)
                                          .format(limit=f"{limits.max_cells:,}"))
    except FileRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError,
            OSError, ValueError, RuntimeError, zlib.error) as error:  # zlib: a damaged compressed part
        raise FileRefused(tr("the workbook is damaged ({reason}); open it in Excel and save it again",
                             language).format(reason=_reason(error))) from None


def _count_cells(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> int:
    """Cell tags in one sheet part, stopping once ``budget`` is exceeded."""
    count = 0
    tail = b""
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                return count
            block = tail + chunk
            # Count only matches starting before the carried-over tail of this block.
            cut = max(0, len(block) - 32)
            count += sum(1 for m in _CELL_TAG.finditer(block) if m.start() < cut)
            tail = block[cut:]
            if count > budget:
                return count


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120]


def read_workbook(path: str | os.PathLike, *, data_only: bool = True, read_only: bool = False,
                  limits: ReadLimits = DEFAULT_LIMITS, language: str | None = None,
                  data: bytes | None = None):
    """Open an ``.xlsx`` for reading values, after :func:`check_xlsx_bytes`.

    Raises :class:`FileRefused` for everything that is not a readable
    workbook; openpyxl's own warnings about features it drops are silenced.
    (openpyxl parses with defusedxml, installed with Turnos, so XML entity
    tricks are refused too.)
    """
    from openpyxl import load_workbook

    if data is None:
        data = read_file_bytes(path, limits, language)
    check_xlsx_bytes(data, limits, language)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=read_only, data_only=data_only,
                                     keep_links=False)
    except Exception as error:  # noqa: BLE001 - any parser failure is a damaged file to a person
        raise FileRefused(tr("the workbook is damaged ({reason}); open it in Excel and save it again",
                             language).format(reason=_reason(error))) from None
    # Two cells far apart (A1 and XFD1048576) pass the cell count, but every reader
    # walks the rectangle between them: refuse a sheet whose used range is too big.
    for sheet in workbook.worksheets:
        area = sheet.max_row * sheet.max_column
        if area > limits.max_cells:
            workbook.close()
            raise FileRefused(tr("the sheet {sheet} spans {cells} cells (A1 to {last}), more than the {limit} a "
                                 "spreadsheet may have here; delete the cells below or to the right of the "
                                 "data", language).format(
                sheet=sheet.title, cells=f"{area:,}", last=cell_ref(sheet.max_row, sheet.max_column),
                limit=f"{limits.max_cells:,}"))
    return workbook


# -- text ----------------------------------------------------------------------------

def fold(text: Any) -> str:
    """``text`` for comparison: no accents, case-folded, ``_``/``-`` as spaces, spaces collapsed.

    ``"  Líbre "`` → ``"libre"``; ``"NO_DISPONIBLE"`` → ``"no disponible"``.
    """
    raw = unicodedata.normalize("NFKD", str(text))
    raw = "".join(ch for ch in raw if not unicodedata.combining(ch))
    raw = raw.casefold().replace("_", " ").replace("-", " ")
    return " ".join(raw.split())


def header_key(text: Any) -> str:
    """A column title for matching: folded, without parenthesised notes or punctuation.

    ``"Horas semana mín. (h)"`` → ``"horas semana min"``.
    """
    raw = re.sub(r"\([^)]*\)", " ", fold(text))
    raw = re.sub(r"[^\w]+", " ", raw)
    return " ".join(raw.split())


def show_value(value: Any, limit: int = 40) -> str:
    """A cell value quoted for a message: ``"lbre"``, ``"7"``, ``"2027-01-04"``."""
    if isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, time):
        text = value.strftime("%H:%M")
    elif isinstance(value, bool):
        text = "TRUE" if value else "FALSE"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"'


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_ref(row: int, column: int) -> str:
    """``(7, 3)`` → ``"C7"``."""
    return f"{get_column_letter(column)}{row}"


_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")


def position(error: LocatedError) -> tuple[str, str, int, int]:
    """Sort key of located problems: file, sheet, row, column (a whole sheet or file first)."""
    from openpyxl.utils import column_index_from_string

    match = _REF.fullmatch(error.cell)
    row, column = (int(match[2]), column_index_from_string(match[1])) if match else (0, 0)
    return error.file, error.sheet, row, column


# -- parsing one value -------------------------------------------------------------------

def parse_text(value: Any, *, max_length: int | None = None, booleans: bool = False,
               language: str | None = None) -> str:
    """Text of a cell, trimmed; numbers read as typed (``1001.0`` → ``"1001"``), dates ISO.

    Excel turns a typed ``true`` into a boolean: with ``booleans`` (free text
    such as notes) it reads back as ``TRUE``/``FALSE``, otherwise it is refused.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        if booleans:
            return "TRUE" if value else "FALSE"
        raise CellValueError(tr("{value} is not text", language).format(value=show_value(value)))
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, datetime):
        text = value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    elif isinstance(value, (date, time)):
        text = value.isoformat()
    else:
        text = str(value)
    text = text.strip()
    if max_length is not None and len(text) > max_length:
        raise CellValueError(tr("the text is {length} characters long; keep it under {limit}", language)
                             .format(length=len(text), limit=max_length))
    return text


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")


def parse_number(value: Any, *, language: str | None = None) -> float:
    """A decimal number: Excel numbers, or text with a decimal comma or point.

    ``"37,5"`` and ``"37.5"`` are 37.5; with both marks the last one is the
    decimal separator (``"1.234,5"``, ``"1,234.5"``); spaces are ignored.
    """
    if isinstance(value, bool) or value is None:
        raise CellValueError(tr("{value} is not a number", language).format(value=show_value(value)))
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        text = _SPACES.sub("", value.strip())
        if "," in text and "." in text:
            decimal = "," if text.rfind(",") > text.rfind(".") else "."
            thousands = "." if decimal == "," else ","
            text = text.replace(thousands, "").replace(decimal, ".")
        else:
            text = text.replace(",", ".")
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
            raise CellValueError(tr("{value} is not a number", language).format(value=show_value(value)))
        number = float(text)
    else:
        raise CellValueError(tr("{value} is not a number", language).format(value=show_value(value)))
    if not math.isfinite(number):
        raise CellValueError(tr("{value} is not a number", language).format(value=show_value(value)))
    return number


def _check_range(value: float, shown: Any, minimum: float | None, maximum: float | None,
                 language: str | None) -> None:
    if minimum is not None and value < minimum:
        raise CellValueError(tr("{value} is less than {minimum}", language)
                             .format(value=show_value(shown), minimum=format_number(minimum, "g", language)))
    if maximum is not None and value > maximum:
        raise CellValueError(tr("{value} is more than {maximum}", language)
                             .format(value=show_value(shown), maximum=format_number(maximum, "g", language)))


def parse_int(value: Any, *, minimum: int | None = None, maximum: int | None = None,
              language: str | None = None) -> int:
    """A whole number (``5``, ``5.0``, ``"5"``, ``"5,0"``), optionally within bounds."""
    try:
        number = parse_number(value, language=language)
    except CellValueError:
        raise CellValueError(tr("{value} is not a whole number", language)
                             .format(value=show_value(value))) from None
    if abs(number - round(number)) > 1e-9 or abs(number) > 1e15:
        raise CellValueError(tr("{value} is not a whole number", language).format(value=show_value(value)))
    _check_range(number, value, minimum, maximum, language)
    return int(round(number))


def parse_decimal(value: Any, *, minimum: float | None = None, maximum: float | None = None,
                  language: str | None = None) -> float:
    """:func:`parse_number` within bounds."""
    number = parse_number(value, language=language)
    _check_range(number, value, minimum, maximum, language)
    return number


_TRUE = frozenset({"si", "s", "yes", "y", "true", "verdadero", "1", "x", "ok"})
_FALSE = frozenset({"no", "n", "false", "falso", "0"})


def parse_bool(value: Any, *, language: str | None = None) -> bool:
    """Yes or no: ``sí``/``si``/``yes``/``true``/``1``/``x`` or ``no``/``false``/``0``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        key = fold(value).rstrip(".")
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
    raise CellValueError(tr("{value} is not yes or no; write sí/yes or no", language)
                         .format(value=show_value(value)))


_ISO_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DMY_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?")
#: Excel serial numbers of 1900-01-01 … 9999-12-31.
_SERIAL_RANGE = (1, 2958465)


def parse_date(value: Any, *, epoch: datetime = CALENDAR_WINDOWS_1900,
               language: str | None = None) -> date:
    """A calendar date from an Excel date, a serial number or text.

    Text is read day first (``23/11/2026``, ``23-11-26``, ``23.11.2026``) or ISO
    (``2026-11-23``). A bare number is an Excel serial in the workbook's date
    system (``epoch``: 1900, or 1904 for old Mac workbooks).
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    problem = CellValueError(tr("{value} is not a date; write it as dd/mm/yyyy or yyyy-mm-dd", language)
                             .format(value=show_value(value)))
    if isinstance(value, bool):
        raise problem
    if isinstance(value, (int, float)):
        if not (_SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]) or not float(value).is_integer():
            raise problem
        try:
            moment = from_excel(value, epoch)
        except (ValueError, OverflowError, TypeError):
            raise problem from None
        if not isinstance(moment, datetime):
            raise problem
        return moment.date()
    if isinstance(value, str):
        text = value.strip()
        try:
            if match := _ISO_DATE.fullmatch(text):
                return date(int(match[1]), int(match[2]), int(match[3]))
            if match := _DMY_DATE.fullmatch(text):
                year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
                return date(year, int(match[2]), int(match[1]))
        except ValueError:
            raise problem from None
    raise problem


_EXCEL_TIME_DAYS = (date(1899, 12, 30), date(1899, 12, 31), date(1900, 1, 1), date(1904, 1, 1))
_TIME_TEXT = re.compile(r"(\d{1,2})\s*[:hH.]\s*(\d{2})(?::(\d{2}))?\s*(?:h)?")


def parse_time_of_day(value: Any, *, allow_end: bool = False, language: str | None = None) -> int:
    """Minutes after midnight: ``"08:30"``, ``"8:30"``, ``"8h30"``, an Excel time or day fraction.

    ``24:00`` (the end of a day) only with ``allow_end``; ``25:00`` never.
    """
    top = 24 * 60 if allow_end else 24 * 60 - 1
    key = ("{value} is not a time of day; write it as HH:MM between 00:00 and 24:00" if allow_end
           else "{value} is not a time of day; write it as HH:MM between 00:00 and 23:59")
    problem = CellValueError(tr(key, language).format(value=show_value(value)))
    minutes: int | None = None
    if isinstance(value, datetime):
        if value.date() not in _EXCEL_TIME_DAYS:
            raise problem
        minutes = value.hour * 60 + value.minute
    elif isinstance(value, time):
        minutes = value.hour * 60 + value.minute
    elif isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
    elif isinstance(value, bool):
        raise problem
    elif isinstance(value, (int, float)):
        if not 0 <= value <= 1:
            raise problem
        minutes = round(value * 24 * 60)
    elif isinstance(value, str):
        match = _TIME_TEXT.fullmatch(value.strip())
        if not match:
            raise problem
        hours, mins = int(match[1]), int(match[2])
        if mins >= 60 or (match[3] and int(match[3]) >= 60):
            raise problem
        minutes = hours * 60 + mins
    if minutes is None or not 0 <= minutes <= top:
        raise problem
    return minutes


# -- tables: a sheet or a CSV as rows of values --------------------------------------------

@dataclass
class Table:
    """The values of one sheet (or CSV file), rows and columns numbered from 1.

    ``value(row, column)`` gives the cell's value (``None`` when blank) and
    raises :class:`CellValueError` for a formula whose result was never saved
    (a workbook written by a program rather than Excel), so that importers
    never mistake it for an empty cell.
    """

    file: str
    sheet: str
    rows: list[tuple[Any, ...]]
    epoch: datetime = CALENDAR_WINDOWS_1900
    merged: list[tuple[int, int, int, int, str]] = field(default_factory=list)  # r1, c1, r2, c2, "B3:C3"
    _formula_cells: frozenset[tuple[int, int]] | None = None
    _formula_loader: Any = None
    language: str | None = None

    @property
    def max_row(self) -> int:
        return len(self.rows)

    @property
    def max_column(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def raw(self, row: int, column: int) -> Any:
        if 1 <= row <= len(self.rows):
            values = self.rows[row - 1]
            if 1 <= column <= len(values):
                return values[column - 1]
        return None

    def value(self, row: int, column: int) -> Any:
        value = self.raw(row, column)
        if value is None and (row, column) in self.formula_cells():
            raise CellValueError(tr(
                "the cell holds a formula without a saved value; copy the cells and paste them as "
                "values (Paste Special › Values), then save", self.language))
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def formula_cells(self) -> frozenset[tuple[int, int]]:
        if self._formula_cells is None:
            self._formula_cells = frozenset(self._formula_loader() if self._formula_loader else ())
        return self._formula_cells

    def error(self, row: int | None, column: int | None, message: str) -> LocatedError:
        """A :class:`LocatedError` at a cell of this table (the whole sheet without row/column)."""
        return LocatedError(self.file, self.sheet, cell_ref(row, column) if row and column else "", message)

    def merged_in(self, first_row: int, last_row: int, columns: Iterable[int]) -> list[str]:
        """Merged ranges touching rows ``first_row``–``last_row`` in ``columns``."""
        wanted = set(columns)
        return [ref for r1, c1, r2, c2, ref in self.merged
                if r1 <= last_row and r2 >= first_row and any(c1 <= c <= c2 for c in wanted)]


def sheet_table(workbook, sheet, file: str, *, data: bytes | None = None,
                language: str | None = None) -> Table:
    """A :class:`Table` of an openpyxl sheet loaded with ``data_only=True``.

    ``data`` (the file's bytes) lets the table find formulas without saved
    values (:func:`formula_cells`), only if ever needed.
    """
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    ranges = sheet.merged_cells.ranges if hasattr(sheet, "merged_cells") else ()
    merged = [(m.min_row, m.min_col, m.max_row, m.max_col, m.coord) for m in ranges]
    title = sheet.title
    return Table(file, title, rows, getattr(workbook, "epoch", CALENDAR_WINDOWS_1900), merged,
                 _formula_loader=(lambda: formula_cells(data, title)) if data is not None else None,
                 language=language)


_XML_ELEMENT = {name: re.compile(rb"<(?:[\w.-]+:)?" + name + rb"\b([^>]*?)/?>")
                for name in (b"sheet", b"Relationship")}
_XML_ATTRIBUTE = re.compile(rb'([\w:.-]+)\s*=\s*"([^"]*)"')
#: A cell element whose first child is a formula: ``<c r="C7" …><f>…`` (also ``<x:c>``, shared ``<f …/>``).
_FORMULA_CELL = re.compile(rb"<(?:[\w.-]+:)?c\b([^>]*)>\s*<(?:[\w.-]+:)?f[\s>/]")
_CELL_REF = re.compile(rb'\br\s*=\s*"([A-Z]{1,3})([0-9]{1,7})"')


def _attributes(raw: bytes) -> dict[str, str]:
    import html

    return {k.decode(): html.unescape(v.decode("utf-8", "replace")) for k, v in _XML_ATTRIBUTE.findall(raw)}


def formula_cells(data: bytes, sheet_title: str) -> set[tuple[int, int]]:
    """``(row, column)`` of the cells holding a formula in sheet ``sheet_title`` of an xlsx.

    Scans the sheet's XML text (no parser: the file passed :func:`check_xlsx_bytes`);
    falls back to openpyxl when the parts cannot be located.
    """
    from openpyxl.utils import column_index_from_string

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            targets = {}
            for match in _XML_ELEMENT[b"Relationship"].finditer(archive.read("xl/_rels/workbook.xml.rels")):
                attrs = _attributes(match[1])
                if "Id" in attrs and "Target" in attrs:
                    target = attrs["Target"]
                    targets[attrs["Id"]] = target.lstrip("/") if target.startswith("/") else "xl/" + target
            part = None
            for match in _XML_ELEMENT[b"sheet"].finditer(archive.read("xl/workbook.xml")):
                attrs = _attributes(match[1])
                rel = next((v for k, v in attrs.items() if k == "id" or k.endswith(":id")), None)
                if attrs.get("name") == sheet_title and rel in targets:
                    part = targets[rel]
            if part is None:
                raise KeyError(sheet_title)
            xml = archive.read(part)
        found = set()
        for match in _FORMULA_CELL.finditer(xml):
            ref = _CELL_REF.search(match[1])
            if ref:
                found.add((int(ref[2]), column_index_from_string(ref[1].decode())))
        return found
    except (KeyError, ValueError, zipfile.BadZipFile, OSError):
        return _formula_cells_by_openpyxl(data, sheet_title)


def _formula_cells_by_openpyxl(data: bytes, sheet_title: str) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            try:
                for row in book[sheet_title].iter_rows():
                    for cell in row:
                        if getattr(cell, "data_type", None) == "f":
                            found.add((cell.row, cell.column))
            finally:
                book.close()
    except Exception:  # noqa: BLE001 - the values were read; formulas are a refinement
        return set()
    return found


def visible_sheets(workbook) -> list:
    return [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]


def choose_sheet(workbook, preferred: Iterable[str] = ()):
    """A visible sheet named like one of ``preferred`` (folded), else the first visible one."""
    sheets = visible_sheets(workbook)
    wanted = {fold(name) for name in preferred}
    for sheet in sheets:
        if fold(sheet.title) in wanted:
            return sheet
    return sheets[0] if sheets else None


def _decode(data: bytes, language: str | None) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise FileRefused(tr("the text could not be decoded; save the CSV file as UTF-8",
                                 language)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # Excel's "CSV" on Spanish/English Windows
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_csv_rows(data: bytes, *, language: str | None = None) -> list[tuple[str | None, ...]]:
    """Rows of a CSV file: UTF-8 (with or without BOM) or cp1252, ``;``, ``,`` or tab separated.

    The separator is the one of ``;``, ``,`` and tab that occurs most often
    (outside quotes) in the first non-empty line; empty fields are ``None``.
    """
    text = _decode(data, language)
    if "\x00" in text:
        raise FileRefused(tr("this is not an Excel workbook (.xlsx)", language))
    first = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {sep: unquoted.count(sep) for sep in (";", ",", "\t")}
    separator = max(counts, key=lambda sep: (counts[sep], sep == ";"))
    if counts[separator] == 0:
        separator = ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
        return [tuple(cell if cell.strip() else None for cell in row) for row in reader]
    except csv.Error as error:
        raise FileRefused(tr("the file could not be read ({reason})", language)
                          .format(reason=_reason(error))) from None


XLSX_SUFFIXES = (".xlsx", ".xlsm")


def read_table(path: str | os.PathLike, *, preferred_sheets: Iterable[str] = (),
               limits: ReadLimits = DEFAULT_LIMITS, language: str | None = None) -> Table:
    """The data of an ``.xlsx`` (first visible sheet, or one named like ``preferred_sheets``)
    or a ``.csv`` file, as a :class:`Table`. Raises :class:`FileRefused`."""
    path = Path(path)
    suffix = path.suffix.lower()
    data = read_file_bytes(path, limits, language)
    if suffix == ".csv" or (suffix not in XLSX_SUFFIXES and not data.startswith((_ZIP_MAGIC, _OLE_MAGIC))):
        if suffix != ".csv":
            raise FileRefused(tr("only .xlsx workbooks and .csv files can be imported, not {suffix}",
                                 language).format(suffix=suffix or path.name))
        rows = read_csv_rows(data, language=language)
        cells = sum(len(r) for r in rows)
        if cells > limits.max_cells:
            raise FileRefused(tr("the workbook has more than {limit} cells; remove what is not needed "
                                 "or split it", language).format(limit=f"{limits.max_cells:,}"))
        return Table(path.name, "", list(rows), language=language)
    workbook = read_workbook(path, limits=limits, language=language, data=data)
    try:
        sheet = choose_sheet(workbook, preferred_sheets)
        if sheet is None:
            raise FileRefused(tr("the workbook has no visible sheet", language))
        return sheet_table(workbook, sheet, path.name, data=data, language=language)
    finally:
        workbook.close()


# -- header rows ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """A column an importer understands: its key and the titles it may have (any language).

    ``usual`` is its usual title in English and in Spanish, for messages (a
    column the file lacks is named in the import's language); without it the
    first of ``titles`` is used.
    """

    key: str
    titles: tuple[str, ...]
    required: bool = False
    usual: tuple[str, str] | None = None

    def matches(self, title: Any) -> bool:
        key = header_key(title)
        return bool(key) and key in {header_key(t) for t in self.titles}

    def title(self, language: str | None = None) -> str:
        """The usual title in ``language`` (default: the current one)."""
        if self.usual is None:
            return self.titles[0]
        return self.usual[1] if _spanish(language) else self.usual[0]


def _spanish(language: str | None) -> bool:
    from scheduler.i18n import language as current

    return (language or current()) == "es"


@dataclass(frozen=True)
class HeaderMap:
    """Where the header row is and which column holds what (1-based).

    ``ignored`` lists the titles of the header row no column matches, as
    ``(column, title)``: their cells are not read.
    """

    row: int
    columns: Mapping[str, int]
    titles: Mapping[str, str]  # key -> the title as written in the file
    ignored: tuple[tuple[int, str], ...] = ()

    def __contains__(self, key: str) -> bool:
        return key in self.columns


def header_example(columns: Sequence[Column], language: str | None = None, count: int = 3) -> str:
    """A few usual titles, required columns first, in the import's language and then the other:
    ``ID, Nombre, Contrato … / ID, Name, Contract …`` for a Spanish import."""
    chosen = sorted(columns, key=lambda c: not c.required)[:count]
    spanish = ", ".join(c.title("es") for c in chosen) + " …"
    english = ", ".join(c.title("en") for c in chosen) + " …"
    if spanish == english:
        return english
    return f"{spanish} / {english}" if _spanish(language) else f"{english} / {spanish}"


def _header_text(value: Any) -> str:
    return show_value(value)[1:-1]


def _match_row(table: Table, r: int, columns: Sequence[Column]):
    """``(found, titles, ignored, duplicate errors)`` of row ``r`` read as a header row."""
    found: dict[str, int] = {}
    titles: dict[str, str] = {}
    ignored: list[tuple[int, str]] = []
    errors: list[LocatedError] = []
    for c, title in enumerate(table.rows[r - 1], start=1):
        if is_blank(title):
            continue
        column = next((column for column in columns if isinstance(title, str) and column.matches(title)), None)
        if column is None:
            ignored.append((c, _header_text(title)))
        elif column.key in found:
            errors.append(table.error(r, c, tr("the column {name} appears twice (also in {other})",
                                               table.language).format(
                name=title.strip(), other=cell_ref(r, found[column.key]))))
        else:
            found[column.key] = c
            titles[column.key] = title.strip()
    return found, titles, ignored, errors


def find_header(table: Table, columns: Sequence[Column], *, search_rows: int = 20, example: str = "",
                missing: str = "", warnings: list[LocatedError] | None = None,
                ) -> tuple[HeaderMap | None, list[LocatedError]]:
    """Find the header row: the first of the top ``search_rows`` naming every required column.

    When no row names them all, the row naming most known columns (at least
    two) is taken for the header and each required column it lacks is reported
    at that row, with ``missing`` (already translated, ``{name}`` = the column's
    usual title in the import's language; default: "… every row needs one").
    Otherwise the error says no header row was found, with ``example`` titles
    (default: :func:`header_example`, the import's language first).

    Titles of the header row that no column matches are not read; each is
    appended to ``warnings`` (when given) as a located warning naming it and
    the known columns. Returns ``(None, errors)`` when no row fits or a known
    column appears twice.
    """
    language = table.language
    required = [c for c in columns if c.required]
    best: tuple[int, int, dict[str, int], list[tuple[int, str]], list[LocatedError]] | None = None
    for r in range(1, min(search_rows, table.max_row) + 1):
        found, titles, ignored, errors = _match_row(table, r, columns)
        if all(c.key in found for c in required):
            if warnings is not None:
                warnings.extend(_ignored_warnings(table, r, ignored, columns))
            if errors:
                return None, errors
            return HeaderMap(r, found, titles, tuple(ignored)), []
        if len(found) >= 2 and (best is None or len(found) > best[0]):
            best = (len(found), r, found, ignored, errors)
    if best is not None:
        _count, r, found, ignored, errors = best
        message = missing or tr("the column {name} is missing; every row needs one", language)
        first = min([*found.values(), *(c for c, _t in ignored)])
        errors = [table.error(r, first, message.format(name=column.title(language)))
                  for column in required if column.key not in found] + errors
        if warnings is not None:
            warnings.extend(_ignored_warnings(table, r, ignored, columns))
        return None, errors
    return None, [LocatedError(table.file, table.sheet, "A1",
                               tr("no header row found; the first rows must name the columns, e.g. {example}",
                                  language).format(example=example or header_example(columns, language)))]


def _ignored_warnings(table: Table, row: int, ignored: Sequence[tuple[int, str]],
                      columns: Sequence[Column]) -> list[LocatedError]:
    language = table.language
    known = ", ".join(c.title(language) for c in columns)
    return [table.error(row, c, tr("the column «{name}» is not one Turnos reads; it was ignored — known "
                                   "columns: {known}", language).format(name=title, known=known))
            for c, title in ignored]


# -- import results --------------------------------------------------------------------------

@dataclass(frozen=True)
class ImportReport:
    """What an import would do: the new project, and what to tell the team lead.

    ``base`` is the project the import was computed from and ``project`` the
    result (equal to ``base`` when nothing applies). ``applied`` holds one
    summary per file that was applied (its type depends on the importer),
    ``errors`` every located problem (a file with an error changes nothing),
    ``conflicts`` what the team lead must decide
    (:class:`scheduler.spreadsheets.conflicts.Conflict`), ``warnings`` what was
    read differently than the file may intend and changes nothing by itself
    (a column no importer reads, ignored), located like the errors.
    """

    base: Any
    project: Any
    applied: tuple[Any, ...] = ()
    errors: tuple[LocatedError, ...] = ()
    conflicts: tuple[Any, ...] = ()
    warnings: tuple[LocatedError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> bool:
        return self.project != self.base

    def files_with_errors(self) -> list[str]:
        return list(dict.fromkeys(e.file for e in self.errors))


def save_import(path: str | os.PathLike, report: ImportReport, *, by: str = "") -> bool:
    """Write ``report.project`` to the project file at ``path``, in one transaction.

    Nothing is written when the import changes nothing. Refuses (``ValueError``)
    when the file no longer holds ``report.base`` — someone saved the project
    in between — so that no change is lost; import again then.
    Returns whether the file was written.
    """
    from scheduler.store import load_project, save_project

    if not report.changed:
        return False
    if load_project(path) != report.base:
        raise ValueError(tr("{file} changed since the import was prepared; import again so that nothing "
                            "is lost.").format(file=Path(path).name))
    save_project(path, report.project, by=by)
    return True
