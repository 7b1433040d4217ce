"""The package's stages import one way: cli → commands → api → {pipeline, checking} →
{documents, output, reading} → model → vietnamese → inputs → errors → the base (messages,
resources) → caches.
Problems print their severity in the user's language, so errors read the messages."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

#: Each stage may import the stages of a lower rank, and itself; never a higher or equal
#: other one (documents and output share a rank: neither knows the other).
RANKS = {
    "caches": 0,
    "messages": 1,
    "resources": 1,
    "errors": 2,
    "inputs": 3,
    "vietnamese": 4,
    "model": 5,
    "documents": 6,
    "output": 6,
    "reading": 6,
    "checking": 7,
    "importing": 7,
    "pipeline": 7,
    "api": 8,
    "commands": 9,
    "cli": 10,
    "__init__": 11,
    "__main__": 11,
}


def _stage(module: str) -> str:
    """``generator.model.meeting`` → ``model``."""
    return module.split(".")[1] if "." in module else "__init__"


def _imports() -> list[tuple[str, str, int]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(("generator", *path.relative_to(PACKAGE).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.level == 0, f"{module}:{node.lineno}: relative import"
                if node.module == "generator":
                    found += [(module, f"generator.{a.name}", node.lineno) for a in node.names]
                elif node.module.startswith("generator."):
                    found.append((module, node.module, node.lineno))
            elif isinstance(node, ast.Import):
                found += [(module, a.name, node.lineno) for a in node.names
                          if a.name.startswith("generator.")]  # fmt: skip
    return found


def test_every_module_is_in_a_stage() -> None:
    for path in PACKAGE.rglob("*.py"):
        stage = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        assert stage in RANKS, f"{path}: not in a stage folder"


def test_imports_run_one_way() -> None:
    imports = _imports()
    assert len(imports) > 100  # the walk found the package's imports
    wrong = []
    for importer, imported, line in imports:
        source, target = _stage(importer), _stage(imported)
        if source != target and RANKS[target] >= RANKS[source]:
            wrong.append(f"{importer}:{line} imports {imported}")
    assert wrong == []


@pytest.mark.parametrize("stage", ["inputs", "vietnamese", "model", "documents", "output"])
def test_lower_stages_never_import_the_pipeline_or_the_command(stage: str) -> None:
    for importer, imported, _line in _imports():
        if _stage(importer) == stage:
            assert _stage(imported) not in ("pipeline", "api", "commands", "cli"), importer


def test_the_html_subset_page_names_every_component_and_element() -> None:
    """``docs/html-subset.md`` documents the vocabulary ``model/components.py`` defines."""
    from generator.model.components import (
        BLOCK_TAGS,
        COMPONENTS,
        INLINE_TAGS,
        KEEP_WITH_NEXT,
        LAYOUT_TABLES,
        LEVEL_WITH_RECIPIENTS,
        NATIONAL_PREFIX,
        SUMMARY_MARK,
        TAG_DEFAULTS,
    )

    page = (PACKAGE.parent / "docs" / "html-subset.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([^`]+)`", page))
    names = {*COMPONENTS, *BLOCK_TAGS, *INLINE_TAGS, *TAG_DEFAULTS, f"{NATIONAL_PREFIX}1",
             KEEP_WITH_NEXT, SUMMARY_MARK, LEVEL_WITH_RECIPIENTS}  # fmt: skip
    names |= {f"table.{cls}" for cls in LAYOUT_TABLES}
    assert sorted(names - named) == []


def test_no_module_imports_itself_through_others() -> None:
    """No import circle, even through an import inside a function (which only hides it):
    ``model/catalog`` ↔ ``model/meeting`` was the last one."""
    modules = {".".join(("generator", *p.relative_to(PACKAGE).with_suffix("").parts))
               .removesuffix(".__init__") for p in PACKAGE.rglob("*.py")}  # fmt: skip

    def module_of(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        source = ".".join(("generator", *path.relative_to(PACKAGE).with_suffix("").parts))
        source = source.removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
                # "from generator.cli import help" imports the module generator.cli.help
                names = [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names if a.name.startswith("generator")]
            else:
                continue
            for name in names:
                target = module_of(name)
                if target and target != source and target != "generator":
                    graph.setdefault(source, set()).add(target)

    def circle_from(start: str) -> list[str] | None:
        path, seen = [start], set()

        def walk(node: str) -> list[str] | None:
            for nxt in sorted(graph.get(node, ())):
                if nxt == start:
                    return [*path, start]
                if nxt not in seen:
                    seen.add(nxt)
                    path.append(nxt)
                    if (found := walk(nxt)) is not None:
                        return found
                    path.pop()
            return None

        return walk(start)

    circles = [c for m in sorted(graph) if (c := circle_from(m)) is not None]
    assert circles == [], " → ".join(circles[0])
