"""The package's rooms: every command has a handler, and no module imports its way back to itself."""

import ast
from pathlib import Path

import pytest

from scenebrush_training.cli.commands import COMMANDS
from scenebrush_training.cli.parser import build_parser

PKG = Path(__file__).resolve().parents[1] / "scenebrush_training"


def modules() -> dict[str, Path]:
    out = {}
    for f in PKG.rglob("*.py"):
        parts = f.relative_to(PKG).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(("scenebrush_training",) + parts)] = f
    return out


def imports(path: Path, known: set[str]) -> set[str]:
    """Package modules a file imports, at the top or inside functions alike."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("scenebrush_training"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
    return found & known


def test_no_module_imports_its_way_back_to_itself():
    mods = modules()
    graph = {m: imports(p, set(mods)) - {m} for m, p in mods.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(m, stack):
        state[m] = 1
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                cycles.append(stack[stack.index(n) :] + [n])
            elif n not in state:
                visit(n, stack + [n])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_rooms_depend_one_way():
    # data and tensors know nothing of networks or training; networks nothing of training or packs.
    below = {"data": set(), "tensors": {"data"}, "nets": {"data", "tensors"}}
    mods = modules()
    wrong = []
    for m, p in mods.items():
        room = m.split(".")[1] if "." in m else ""
        if room not in below:
            continue
        for n in imports(p, set(mods)):
            other = n.split(".")[1] if "." in n else ""
            if other != room and other not in below[room]:
                wrong.append(f"{m} imports {n}")
    assert not wrong, wrong


def test_every_command_has_a_handler_and_help_prints(capsys):
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    assert set(sub.choices) == set(COMMANDS)
    with pytest.raises(SystemExit) as done:
        parser.parse_args(["--help"])
    assert done.value.code == 0
    assert "ladder-sheet" in capsys.readouterr().out
