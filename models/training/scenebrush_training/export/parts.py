"""A newly exported base generator takes the other parts of a pack it replaces.

Class generators, the retrieval generator with its library, the resolution ladder, the material
tiles and the looks read only labels, object edges, pictures and crops, never the base
generator's weights, so a base trained further (or under another recipe) keeps them unchanged:
`export --parts-from PACK` copies their pack.json blocks and every file those blocks name.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

# The pack.json blocks that do not depend on the base generator or its encoder.
PARTS = ("classGenerators", "retrieval", "refiners", "materials", "looks")
# Files a block implies without naming them (pack/PackReference.java).
IMPLIED = {"retrieval": ("retrieval-reference.json",)}


def _named_files(block, source: Path) -> set[str]:
    """Every string in a block that names a file inside the source pack."""
    if isinstance(block, dict):
        return set().union(*(_named_files(v, source) for v in block.values()))
    if isinstance(block, list):
        return set().union(*(_named_files(v, source) for v in block))
    if isinstance(block, str) and (source / block).is_file():
        inside = (source / block).resolve().is_relative_to(source.resolve())
        if not inside or Path(block).is_absolute():
            raise ValueError(f"{source}: {block!r} is not a file inside the pack")
        return {block}
    return set()


def copy_parts(pack: Path, source: Path, keys: tuple[str, ...] = PARTS) -> list[str]:
    """Copies the base-independent parts of `source` (those of `keys` it has) into `pack`; returns
    the blocks copied. The palette and base resolution must match (the parts' label channels and
    rung sizes)."""
    pack, source = Path(pack), Path(source)
    manifest_path, source_path = pack / "pack.json", source / "pack.json"
    if not source_path.is_file():
        raise ValueError(f"{source} is not a pack folder (no pack.json)")
    manifest, theirs = json.loads(manifest_path.read_text()), json.loads(source_path.read_text())
    for key in ("palette", "resolution"):
        if manifest.get(key) != theirs.get(key):
            raise ValueError(
                f"{source} has {key} {theirs.get(key)}, this pack {manifest.get(key)}: its parts do not fit"
            )
    copied = [key for key in keys if theirs.get(key)]
    # Every block is checked before anything is written: a refused source leaves the pack as it was.
    names = set()
    for key in copied:
        names |= _named_files(theirs[key], source) | {n for n in IMPLIED.get(key, ()) if (source / n).is_file()}
    if not copied:
        return copied
    for name in sorted(names):
        (pack / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, pack / name)
    for key in copied:
        manifest[key] = theirs[key]
    if "refiners" in copied and "refiners" in theirs.get("training", {}):
        manifest.setdefault("training", {})["refiners"] = {**theirs["training"]["refiners"], "from": theirs.get("id")}
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return copied
