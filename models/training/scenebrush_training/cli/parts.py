"""Commands that train or add parts of a pack beside its base generator: the split generator,
retrieval, class generators, the gallery, float16 weights.

Like cli/commands.py, each handler imports what it needs when it runs.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def untrained_generator(kind: str, nc: int, z_dim: int, ngf: int, num_up: int, seed: int):
    """Fresh weights for test fixtures, reproducible from the seed."""
    import torch

    from scenebrush_training.nets.scgan import SCGANGenerator
    from scenebrush_training.nets.spade import SPADEGenerator

    torch.manual_seed(seed)
    if kind == "scgan":
        gen = SCGANGenerator(nc, z_dim, ngf, num_up, n_vectors=4, svg_ch=8)
    else:
        gen = SPADEGenerator(nc, z_dim, ngf, num_up, spade_hidden=16)
    with torch.no_grad():  # settle spectral norm and BatchNorm statistics on one batch
        gen.train()
        gen(torch.zeros(2, nc + 1, 64, 64), torch.zeros(2, 1, 64, 64), torch.randn(2, z_dim, 64, 64))
    return gen.eval()


def _attach_tiling(args: argparse.Namespace) -> None:
    from scenebrush_training.export.tiling import attach_tiling

    if args.untrained == (args.run is not None):
        raise ValueError("give either --run or --untrained")
    if args.untrained:
        from scenebrush_training.data.palette import load_palette

        palette = json.loads((args.pack / "pack.json").read_text())["palette"]
        gen = untrained_generator(
            args.generator, len(load_palette(palette)), args.z_dim, args.ngf, args.num_up, args.seed
        )
    else:
        from scenebrush_training.evaluate.generator import load_generator

        gen = load_generator(args.run)[0]
    print(attach_tiling(args.pack, gen, args.head_blocks))


def _attach_retrieval(args: argparse.Namespace) -> None:
    import torch

    from scenebrush_training.export.pack import attach_retrieval
    from scenebrush_training.nets.resail import RESAILGenerator
    from scenebrush_training.data.palette import load_palette

    manifest = json.loads((args.pack / "pack.json").read_text())
    nc = len(load_palette(manifest["palette"]))
    if args.run:
        from scenebrush_training.train.gan import Trainer
        from scenebrush_training.train.options import TrainConfig

        cfg = TrainConfig(**torch.load(args.run / "checkpoint.pt", map_location="cpu")["config"])
        t = Trainer(cfg, args.run)
        gen = t.new_generator()
        gen.load_state_dict({k: v.cpu() for k, v in t.G_ema.state_dict().items()})
        training = {"steps": t.step, "config": cfg.__dict__}
    elif args.untrained:
        torch.manual_seed(args.seed)
        gen = RESAILGenerator(nc, args.ngf, args.num_up, hidden=args.hidden)
        with torch.no_grad():  # settle BatchNorm statistics and spectral norm on one batch
            gen.train()
            lab = torch.zeros(2, nc + 1, 64, 64)
            lab[:, 0] = 1
            gen(lab, torch.zeros(2, 1, 64, 64), torch.rand(2, 3, 64, 64) * 2 - 1)
        training = {"steps": 0, "note": "untrained test fixture"}
    else:
        raise ValueError("give --run RUN or --untrained")
    if args.metrics:
        training["metrics"] = json.loads(args.metrics.read_text())
    print(attach_retrieval(args.pack, gen.eval(), args.library, training, args.fp16))


def _half_weights(args: argparse.Namespace) -> None:
    from scenebrush_training.export.pack import store_half

    print(store_half(args.pack, args.parts))


def _train_class(args: argparse.Namespace) -> None:
    from scenebrush_training.train.collage import ClassConfig, ClassTrainer, instance_crops
    from scenebrush_training.export.collage import attach_class_generator

    cfg = ClassConfig.load(args.config, threads=args.threads, data=str(args.data) if args.data else None)
    if not cfg.data:
        raise ValueError('no data set: give --data or set "data" in the config')
    t = ClassTrainer(cfg, args.out)
    crops = instance_crops(Path(cfg.data), t.cls, cfg.size, cfg.context, cfg.min_area, cfg.max_crops, cfg.holdout)
    print(f"training class generator '{cfg.class_name}' on {len(crops[0])} instance crops", flush=True)
    t.fit(crops, args.until)
    if args.attach:
        print(attach_class_generator(args.attach, t))


def _attach_class(args: argparse.Namespace) -> None:
    import tempfile

    import torch

    from scenebrush_training.train.collage import ClassConfig, ClassTrainer
    from scenebrush_training.export.collage import attach_class_generator

    if args.run:
        cfg = ClassConfig(**torch.load(args.run / "checkpoint.pt", map_location="cpu")["config"])
        t = ClassTrainer(cfg, args.run)
    elif args.untrained and args.config:
        cfg = ClassConfig.load(args.config, size=args.size, threads=1)
        t = ClassTrainer(cfg, Path(tempfile.mkdtemp()))
        with torch.no_grad():  # settle BatchNorm statistics and spectral norm on one batch
            t.G_ema.train()
            n, s_ = 2, cfg.size
            t.G_ema(
                torch.rand(n, 3, s_, s_) * 2 - 1,
                torch.zeros(n, t.nc + 1, s_, s_),
                torch.ones(n, 1, s_, s_),
                torch.randn(n, cfg.z_dim),
            )
            t.G_ema.eval()
    else:
        raise ValueError("give --run RUN, or --untrained --config CONFIG")
    print(attach_class_generator(args.pack, t, args.fp16, args.default_mode))


def _evaluate_class(args: argparse.Namespace) -> None:
    from scenebrush_training.evaluate.collage import evaluate_class

    print(json.dumps(evaluate_class(args.base_run, args.class_run, args.heldout, args.maps, args.threads), indent=1))


def _score_class_renders(args: argparse.Namespace) -> None:
    from scenebrush_training.evaluate.collage import score_class_renders

    r = score_class_renders(args.heldout, args.base, args.looks, args.classes, args.min_area, args.maps, args.threads)
    print(json.dumps(r, indent=1))


def _attach_gallery(args: argparse.Namespace) -> None:
    from scenebrush_training.export.gallery import attach_gallery

    print(json.dumps(attach_gallery(args.pack, args.data, args.samples, args.per_look)))


PART_COMMANDS = {
    "attach-tiling": _attach_tiling,
    "attach-retrieval": _attach_retrieval,
    "half-weights": _half_weights,
    "train-class": _train_class,
    "attach-class": _attach_class,
    "evaluate-class": _evaluate_class,
    "score-class-renders": _score_class_renders,
    "attach-gallery": _attach_gallery,
}
