"""Errors meant for people speak the team lead's language.

Every message the core raises for a person is written as ``tr("English {name}")``
with a Spanish entry next to it (``add_translations``), so a dialog, the CLI and
a workbook say it in the language chosen. These tests read the source: a new
``raise ValueError(f"...")`` in the core, or a ``tr()`` text without Spanish,
fails here with the file and line.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import scheduler
from scheduler.i18n import ES
from tests.conftest import REPO
from tests.factories import in_spanish
from tests.source import call_literals

CORE = REPO / "scheduler"
# Import every module so that every add_translations() has run.
for _info in pkgutil.walk_packages(scheduler.__path__, "scheduler."):
    importlib.import_module(_info.name)

#: exceptions whose message reaches a person (dialogs show them, the CLI prints them)
FOR_PEOPLE = {"ValueError", "ExportError", "WorkflowError", "ProjectFileError", "CellValueError",
              "FileRefused", "KeyError", "LookupError"}
#: messages that never reach a person: signals caught a few lines away, programmer errors
INTERNAL = {
    ("availability_template.py", "missing"), ("availability_template.py", "keys"),
    ("availability_template.py", "format"), ("availability_template.py", "layout"),
    ("availability_template.py", "ids"), ("availability_template.py", "sheet layout"),
    ("availability_template.py", "sheets"), ("availability_template.py", "damaged: "),
    ("i18n.py", "Language must be one of "),
}


def _sources() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def _text(node: ast.AST) -> str | None:
    """The literal start of a message: a string constant, or an f-string's first literal part."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        first = node.values[0] if node.values else None
        return first.value if isinstance(first, ast.Constant) else ""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _text(node.left)
    return None


def untranslated_raises(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each ``raise Error("literal")`` / ``raise Error(f"...")`` of an exception
    for people whose message does not go through ``tr()``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
            continue
        func = node.exc.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name not in FOR_PEOPLE or not node.exc.args:
            continue
        text = _text(node.exc.args[0])
        if text is None or (path.name, text) in INTERNAL:
            continue
        found.append((node.lineno, text))
    return found


def test_no_message_for_people_skips_the_translation():
    found = [f"{path.relative_to(REPO)}:{line}: {text[:60]!r}"
             for path in _sources() for line, text in untranslated_raises(path)]
    assert not found, ("write these as tr('English {name}').format(...) with Spanish next to them:\n"
                       + "\n".join(found))


def test_the_check_sees_untranslated_raises(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('def f(x):\n    raise ValueError(f"{x} is wrong")\n'
                      'def g(x):\n    raise ValueError(tr("{x} is wrong").format(x=x))\n'
                      'def h():\n    raise ExportError("The folder is gone")\n', encoding="utf-8")
    assert [line for line, _text in untranslated_raises(sample)] == [2, 6]


TEXTS = sorted({(str(path.relative_to(REPO)), text, line)
                for path in _sources() if path.name != "i18n.py"
                for text, line in call_literals(path).items()})


def test_the_core_has_texts_to_check():
    assert len(TEXTS) > 300


@pytest.mark.parametrize("where, text, line", TEXTS)
def test_core_text_has_spanish_with_the_same_placeholders(where, text, line):
    assert text in ES, f"{where}:{line}: no Spanish for {text!r}"
    assert sorted(re.findall(r"{[^}]*}", text)) == sorted(re.findall(r"{[^}]*}", ES[text])), f"{where}:{line}"


def test_a_refused_value_reads_in_the_chosen_language():
    from scheduler.domain import ShiftTemplate

    def refusal() -> str:
        with pytest.raises(ValueError) as refused:
            ShiftTemplate("Mañana", 480, 10 * 60, 8 * 60)
        return str(refused.value)

    english = refusal()
    spanish = in_spanish(refusal)
    assert english == "Shift template Mañana: earliest start is after latest start"
    assert "Mañana" in spanish and "inicio" in spanish and spanish != english


def test_no_english_text_has_two_spanish_meanings():
    from scheduler.i18n import CLASHES

    assert not CLASHES, "\n".join(f"{en!r}: {first!r} and {second!r}" for en, first, second in CLASHES)
