"""`turnos-cli --help` and argparse's own refusals speak the CLI's language.

A Spanish-speaking team lead running ``TURNOS_LANGUAGE=es turnos-cli solve`` reads
"faltan estos argumentos obligatorios: project", not argparse's English; the help
texts we write and argparse's words ("usage:", "options") are Spanish too. In
English nothing changes, and argparse is English again after a Spanish run.
"""

from __future__ import annotations

import argparse
import ast
import re

import pytest

from scheduler import i18n
from scheduler.cli import ARGPARSE_ES, build_parser, main

#: argparse texts only a programmer sees (a parser built wrongly), left in English on purpose
PROGRAMMER_ERRORS = {
    "'required' is an invalid argument for positionals",
    "%r is not callable",
    ".__call__() not defined",
    "cannot have multiple subparser arguments",
    "cannot merge actions - two groups are named %r",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    "conflicting subparser alias: %s",
    "conflicting subparser: %s",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "mutually exclusive arguments must be optional",
}


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``turnos-cli argv`` (help and refusals leave by SystemExit)."""
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    out, err = capsys.readouterr()
    return stopped.value.code, out, err


def _flat(text: str) -> str:
    """The text with argparse's line wrapping undone."""
    return " ".join(text.split())


def _commands() -> list[str]:
    parser = build_parser()
    return [name for action in parser._actions if isinstance(action, argparse._SubParsersAction)
            for name in action.choices]


def _our_help_texts(parser: argparse.ArgumentParser) -> set[str]:
    """Every description and help text we give ``parser`` and its sub-commands (as built now)."""
    texts = {parser.description} if parser.description else set()
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue  # argparse's own
        if action.help and action.help is not argparse.SUPPRESS:
            texts.add(action.help)
        if isinstance(action, argparse._SubParsersAction):
            texts |= {choice.help for choice in action._get_subactions() if choice.help}
            for sub in action.choices.values():
                texts |= _our_help_texts(sub)
    return texts


@pytest.fixture
def spanish(monkeypatch):
    monkeypatch.setenv("TURNOS_LANGUAGE", "es")


# --------------------------------------------------------------------------- --help


def test_top_level_help_is_in_spanish(spanish, capsys):
    code, out, _ = _run(capsys, "--help")
    assert code == 0
    text = _flat(out)
    assert text.startswith("uso: turnos-cli [-h]")
    for spanish_text in ("Turnos: planificador de turnos y pausas", "argumentos posicionales:", "opciones:",
                         "-h, --help muestra esta ayuda y sale", "solve crea un cuadrante para un proyecto",
                         "export escribe el libro de aprobación"):
        assert spanish_text in text
    for english in ("usage:", "positional arguments", "options:", "show this help message and exit",
                    "build a roster for a project", "shift and break scheduler"):
        assert english not in text


def test_solve_help_is_in_spanish(spanish, capsys):
    code, out, _ = _run(capsys, "solve", "--help")
    assert code == 0
    text = _flat(out)
    assert text.startswith("uso: turnos-cli solve [-h]")
    assert "crea un cuadrante para un proyecto" in text  # the description of solve
    assert "project archivo de proyecto (.turnos)" in text
    assert "--time-limit TIME_LIMIT segundos de búsqueda (por defecto 30)" in text
    assert "--save guarda el cuadrante en el proyecto como una versión nueva en borrador" in text
    assert "usage:" not in text and "seconds to search" not in text


@pytest.mark.parametrize("command", [None, *_commands()])
def test_no_help_text_of_ours_is_left_in_english(command, monkeypatch, capsys):
    """Every sub-command's Spanish help renders (a lone "%" in a help text would break it) and
    shows none of the English descriptions and help texts the parser has in English."""
    english = _our_help_texts(build_parser())
    argv = ["--help"] if command is None else [command, "--help"]
    code, english_out, _ = _run(capsys, *argv)
    assert code == 0
    monkeypatch.setenv("TURNOS_LANGUAGE", "es")
    code, spanish_out, _ = _run(capsys, *argv)
    assert code == 0
    english_out, spanish_out = _flat(english_out), _flat(spanish_out)
    shown = {text for text in english if _flat(text.replace("%%", "%")) in english_out}
    assert shown, "the English help shows our texts"
    leftovers = sorted(text for text in shown if _flat(text.replace("%%", "%")) in spanish_out)
    assert not leftovers
    assert spanish_out.startswith("uso: ") and "opciones:" in spanish_out


def test_help_texts_are_translated_when_the_parser_is_built():
    """The texts follow the language set before build_parser(), not the one at import time."""
    i18n.set_language("es")
    spanish = build_parser().format_help()
    i18n.set_language("en")
    english = build_parser().format_help()
    assert "Turnos: planificador de turnos y pausas" in spanish
    assert "Turnos shift and break scheduler" in english and "planificador" not in english


# --------------------------------------------------------------------------- refusals


