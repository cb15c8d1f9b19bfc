"""Reading the project's own source: which texts it passes to a translating function."""

from __future__ import annotations

import ast
from pathlib import Path


def call_literals(path: Path, function: str = "tr") -> dict[str, int]:
    """String literals passed as the first argument of ``function(...)``, with their line: both
    branches of ``a if c else b``, and the values of a variable passed to it
    (``key = "a" if x else "b"; tr(key)``)."""
    found: dict[str, int] = {}

    def literals(node: ast.AST):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, ast.IfExp):
            yield from literals(node.body)
            yield from literals(node.orelse)

    tree = ast.parse(path.read_text(encoding="utf-8"))
    variables: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == function and node.args:
            for text in literals(node.args[0]):
                found.setdefault(text, node.lineno)
            if isinstance(node.args[0], ast.Name):
                variables.add(node.args[0].id)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in variables
                                                for t in node.targets):
            for text in literals(node.value):
                found.setdefault(text, node.lineno)
    return found
