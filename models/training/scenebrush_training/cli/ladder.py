"""Commands of the resolution ladder: train-refiner, attach-refiners, evaluate-ladder, ladder-sheet."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def add_ladder_parsers(sub) -> None:
    t = sub.add_parser("train-refiner", help="train a ladder refinement stage on crops of renders (resumes)")
    t.add_argument("--config", type=Path, required=True)
    t.add_argument("--out", type=Path, required=True)
    t.add_argument("--data", type=Path, nargs="+", help="dataset folders (default: the config's 'data')")
    t.add_argument("--until", type=int, help="stop at this step (the config's 'steps' is the schedule)")
    t.add_argument("--threads", type=int)
    t.add_argument("--init-from-pack", type=Path, help="start from the stage of this pack's ladder (new runs)")
    t.add_argument(
        "--keep-every", type=int, default=0, help="also keep every N-th step's checkpoint in OUT/steps/<step>/"
    )

    a = sub.add_parser("attach-refiners", help="add a trained refiner run to a pack as its ladder stages")
    a.add_argument("--pack", type=Path, required=True)
    a.add_argument("--run", type=Path, help="refiner run folder (checkpoint.pt)")
    a.add_argument("--untrained", type=str, help="fresh weights of this config file (test fixtures)")
    a.add_argument(
        "--from-pack",
        type=Path,
        help="the ladder of another pack of the same palette and resolution (e.g. ../landscape)",
    )
    a.add_argument("--stages", type=int, default=3, help="ladder stages above the base (x2 each)")
    a.add_argument("--seed", type=int, default=0)

    e = sub.add_parser("evaluate-ladder", help="scores at size: a pack's ladder vs its direct render (JSON)")
    e.add_argument("--images", type=Path, required=True, help="folder of rendered pictures to score")
    e.add_argument("--heldout", type=Path, required=True, help="held-out set rendered at the same size")
    e.add_argument("--maps", choices=("labels", "labels_artist"), default="labels")
    e.add_argument("--threads", type=int, default=2)

    s = sub.add_parser("ladder-sheet", help="sheet: labels | direct render | ladder | real, with 100 %% crops")
    s.add_argument("--heldout", type=Path, required=True)
    s.add_argument("--direct", type=Path, required=True, help="folder of direct renders (render --direct)")
    s.add_argument("--ladder", type=Path, required=True, help="folder of ladder renders (render)")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--names", nargs="+", default=["000003.png", "000011.png", "000024.png"])
    s.add_argument("--maps", choices=("labels", "labels_artist"), default="labels")


def _train_refiner(args: argparse.Namespace) -> None:
    from scenebrush_training.train.refiner import train

    t = train(args.config, args.out, args.data, args.until, args.threads, args.init_from_pack, args.keep_every)
    print(f"{args.out}: step {t.step}")


def _attach_refiners(args: argparse.Namespace) -> None:
    from scenebrush_training.export.ladder import attach_refiners, copy_refiners

    if sum(x is not None for x in (args.run, args.untrained, args.from_pack)) != 1:
        raise ValueError("give exactly one of --run RUN, --untrained CONFIG or --from-pack PACK")
    if args.from_pack is not None:
        print(copy_refiners(args.pack, args.from_pack))
        return
    print(attach_refiners(args.pack, args.run, args.untrained, args.stages, args.seed))


def _evaluate_ladder(args: argparse.Namespace) -> None:
    from scenebrush_training.evaluate.ladder import evaluate_at_size

    print(json.dumps(evaluate_at_size(args.images, args.heldout, args.maps, args.threads), indent=1))


def _ladder_sheet(args: argparse.Namespace) -> None:
    from scenebrush_training.evaluate.ladder_sheet import ladder_sheet

    print(ladder_sheet(args.heldout, args.direct, args.ladder, args.out, args.names, args.maps))


LADDER_COMMANDS = {
    "train-refiner": _train_refiner,
    "attach-refiners": _attach_refiners,
    "evaluate-ladder": _evaluate_ladder,
    "ladder-sheet": _ladder_sheet,
}
