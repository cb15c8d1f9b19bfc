"""Turnos application core: domain, staffing, spreadsheets, project store, CLI."""
