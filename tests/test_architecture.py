"""The architecture a newcomer reads in ARCHITECTURE.md is the one the code has.

import-linter (`make lint`) holds the imports to the layers in pyproject.toml;
these tests hold ARCHITECTURE.md's module table to that contract and to the
files that exist, so the picture cannot drift from either.
"""

from __future__ import annotations

import re
import tomllib

from .repository import ROOT

PACKAGE = ROOT / "build_tools"
TABLE = re.compile(r"<!-- BEGIN module-table.*?-->(.*?)<!-- END module-table -->", re.DOTALL)


def table_rows() -> list[tuple[str, list[str]]]:
    """(layer as written, modules named) for each row of the module table; a blank layer continues the last."""
    text = TABLE.search((ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8"))
    assert text, "ARCHITECTURE.md keeps its module table between the BEGIN and END markers"
    rows, layer = [], ""
    for line in text.group(1).splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] in {"layer", "---"}:
            continue
        layer = cells[0] or layer
        rows.append((layer, re.findall(r"`([a-z_]+/[a-z_]+\.py)`", cells[1])))
    return rows


def contract_layers() -> list[list[str]]:
    """The layers of the import-linter contract, top first, each a list of packages (`a | b` is one layer)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    return [[name.strip().removeprefix("build_tools.") for name in layer.split("|")] for layer in contract["layers"]]


def modules() -> set[str]:
    return {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.glob("*/*.py") if p.name != "__init__.py"}


def test_the_module_table_lists_every_module_once():
    listed = [module for _, named in table_rows() for module in named]
    assert sorted(listed) == sorted(set(listed)), "a module is listed twice"
    assert set(listed) == modules(), "ARCHITECTURE.md's table and build_tools/ name different modules"


def test_the_module_table_draws_the_layers_of_the_import_contract_in_its_order():
    packages_in_table_order: list[str] = []
    for _, named in table_rows():
        for module in named:
            package = module.split("/")[0]
            if package not in packages_in_table_order:
                packages_in_table_order.append(package)
    contract_order = [package for layer in contract_layers() for package in layer]
    assert packages_in_table_order == contract_order


def test_every_package_is_a_layer_of_the_contract():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages == {package for layer in contract_layers() for package in layer}


def test_no_module_runs_past_300_lines():
    long = {m: n for m in modules() if (n := len((PACKAGE / m).read_text(encoding="utf-8").splitlines())) > 300}
    assert long == {}


def test_no_library_module_finds_files_through_the_repository():
    """An installed plugin has no repository around it: only the tests and benchmarks use ROOT (tests/repository.py)."""
    users = [
        m
        for m in modules()
        if re.search(
            r"\bROOT\b|__file__\)?\.(?:resolve\(\)\.)?parent\.parent", (PACKAGE / m).read_text(encoding="utf-8")
        )
    ]
    assert users == []