REFUSALS = [
    # (argv, Spanish, English)
    pytest.param(["solve"], "turnos-cli solve: error: faltan estos argumentos obligatorios: project",
                 "turnos-cli solve: error: the following arguments are required: project", id="missing-project"),
    pytest.param(["solve", "demo.turnos", "--language", "fr"],
                 "error: argumento --language: valor no válido: 'fr' (elige entre 'en', 'es')",
                 "error: argument --language: invalid choice: 'fr' (choose from 'en', 'es')", id="invalid-choice"),
    pytest.param(["solv"], "turnos-cli: error: argumento command: valor no válido: 'solv' (elige entre 'solve',",
                 "turnos-cli: error: argument command: invalid choice: 'solv' (choose from 'solve',",
                 id="unknown-command"),
    pytest.param(["solve", "demo.turnos", "--bogus"], "error: argumentos no reconocidos: --bogus",
                 "error: unrecognized arguments: --bogus", id="unrecognized"),
    pytest.param(["solve", "demo.turnos", "--out"], "error: argumento --out: se esperaba un argumento",
                 "error: argument --out: expected one argument", id="missing-value"),
    pytest.param(["solve", "demo.turnos", "--workers", "many"],
                 "error: argumento --workers: valor int no válido: 'many'",
                 "error: argument --workers: invalid int value: 'many'", id="not-a-number"),
    pytest.param(["export", "demo.turnos", "--out", "x.csv", "--hr", "--ics"],
                 "error: argumento --ics: no se puede usar junto con el argumento --hr",
                 "error: argument --ics: not allowed with argument --hr", id="exclusive"),
    pytest.param(["export", "demo.turnos", "--out", "x.csv"],
                 "error: hace falta uno de los argumentos --approval --hr --ics",
                 "error: one of the arguments --approval --hr --ics is required", id="one-of-required"),
    pytest.param(["reject", "demo.turnos", "--by", "Marta"],
                 "error: faltan estos argumentos obligatorios: --comment",
                 "error: the following arguments are required: --comment", id="missing-option"),
    # our own refusal of a value (ArgumentTypeError) keeps its translation inside argparse's Spanish frame
    pytest.param(["erlang", "--calls", "100", "--aht", "180", "--sl", "80-20"],
                 'error: argumento --sl: "80-20" no es un objetivo de nivel de servicio; escríbelo como 80/20',
                 'error: argument --sl: "80-20" is not a service level goal; write it as 80/20', id="our-type-error"),
]


@pytest.mark.parametrize("argv, in_spanish, in_english", REFUSALS)
def test_a_refused_command_line_reads_in_spanish(argv, in_spanish, in_english, spanish, capsys):
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("uso: turnos-cli")
    assert in_spanish in _flat(err)
    assert "usage:" not in err and "error: argument " not in err


@pytest.mark.parametrize("argv, in_spanish, in_english", REFUSALS)
def test_a_refused_command_line_stays_english_in_english(argv, in_spanish, in_english, capsys):
    code, _, err = _run(capsys, *argv)
    assert code == 2
    assert err.startswith("usage: turnos-cli")
    assert in_english in _flat(err)


def test_english_help_is_unchanged(capsys):
    code, out, _ = _run(capsys, "solve", "--help")
    assert code == 0
    text = _flat(out)
    assert text.startswith("usage: turnos-cli solve [-h]")
    for english in ("build a roster for a project", "positional arguments:", "options:",
                    "-h, --help show this help message and exit", "seconds to search (default 30)"):
        assert english in text
    assert "uso:" not in text and "opciones" not in text


# --------------------------------------------------------------------------- no leak


def test_argparse_is_english_again_after_a_spanish_run(spanish, monkeypatch, capsys):
    originals = argparse._, argparse.ngettext
    assert _run(capsys, "solve", "--help")[0] == 0
    assert _run(capsys, "solve")[0] == 2
    assert (argparse._, argparse.ngettext) == originals

    # another parser in the same process speaks argparse's English
    other = argparse.ArgumentParser(prog="other")
    other.add_argument("thing")
    assert "usage: other" in other.format_help() and "show this help message and exit" in other.format_help()
    with pytest.raises(SystemExit):
        other.parse_args([])
    assert "the following arguments are required: thing" in capsys.readouterr().err

    # and so does turnos-cli when the next run is in English
    monkeypatch.setenv("TURNOS_LANGUAGE", "en")
    code, _, err = _run(capsys, "solve")
    assert code == 2 and "the following arguments are required: project" in err


# --------------------------------------------------------------------------- the table itself


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%(?:\([^)]*\))?[a-z%]", text))


def _argparse_msgids() -> set[str]:
    """The texts the running Python's argparse passes to ``_()`` and ``ngettext()``."""
    with open(argparse.__file__, encoding="utf-8") as source:
        tree = ast.parse(source.read())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            for arg in node.args[:1 if node.func.id == "_" else 2]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    return found


def test_every_argparse_text_a_user_can_see_has_spanish():
    """A Python upgrade that adds or rewords an argparse message shows up here, not in front of a user."""
    msgids = _argparse_msgids()
    assert "the following arguments are required: %s" in msgids and "usage: " in msgids
    missing = sorted(msgids - PROGRAMMER_ERRORS - set(ARGPARSE_ES))
    assert not missing, f"add Spanish for these argparse texts to ARGPARSE_ES in scheduler/cli.py: {missing}"


@pytest.mark.parametrize("english", sorted(ARGPARSE_ES))
def test_argparse_spanish_keeps_the_placeholders(english):
    assert _placeholders(english) == _placeholders(ARGPARSE_ES[english])
    assert english.endswith("\n") == ARGPARSE_ES[english].endswith("\n")
