"""``turnos-cli``: headless commands for automation and for the sample.

Each command group lives in ``scheduler/commands/<group>.py`` and adds its
sub-commands in ``register(subparsers)``; errors meant for people are printed
as one line, never as a traceback, in the system's language (Spanish or
English; ``TURNOS_LANGUAGE=es|en`` chooses). ``--help`` and argparse's own
refusals ("usage:", "the following arguments are required: …") speak it too:
our help texts go through ``tr()`` when the parser is built, after the
language is set, and argparse's texts through :func:`argparse_language`.
"""

from __future__ import annotations

import argparse
import gettext
import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from scheduler.files import ExportError
from scheduler.i18n import add_translations, language, set_language, system_language, tr
from scheduler.store import ProjectFileError

COMMAND_MODULES = (
    "scheduler.commands.roster",
    "scheduler.commands.spreadsheets",
    "scheduler.commands.staffing",
    "scheduler.commands.exports",
)

add_translations({
    "Turnos shift and break scheduler": "Turnos: planificador de turnos y pausas",
})

#: argparse's own texts in Spanish, keyed by the exact English msgid of its ``_()`` / ``ngettext()``
#: calls (Python 3.11 to 3.13; a test reads the running ``argparse`` and lists any it lacks). The
#: %-placeholders stay as they are. Left out: the errors of a badly built parser ("conflicting
#: option string", "dest= is required" …), which only a programmer sees.
ARGPARSE_ES: dict[str, str] = {
    # help
    "usage: ": "uso: ",
    "positional arguments": "argumentos posicionales",
    "options": "opciones",
    "subcommands": "órdenes",
    "%(heading)s:": "%(heading)s:",
    "show this help message and exit": "muestra esta ayuda y sale",
    "show program's version number and exit": "muestra la versión del programa y sale",
    " (default: %(default)s)": " (por defecto: %(default)s)",
    # refusals
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: aviso: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "faltan estos argumentos obligatorios: %s",
    "one of the arguments %s is required": "hace falta uno de los argumentos %s",
    "not allowed with argument %s": "no se puede usar junto con el argumento %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "valor no válido: %(value)r (elige entre %(choices)s)",
    "invalid %(type)s value: %(value)r": "valor %(type)s no válido: %(value)r",
    "expected one argument": "se esperaba un argumento",
    "expected at most one argument": "se esperaba como mucho un argumento",
    "expected at least one argument": "se esperaba al menos un argumento",
    "expected %s argument": "se esperaba %s argumento",
    "expected %s arguments": "se esperaban %s argumentos",
    "ignored explicit argument %r": "se ignora el argumento explícito %r",
    "ambiguous option: %(option)s could match %(matches)s": "opción ambigua: %(option)s puede ser %(matches)s",
    "unexpected option string: %s": "opción inesperada: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "orden desconocida %(parser_name)r (elige entre %(choices)s)",
    "can't open '%(filename)s': %(error)s": "no se puede abrir '%(filename)s': %(error)s",
    'argument "-" with mode %r': 'argumento "-" con el modo %r',
    "argument '%(argument_name)s' is deprecated": "el argumento '%(argument_name)s' está obsoleto",
    "option '%(option)s' is deprecated": "la opción '%(option)s' está obsoleta",
    "command '%(parser_name)s' is deprecated": "la orden '%(parser_name)s' está obsoleta",
}


class _ArgparseSpanish(gettext.NullTranslations):
    """argparse's texts from :data:`ARGPARSE_ES`; any other text stays as argparse wrote it."""

    def gettext(self, message):
        return ARGPARSE_ES.get(message, message)  # argparse also asks for None (a missing description)

    def ngettext(self, msgid1, msgid2, n):
        return self.gettext(msgid1 if n == 1 else msgid2)  # Spanish counts like English: 1, then more


@contextmanager
def argparse_language(chosen: str) -> Iterator[None]:
    """argparse's own texts ("usage:", "options", its error messages) in ``chosen`` while the block
    builds and parses; argparse is as it was afterwards, whatever happens (``--help`` and a refusal
    leave by ``SystemExit``). Only the ``argparse`` module's ``_``/``ngettext`` change, not gettext
    for the process."""
    if chosen != "es":
        yield
        return
    spanish = _ArgparseSpanish()
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = spanish.gettext, spanish.ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def build_parser() -> argparse.ArgumentParser:
    """The whole parser; its help texts are translated here, so build it after :func:`set_language`
    (and inside :func:`argparse_language` for argparse's own texts)."""
    parser = argparse.ArgumentParser(prog="turnos-cli", description=tr("Turnos shift and break scheduler"))
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    set_language(system_language())
    with argparse_language(language()):
        args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ProjectFileError, ExportError, ValueError) as error:
        print(f"turnos-cli: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
