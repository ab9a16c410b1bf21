"""Where a run keeps the checkpoint of every N-th step (`train --keep-every N`): `steps/<step>/`,
each a run folder of its own. Training writes them; `score-steps` (evaluate/steps.py) reads them."""

from __future__ import annotations

from pathlib import Path

STEPS = "steps"


def kept(run: Path) -> list[Path]:
    """The kept checkpoints' folders of a run, by step."""
    folder = Path(run) / STEPS
    found = [p for p in folder.iterdir() if (p / "checkpoint.pt").is_file()] if folder.is_dir() else []
    return sorted(found, key=lambda p: int(p.name))


def folder_for(run: Path, step: int) -> Path:
    return Path(run) / STEPS / f"{step:06d}"
