"""``turnos-cli``: headless commands for automation and for the sample.

Each command group lives in ``scheduler/commands/<group>.py`` and adds its
sub-commands in ``register(subparsers)``; errors meant for people are printed
as one line, never as a traceback, in the system's language (Spanish or
English; ``TURNOS_LANGUAGE=es|en`` chooses).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from scheduler.files import ExportError
from scheduler.i18n import set_language, system_language
from scheduler.store import ProjectFileError

COMMAND_MODULES = (
    "scheduler.commands.roster",
    "scheduler.commands.spreadsheets",
    "scheduler.commands.staffing",
    "scheduler.commands.exports",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="turnos-cli", description="Turnos shift and break scheduler")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    set_language(system_language())
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ProjectFileError, ExportError, ValueError) as error:
        print(f"turnos-cli: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
