"""Every text the spreadsheet round trips show a person exists in Spanish, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import scheduler.commands.spreadsheets  # noqa: F401 - registers its texts
import scheduler.spreadsheets  # noqa: F401 - registers its texts
from scheduler.i18n import ES
from scheduler.spreadsheets.availability_template import _MEANINGS, LABELS_ES
from scheduler.spreadsheets.conflicts import _WORDS_ES
from tests.conftest import REPO

MODULES = sorted((REPO / "scheduler" / "spreadsheets").glob("*.py")) + [
    REPO / "scheduler" / "commands" / "spreadsheets.py"]


def _keys(path: Path, function: str = "tr") -> set[str]:
    """String literals passed as the first argument of ``function(...)`` (``tr`` by default),
    with both branches of ``a if c else b`` and the values of variables passed to it."""
    found: set[str] = set()

    def literals(node: ast.AST):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, ast.IfExp):
            yield from literals(node.body)
            yield from literals(node.orelse)

    tree = ast.parse(path.read_text(encoding="utf-8"))
    variables: set[str] = set()  # names passed to tr(), e.g. key = "a" if x else "b"; tr(key)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function and node.args:
            found.update(literals(node.args[0]))
            if isinstance(node.args[0], ast.Name):
                variables.add(node.args[0].id)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in variables
                                                for t in node.targets):
            found.update(literals(node.value))
    return found


KEYS = sorted({(path.name, key) for path in MODULES for key in _keys(path)} |
              {("availability_template.py", text) for text in _MEANINGS.values()})


def test_the_modules_have_texts_to_check():
    assert len(KEYS) > 80


LOCAL = sorted({(path.name, key, "label") for path in MODULES for key in _keys(path, "label")} |
               {(path.name, key, "_word") for path in MODULES for key in _keys(path, "_word")})


@pytest.mark.parametrize("module, key, function", LOCAL)
def test_template_words_and_message_words_have_spanish(module, key, function):
    assert key in (LABELS_ES if function == "label" else _WORDS_ES), f"{module}: no Spanish for {key!r}"


def test_the_local_words_are_checked():
    assert {f for _m, _k, f in LOCAL} == {"label", "_word"} and len(LOCAL) > 15


@pytest.mark.parametrize("module, key", KEYS)
def test_text_has_a_spanish_translation_with_the_same_placeholders(module, key):
    assert key in ES, f"{module}: no Spanish for {key!r}"
    assert sorted(re.findall(r"{\w+}", key)) == sorted(re.findall(r"{\w+}", ES[key]))
