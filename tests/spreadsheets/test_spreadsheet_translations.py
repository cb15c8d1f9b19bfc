"""Every text the spreadsheet round trips show a person exists in Spanish, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import scheduler.commands.spreadsheets  # noqa: F401 - registers its texts
import scheduler.spreadsheets  # noqa: F401 - registers its texts
from scheduler.i18n import ES
from scheduler.spreadsheets.availability_template import _MEANINGS, LABELS_ES
from scheduler.spreadsheets.conflicts import _WORDS_ES
from tests.conftest import REPO
from tests.factories import in_spanish
from tests.source import call_literals

MODULES = sorted((REPO / "scheduler" / "spreadsheets").glob("*.py")) + [
    REPO / "scheduler" / "commands" / "spreadsheets.py"]


def _keys(path: Path, function: str = "tr") -> set[str]:
    return set(call_literals(path, function))


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


def test_refusals_of_the_round_trips_read_in_the_chosen_language(tmp_path):
    from scheduler.domain import Agent
    from scheduler.spreadsheets import ConflictRules, write_availability_templates
    from tests.factories import tiny_project

    project = tiny_project([Agent("A1", "Ana")])

    def refusals() -> list[str]:
        found = []
        with pytest.raises(ValueError) as refused:
            write_availability_templates(project, tmp_path, agent_ids=["X9"], language="en")
        found.append(str(refused.value))
        with pytest.raises(ValueError) as refused:
            ConflictRules(max_off_share=1.5)
        found.append(str(refused.value))
        return found

    english = refusals()
    spanish = in_spanish(refusals)
    assert english == ["Unknown agent ID: X9", "The share of agents off must be in (0, 1], got 1.5"]
    assert spanish == ["ID de agente desconocido: X9",
                       "La proporción de agentes que libran debe estar en (0, 1], no 1.5"]
