"""Mandated breaks: law presets, placement inside the roster's shifts, and their checks."""
