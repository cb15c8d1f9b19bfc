"""Writing cells as values: nothing an agent typed becomes a formula."""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet


def put(sheet: Worksheet, row: int, column: int, value: Any, number_format: str | None = None):
    """Write ``value`` as a plain value; text is always text, even ``=HYPERLINK(…)``."""
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    return cell
