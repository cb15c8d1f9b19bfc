"""Importing forecast call volume: real-world files are read, every broken file is refused with its place."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from scheduler.domain import Forecast, ForecastInterval, Horizon
from scheduler.staffing import forecast_import
from scheduler.staffing.forecast_import import (
    ForecastImportError,
    Located,
    apply_forecast,
    read_forecast,
)
from scheduler.store import load_project

NOV = Horizon(date(2026, 11, 23), 1)  # Monday 23 – Sunday 29 November 2026


def write_csv(folder: Path, text: str, name: str = "forecast.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(folder: Path, rows: list[list], name: str = "forecast.xlsx", title: str = "Previsión",
               formats: dict[str, str] | None = None) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    path = folder / name
    workbook.save(path)
    return path


def errors_of(path: Path, horizon: Horizon | None = NOV, language: str = "en") -> list[str]:
    with pytest.raises(ForecastImportError) as caught:
        read_forecast(path, horizon, language)
    return [str(e) for e in caught.value.errors]


def intervals(forecast: Forecast) -> list[tuple[str, float, float]]:
    return [(f"{i.start:%Y-%m-%d %H:%M}", i.calls, i.aht_seconds) for i in forecast.intervals]


# --------------------------------------------------------------------------- the bundled sample


def test_the_sample_spreadsheet_imports_equal_to_the_sample_projects_forecast(sample_copy: Path) -> None:
    project = load_project(sample_copy)
    sample_xlsx = Path(__file__).resolve().parents[2] / "samples" / "forecast.xlsx"
    result = read_forecast(sample_xlsx, project.horizon)
    assert result.warnings == []
    assert result.forecast == project.forecast
    apply_forecast(sample_copy, result.forecast)
    assert load_project(sample_copy) == project


def test_apply_forecast_replaces_the_projects_forecast_and_its_interval(sample_copy: Path,
                                                                         tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO\n04/01/2027;08:00;12,5;310\n"
                               "04/01/2027;08:30;20;300\n")
    project = load_project(sample_copy)
    result = read_forecast(path, project.horizon)
    apply_forecast(sample_copy, result.forecast)
    stored = load_project(sample_copy)
    assert stored.forecast.interval_minutes == 30
    assert intervals(stored.forecast) == [("2027-01-04 08:00", 12.5, 310.0), ("2027-01-04 08:30", 20.0, 300.0)]
    assert stored.agents == project.agents


# --------------------------------------------------------------------------- what real exports look like


def test_a_spanish_csv_with_semicolons_and_decimal_commas_is_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "\ufeffFecha;Intervalo;Llamadas;TMO\n"
                               "23/11/2026;08:00;12,5;310\n"
                               "23/11/2026;08:15;1.234,5;295,5\n"
                               "23/11/2026;08:30;0;\n")
    result = read_forecast(path, NOV)
    assert result.forecast.interval_minutes == 15
    assert intervals(result.forecast) == [
        ("2026-11-23 08:00", 12.5, 310.0),
        ("2026-11-23 08:15", 1234.5, 295.5),
        ("2026-11-23 08:30", 0.0, 300.0),  # no calls: the AHT does not matter
    ]


def test_a_windows_1252_csv_with_accented_headers_is_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Día;Hora inicio;Contactos;Duración media (s)\r\n"
                               "23-11-2026;8:00;5;200\r\n", encoding="cp1252")
    result = read_forecast(path, NOV)
    assert intervals(result.forecast) == [("2026-11-23 08:00", 5.0, 200.0)]


@pytest.mark.parametrize("day, moment", [
    ("23/11/2026", "08:00"), ("2026-11-23", "8:00"), ("23-11-2026", "8:00:00"), ("23.11.2026", "08:00 - 08:30"),
])
def test_date_and_time_styles_are_all_read(tmp_path: Path, day: str, moment: str) -> None:
    path = write_csv(tmp_path, f"Date,Time,Calls,AHT (s)\n{day},{moment},7,240\n")
    result = read_forecast(path, NOV)
    assert intervals(result.forecast) == [("2026-11-23 08:00", 7.0, 240.0)]


def test_excel_serial_dates_time_fractions_and_date_cells_are_read(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [
        ["Fecha", "Hora", "Llamadas", "TMO (s)"],
        [46349, 1 / 3, 10, 300],  # serial date and time fraction in General format
        [date(2026, 11, 23), time(8, 15), 11, 301],
        [datetime(2026, 11, 23), "8:30", 12, 302],
        ["46349", "08:45:00", 13, 303],
    ], formats={"A3": "dd/mm/yyyy", "B3": "hh:mm", "A4": "dd/mm/yyyy"})
    result = read_forecast(path, NOV)
    assert intervals(result.forecast) == [
        ("2026-11-23 08:00", 10.0, 300.0), ("2026-11-23 08:15", 11.0, 301.0),
        ("2026-11-23 08:30", 12.0, 302.0), ("2026-11-23 08:45", 13.0, 303.0)]


def test_one_date_time_column_is_enough(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [["Fecha y hora", "Calls"],
                                 [datetime(2026, 11, 23, 9, 0), 4], [datetime(2026, 11, 23, 10, 0), 6]],
                      formats={"A2": "dd/mm/yyyy hh:mm", "A3": "dd/mm/yyyy hh:mm"})
    result = read_forecast(path, NOV)
    assert result.forecast.interval_minutes == 60
    assert intervals(result.forecast) == [("2026-11-23 09:00", 4.0, 300.0), ("2026-11-23 10:00", 6.0, 300.0)]
    assert result.warnings == ["no AHT column: 300 s is used for every interval",
                               "6 days of the horizon have no forecast (2026-11-24, 2026-11-25, 2026-11-26, "
                               "2026-11-27, 2026-11-28, …); they need only the minimum staff"]


def test_aht_in_minutes_or_as_a_duration_is_turned_into_seconds(tmp_path: Path) -> None:
    minutes = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO (min)\n23/11/2026;08:00;5;5,5\n")
    assert intervals(read_forecast(minutes, NOV).forecast) == [("2026-11-23 08:00", 5.0, 330.0)]
    duration = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;AHT\n23/11/2026;08:00;5;5:10\n", name="d.csv")
    assert intervals(read_forecast(duration, NOV).forecast) == [("2026-11-23 08:00", 5.0, 310.0)]


def test_a_weekly_profile_is_applied_to_every_week_of_the_horizon(tmp_path: Path) -> None:
    lines = ["Día semana;Intervalo;Llamadas;TMO"]
    names = ["lunes", "Mar", "miercoles", "Jue.", "VIERNES", "sábado", "Sun"]
    for index, name in enumerate(names):
        lines.append(f"{name};08:00;{index + 1};300")
        lines.append(f"{name};08:30;{index + 1},5;310")
    path = write_csv(tmp_path, "\n".join(lines) + "\n")
    result = read_forecast(path, Horizon(date(2026, 11, 23), 2))
    assert result.weekly_profile
    assert result.forecast.interval_minutes == 30
    assert len(result.forecast.intervals) == 2 * 7 * 2
    by_start = result.forecast.by_start()
    for week in (0, 1):
        for index in range(7):
            day = datetime(2026, 11, 23) + timedelta(days=7 * week + index)
            assert by_start[day + timedelta(hours=8)].calls == index + 1
            assert by_start[day + timedelta(hours=8, minutes=30)].calls == index + 1.5


def test_a_day_column_holding_weekday_names_is_a_weekly_profile(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Day,Start,Volume,AHT\nMonday,22:00,3,400\nTue,22:00,4,400\n")
    result = read_forecast(path, NOV)
    assert intervals(result.forecast) == [("2026-11-23 22:00", 3.0, 400.0), ("2026-11-24 22:00", 4.0, 400.0)]
    assert "the weekly profile has no rows for Wed, Thu, Fri, Sat, Sun" in result.warnings[-1]


def test_the_sheet_named_forecast_is_read_and_hidden_sheets_are_ignored(tmp_path: Path) -> None:
    workbook = Workbook()
    notes = workbook.active
    notes.title = "Notas"
    notes.append(["nothing to see"])
    hidden = workbook.create_sheet("Previsión")
    hidden.append(["Fecha", "Intervalo", "Llamadas"])
    hidden.append(["not a date", "x", "y"])
    hidden.sheet_state = "hidden"
    data = workbook.create_sheet("Forecast")
    data.append(["Previsión semana 48"])  # a title above the header
    data.append(["Date", "Interval", "Calls", "AHT"])
    data.append(["2026-11-23", "08:00", 9, 200])
    path = tmp_path / "forecast.xlsx"
    workbook.save(path)
    result = read_forecast(path, NOV)
    assert intervals(result.forecast) == [("2026-11-23 08:00", 9.0, 200.0)]


def test_rows_outside_the_horizon_are_skipped_with_a_warning(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO\n22/11/2026;08:00;1;300\n"
                               "23/11/2026;08:00;2;300\n30/11/2026;08:00;3;300\n")
    result = read_forecast(path, NOV)
    assert intervals(result.forecast) == [("2026-11-23 08:00", 2.0, 300.0)]
    assert result.warnings[0] == ("2 rows outside the planning horizon 2026-11-23 – 2026-11-29 were skipped "
                                  "(the first on row 2)")


def test_total_rows_and_blank_rows_are_skipped(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO\n23/11/2026;08:00;2;300\n;;;\n"
                               "Total;;2;\n")
    result = read_forecast(path, NOV)
    assert intervals(result.forecast) == [("2026-11-23 08:00", 2.0, 300.0)]
    assert "row 4 (Total) was skipped as a total row" in result.warnings


# --------------------------------------------------------------------------- one test per kind of broken file


def test_a_missing_required_column_is_named_with_the_accepted_headers(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Fecha;Intervalo;TMO\n23/11/2026;08:00;300\n")
    assert errors_of(path) == [
        "forecast.csv › row 1: no column for calls (accepted headers: Llamadas, Llamadas previstas, "
        "Llamadas ofrecidas, Volumen, Contactos, Calls, Offered, Calls offered, Offered calls, Volume, "
        "Contacts)"]


def test_an_empty_required_cell_is_located(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO\n23/11/2026;08:00;1;300\n23/11/2026;;2;300\n")
    assert errors_of(path) == [
        "forecast.csv › row 3 › column B (Intervalo): is empty; every row needs the interval start"]


def test_a_word_where_a_number_belongs_is_located(tmp_path: Path) -> None:
    rows = "".join(f"23/11/2026;{8 + i // 4:02d}:{i % 4 * 15:02d};{i};300\n" for i in range(12))
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO\n" + rows + "23/11/2026;11:00;abc;300\n")
    assert errors_of(path) == ['forecast.csv › row 14 › column C (Llamadas): "abc" is not a number']


def test_errors_speak_the_interface_language(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO\n23/11/2026;08:00;abc;300\n")
    assert errors_of(path, language="es") == [
        'forecast.csv › fila 2 › columna C (Llamadas): "abc" no es un número']


def test_wrong_dates_times_and_weekdays_are_located(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO\n31/02/2026;08:00;1;300\n23/11/2026;8 y media;1;300\n")
    assert errors_of(path) == [
        'forecast.csv › row 2 › column A (Fecha): "31/02/2026" is not a date (write it as 23/11/2026 or 2026-11-23)',
        'forecast.csv › row 3 › column B (Intervalo): "8 y media" is not a time of day (write it as 08:00)']
    profile = write_csv(tmp_path, "Weekday,Interval,Calls\nFunday,08:00,1\n", name="profile.csv")
    assert errors_of(profile) == [
        'profile.csv › row 2 › column A (Weekday): "Funday" is not a day of the week '
        "(write lunes … domingo or Monday … Sunday)"]


def test_negative_calls_are_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO\n23/11/2026;08:00;-3;300\n")
    assert errors_of(path) == ["forecast.csv › row 2 › column C (Llamadas): calls cannot be negative, got -3"]


@pytest.mark.parametrize("calls, aht, message", [
    ("12", "0", "column D (TMO (s)): the AHT must be more than 0 s when there are calls, got 0"),
    ("12", "12000", "column D (TMO (s)): an AHT of 12000 s is more than 3 hours; write the AHT in seconds"),
    ("12", "-5", "column D (TMO (s)): the AHT cannot be negative, got -5"),
    ("10001", "300", "column C (Llamadas): 10001 calls in 15 minutes is more than 10,000; check the column"),
])
def test_absurd_numbers_are_refused(tmp_path: Path, calls: str, aht: str, message: str) -> None:
    path = write_csv(tmp_path, f"Fecha;Intervalo;Llamadas;TMO (s)\n23/11/2026;08:00;{calls};{aht}\n"
                               "23/11/2026;08:15;1;300\n")
    assert errors_of(path) == [f"forecast.csv › row 2 › {message}"]


def test_a_duplicate_interval_names_both_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO\n23/11/2026;08:00;1;300\n"
                               "23/11/2026;08:30;1;300\n2026-11-23;8:00;2;300\n")
    assert errors_of(path) == ["forecast.csv › row 4: 2026-11-23 08:00 is already on row 2"]


def test_intervals_not_on_15_30_or_60_minute_marks_are_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO\n23/11/2026;08:00;1;300\n23/11/2026;08:10;1;300\n")
    assert errors_of(path) == [
        "forecast.csv › row 3 › column B (Intervalo): 08:10 does not start a 15-, 30- or 60-minute interval"]


def test_a_file_with_no_row_in_the_horizon_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO\n01/12/2026;08:00;1;300\n")
    assert errors_of(path) == [
        "forecast.csv: no row falls in the planning horizon 2026-11-23 – 2026-11-29 "
        "(the file covers 2026-12-01 – 2026-12-01)"]


def test_formulas_without_a_saved_result_are_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, [["Fecha", "Intervalo", "Llamadas", "TMO"],
                                 ["23/11/2026", "08:00", "=2*6", 300]])
    assert errors_of(path) == [
        "forecast.xlsx › Previsión › row 2 › column C (Llamadas): holds a formula without a saved result "
        "(=2*6); open the file in Excel and save it, or paste the values"]


def test_merged_cells_in_the_data_are_refused(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Forecast"
    sheet.append(["Fecha", "Intervalo", "Llamadas", "TMO"])
    sheet.append(["23/11/2026", "08:00", 1, 300])
    sheet.append([None, "08:15", 1, 300])
    sheet.merge_cells("A2:A3")
    path = tmp_path / "forecast.xlsx"
    workbook.save(path)
    assert errors_of(path) == [
        "forecast.xlsx › Forecast › row 2 › column A (Fecha): cells A2:A3 are merged; unmerge them and "
        "fill in every row"]


def test_a_file_too_big_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO\n" + "23/11/2026;08:00;1;300\n" * 50)
    monkeypatch.setattr(forecast_import, "MAX_FILE_BYTES", 1024)
    assert errors_of(path) == ["forecast.csv: is 0.0 MB; a forecast file may have at most 0 MB"]
    monkeypatch.setattr(forecast_import, "MAX_FILE_BYTES", 10 * 2**20)
    monkeypatch.setattr(forecast_import, "MAX_ROWS", 20)
    assert errors_of(path) == ["forecast.csv: has > 20 rows; a forecast may have at most 20"]


def test_old_excel_and_opendocument_files_renamed_to_xlsx_get_a_clear_message(tmp_path: Path) -> None:
    xls = tmp_path / "forecast.xlsx"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert errors_of(xls) == [
        "forecast.xlsx: is an Excel 97–2003 workbook (.xls); open it in Excel or LibreOffice and save it "
        "as Excel Workbook (.xlsx)"]
    ods = tmp_path / "prevision.xlsx"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert errors_of(ods) == [
        "prevision.xlsx: is an OpenDocument spreadsheet (.ods); save it as Excel Workbook (.xlsx) or as CSV"]
    text = write_csv(tmp_path, "Fecha;Intervalo;Llamadas\n", name="export.xlsx")
    assert errors_of(text) == [
        "export.xlsx: is a text file, not an Excel workbook; if it is a CSV export, rename it to .csv"]
    other = write_csv(tmp_path, "x", name="forecast.pdf")
    assert errors_of(other) == ["forecast.pdf: Turnos reads forecasts from .xlsx or .csv files, not .pdf"]


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas;TMO\n23/11/2026;08:00;x;300\n"
                               "23/11/2026;08:15;2;0\nmañana;08:30;3;300\n")
    found = errors_of(path)
    assert [e.split(":")[0] for e in found] == [
        "forecast.csv › row 2 › column C (Llamadas)", "forecast.csv › row 3 › column D (TMO)",
        "forecast.csv › row 4 › column A (Fecha)"]


def test_problems_found_in_different_passes_are_listed_in_row_and_column_order(tmp_path: Path) -> None:
    # Row 6's off-mark interval is found after the rows are read, row 10's AHT while reading them.
    rows = ["Fecha;Franja horaria;Llamadas previstas;TMO (s)"] + [
        f"23/11/2026;{h:02d}:{m:02d};2,5;300" for h in range(3) for m in (0, 15, 30, 45)][:11]
    rows[5] = "23/11/2026;00:20;3,1;300"
    rows[7] = "23/11/2026;01:30;tres;300"
    rows[9] = "23/11/2026;02:00;2,5;12000"
    found = errors_of(write_csv(tmp_path, "\n".join(rows) + "\n", name="prevision_mal.csv"), language="es")
    assert [e.split(":")[0] for e in found] == [
        "prevision_mal.csv › fila 6 › columna B (Franja horaria)",
        "prevision_mal.csv › fila 8 › columna C (Llamadas previstas)",
        "prevision_mal.csv › fila 10 › columna D (TMO (s))"]


def test_only_the_first_problems_in_the_file_are_listed_and_the_rest_counted(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(forecast_import, "MAX_ERRORS", 3)
    lines = ["Fecha;Intervalo;Llamadas;TMO"] + [f"23/11/2026;{h:02d}:10;x;300" for h in range(8)]
    found = errors_of(write_csv(tmp_path, "\n".join(lines) + "\n"))
    # Each row has two problems, its calls (found first) and its interval mark (found in a later pass):
    # the first three in the file are kept, whatever the order they were found in.
    assert [e.split(":")[0] for e in found[:3]] == [
        "forecast.csv › row 2 › column B (Intervalo)", "forecast.csv › row 2 › column C (Llamadas)",
        "forecast.csv › row 3 › column B (Intervalo)"]
    assert found[3:] == ["forecast.csv: 13 more problems are not listed"]


def test_one_problem_not_listed_and_one_day_without_forecast_are_singular(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(forecast_import, "MAX_ERRORS", 1)
    path = write_csv(tmp_path, "Fecha;Intervalo;Llamadas\n23/11/2026;08:00;x\n23/11/2026;08:15;y\n")
    assert errors_of(path, language="es")[-1] == "forecast.csv: hay 1 problema más que no se muestra"
    week = "\n".join(f"{23 + d}/11/2026;08:00;5" for d in range(6))
    result = read_forecast(write_csv(tmp_path, "Fecha;Intervalo;Llamadas\n" + week + "\n", name="w.csv"), NOV, "en")
    assert "1 day of the horizon has no forecast (2026-11-29); it needs only the minimum staff" in result.warnings


def test_errors_carry_their_place_as_fields() -> None:
    error = Located("f.xlsx", "is odd", "Hoja1", 3, 28, "Llamadas")
    assert (error.column_letter, str(error)) == ("AB", "f.xlsx › Hoja1 › row 3 › column AB (Llamadas): is odd")


# --------------------------------------------------------------------------- fuzz


CELL = st.one_of(
    st.none(), st.integers(-20, 50_000), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["23/11/2026", "2026-11-23", "08:00", "8:15", "08:10", "lunes", "Sun", "abc", "12,5",
                     "1.234,5", "=SUM(A1)", "Total", "", "24:00", "31/02/2026", "300", "-1"]),
    st.text(max_size=8),
)
HEADERS = st.lists(st.sampled_from(["Fecha", "Intervalo", "Llamadas", "TMO", "Día", "Hora", "Calls", "AHT (s)",
                                    "Weekday", "x"]), min_size=1, max_size=5)


def _csv_cell(value) -> str:
    return "" if value is None else str(value).replace(";", ",").replace("\n", " ").replace("\r", " ").replace('"', "")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headers=HEADERS, rows=st.lists(st.lists(CELL, max_size=5), max_size=6), as_xlsx=st.booleans())
def test_random_files_import_or_fail_with_located_errors(tmp_path: Path, headers, rows, as_xlsx) -> None:
    if as_xlsx:
        clean = [[v if not isinstance(v, str) else "".join(ch for ch in v if ch.isprintable()) for v in row]
                 for row in rows]
        clean = [[None if isinstance(v, float) and v != v else v for v in row] for row in clean]
        path = write_xlsx(tmp_path, [headers] + clean, name="fuzz.xlsx")
    else:
        text = "\n".join(";".join(_csv_cell(v) for v in row) for row in [headers] + rows)
        path = write_csv(tmp_path, text, name="fuzz.csv")
    try:
        result = read_forecast(path, NOV)
    except ForecastImportError as error:
        assert error.errors and all(str(e).startswith(path.name) for e in error.errors)
    else:
        assert isinstance(result.forecast, Forecast)
        assert all(isinstance(i, ForecastInterval) and i.start.date() in NOV for i in result.forecast.intervals)
