"""Label palettes (palettes/<id>.json, docs/design.md §4) as seen from Python."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[4]
PALETTE_DIR = REPO_ROOT / "palettes"

# Index-PNG value for "not painted: let the generator decide" (docs/contracts.md).
UNKNOWN_INDEX = 255
# Colour-PNG colour for UNKNOWN (no palette may use it).
UNKNOWN_COLOR = (0, 0, 0)


@dataclass(frozen=True)
class LabelClass:
    name: str
    color: tuple[int, int, int]
    kind: str
    group: str


@dataclass(frozen=True)
class Palette:
    id: str
    name: str
    classes: tuple[LabelClass, ...]

    def __len__(self) -> int:
        return len(self.classes)

    def index(self, name: str) -> int:
        for i, c in enumerate(self.classes):
            if c.name == name:
                return i
        raise KeyError(
            f"palette '{self.id}' has no class '{name}'; classes: " + ", ".join(c.name for c in self.classes)
        )

    @property
    def thing_indices(self) -> list[int]:
        return [i for i, c in enumerate(self.classes) if c.kind == "thing"]

    def color_table(self) -> np.ndarray:
        """(256, 3) uint8 lookup: class index -> colour; UNKNOWN and unused -> black."""
        table = np.zeros((256, 3), np.uint8)
        for i, c in enumerate(self.classes):
            table[i] = c.color
        return table

    def colorize(self, labels: np.ndarray) -> np.ndarray:
        return self.color_table()[labels]


def _parse_color(text: str, where: str) -> tuple[int, int, int]:
    if not (isinstance(text, str) and len(text) == 7 and text[0] == "#"):
        raise ValueError(f"{where}: colour must look like #RRGGBB, got {text!r}")
    try:
        return tuple(int(text[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]
    except ValueError:
        raise ValueError(f"{where}: colour must look like #RRGGBB, got {text!r}") from None


def load_palette(id_or_path: str | Path = "landscape") -> Palette:
    path = Path(id_or_path)
    if not path.suffix:
        path = PALETTE_DIR / f"{id_or_path}.json"
    if not path.is_file():
        known = sorted(p.stem for p in PALETTE_DIR.glob("*.json"))
        raise FileNotFoundError(f"palette {id_or_path!r} not found at {path}; known palettes: {known}")
    data = json.loads(path.read_text(encoding="utf-8"))
    classes = []
    names, colors = set(), set()
    for i, c in enumerate(data.get("classes", [])):
        where = f"{path.name} class {i}"
        name = c.get("name")
        if not name or name in names:
            raise ValueError(f"{where}: name missing or duplicated: {name!r}")
        color = _parse_color(c.get("color"), where)
        if color in colors or color == UNKNOWN_COLOR:
            raise ValueError(f"{where}: colour {c.get('color')} duplicated or reserved for UNKNOWN")
        if c.get("kind") not in ("stuff", "thing"):
            raise ValueError(f"{where}: kind must be 'stuff' or 'thing', got {c.get('kind')!r}")
        names.add(name)
        colors.add(color)
        classes.append(LabelClass(name, color, c["kind"], c.get("group", "")))
    if not classes or len(classes) >= UNKNOWN_INDEX:
        raise ValueError(f"{path.name}: needs 1..{UNKNOWN_INDEX - 1} classes, has {len(classes)}")
    return Palette(data["id"], data.get("name", data["id"]), tuple(classes))
