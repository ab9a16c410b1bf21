"""Where a run keeps the checkpoint of every N-th step (`train --keep-every N`): `steps/<step>/`,
each a run folder of its own. Training writes them; `score-steps` (evaluate/steps.py) reads them."""

from __future__ import annotations

import shutil
from pathlib import Path

STEPS = "steps"


def kept(run: Path) -> list[Path]:
    """The kept checkpoints' folders of a run, by step."""
    folder = Path(run) / STEPS
    found = [p for p in folder.iterdir() if (p / "checkpoint.pt").is_file()] if folder.is_dir() else []
    return sorted(found, key=lambda p: int(p.name))


def folder_for(run: Path, step: int) -> Path:
    return Path(run) / STEPS / f"{step:06d}"


def keep(run: Path, step: int, every: int, checkpoint: Path) -> None:
    """Copies the just-written checkpoint into steps/<step>/ when step is a multiple of every (0: never)."""
    if every and step % every == 0:
        folder = folder_for(run, step)
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(checkpoint, folder / "checkpoint.pt")
