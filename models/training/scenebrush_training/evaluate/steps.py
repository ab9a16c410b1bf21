"""Scores per kept checkpoint of a long run (`train --keep-every N`, then `score-steps`).

A run kept this way holds `steps/<step>/checkpoint.pt`, each a run folder of its own. Scoring one
fits its z prior on the training data (as `fit-z-prior`), scores it on the held-out renders (as
`evaluate-run`) and writes `eval.json` beside it, so a later call scores only new checkpoints and
the table grows with the run, across sessions, as long as the run folder lives.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from scenebrush_training.train.kept import kept

SCORES = "eval.json"


def fit_prior(run: Path, data: Path, main_axis: bool = False) -> dict | None:
    """Fits and saves the z prior of a run's checkpoint on its training data (`fit-z-prior`);
    None when the run has no style encoder. main_axis: zprior.fit's quantile map."""
    from scenebrush_training.data.training_set import LandscapeData
    from scenebrush_training.train import zprior
    from scenebrush_training.train.gan import Trainer

    trainer = Trainer.from_run(run)
    if trainer.E is None:
        return None
    cfg = trainer.cfg
    images = LandscapeData(data, 256, cfg.holdout, cfg.max_samples).images
    prior = dict(zprior.fit(trainer.E.cpu(), images, cfg.size, main_axis=main_axis), step=trainer.step)
    zprior.save(run, prior, trainer.step)
    return prior


def score(folder: Path, data: Path, heldout: Path, threads: int) -> dict:
    """Fits the z prior of one kept checkpoint, scores it and writes its eval.json."""
    import torch

    from scenebrush_training.evaluate.generator import evaluate_run

    torch.set_num_threads(threads)
    fit_prior(folder, data)
    result = evaluate_run(folder, heldout, threads=threads)
    (folder / SCORES).write_text(json.dumps(result, indent=1) + "\n")
    return result


def score_new(run: Path, data: Path, heldout: Path, threads: int = 2, log=print, every: int = 0) -> list[dict]:
    """Scores every kept checkpoint without an eval.json (with `every`, only those whose step is a
    multiple of it: scoring one costs minutes); returns all scores there are, by step."""
    results = []
    for folder in kept(run):
        path = folder / SCORES
        if not path.is_file():
            if every and int(folder.name) % every:
                continue
            log(f"scoring {folder}")
            score(folder, data, heldout, threads)
        results.append(json.loads(path.read_text()))
    return results


def table(results: list[dict]) -> str:
    """The scores as the Markdown table models/docs/base-recipes.md uses."""
    lines = [
        "| Steps | mIoU | accuracy | FD | artist mIoU / acc / FD | diversity | frame |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        m, a = r["maps"], r.get("artist")
        artist = f"{a['miou']:.3f} / {a['accuracy']:.3f} / {a['frechet_distance']:.2f}" if a else "—"
        # Mean over the four sides, in grey levels; scores from before the frame was measured: —.
        frame = f"{np.mean(list(m['frame'].values())):.2f}" if "frame" in m else "—"
        lines.append(
            f"| {r['steps']} | {m['miou']:.3f} | {m['accuracy']:.3f} | {m['frechet_distance']:.2f} "
            f"| {artist} | {r['diversity']:.2f} | {frame} |"
        )
    return "\n".join(lines)
