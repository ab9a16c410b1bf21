"""What each command does: one handler per command, looked up by name in COMMANDS.

The parser (cli/parser.py) names the arguments; a handler imports what it needs when it runs, so
`--help` and light commands never load torch.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scenebrush_training.cli.ladder import LADDER_COMMANDS
from scenebrush_training.cli.parts import PART_COMMANDS, untrained_generator


def _dataset(args: argparse.Namespace) -> None:
    if args.action == "import":
        from scenebrush_training.data.importer import import_dataset

        m = import_dataset(args.images, args.labels, args.import_out, args.layout, args.palette, args.import_size)
    else:
        from scenebrush_training.data.dataset import write_dataset

        if args.out is None:
            raise ValueError("dataset needs --out: the folder to render into")
        m = write_dataset(args.out, args.count, args.size, args.seed, args.start, args.artist, progress=not args.quiet)
    print(json.dumps(m))


def _bench_dataset(args: argparse.Namespace) -> None:
    from scenebrush_training.data.dataset import benchmark

    r = benchmark(args.count, args.size)
    print(
        f"render: {r['render_per_s']:.1f} samples/s at {r['size']}x{r['size']} on one core " f"({r['samples']} samples)"
    )
    print(f"artist-map augmentation: {r['artist_map_per_s']:.1f} maps/s")
    print(f"render + augmentation: {r['render_plus_artist_per_s']:.1f} samples/s")


def _train_segmenter(args: argparse.Namespace) -> None:
    from scenebrush_training.evaluate.segmenter import WEIGHTS, train

    r = train(args.data, args.out or WEIGHTS, args.steps, args.batch, threads=args.threads, holdout=args.holdout)
    print(json.dumps(r, indent=1))


def _evaluate(args: argparse.Namespace) -> None:
    from scenebrush_training.evaluate.folders import evaluate

    r = evaluate(args.images, args.labels, args.predictions, args.reference, args.z_sets, args.segmenter)
    if args.json:
        print(json.dumps(r))
    else:
        for k in ("pairs", "miou", "accuracy", "frechet_distance", "diversity"):
            if k in r:
                print(f"{k}: {r[k]:.4f}" if isinstance(r[k], float) else f"{k}: {r[k]}")


def _train(args: argparse.Namespace) -> None:
    from scenebrush_training.data.training_set import LandscapeData
    from scenebrush_training.train.gan import Trainer
    from scenebrush_training.train.options import TrainConfig

    cfg = TrainConfig.load(
        args.config, data=str(args.data) if args.data else None, steps=args.steps, threads=args.threads
    )
    if not cfg.data:
        raise ValueError("no training data: set 'data' in the config or pass --data")
    from scenebrush_training.data.dataset import dataset_palette

    trainer = Trainer(cfg, args.out, dataset_palette(Path(cfg.data)), args.init_from_pack)
    trainer.keep_every = args.keep_every or 0
    data = LandscapeData(Path(cfg.data), 256, cfg.holdout, cfg.max_samples)
    r = trainer.ranks
    where = f", rank {r.rank} of {r.world} ({len(r.shard(len(data)))} samples)" if r.distributed else ""
    print(f"training {cfg.name} on {len(data)} samples, {trainer.device}{where}", flush=True)
    trainer.fit(data, args.until)
    from scenebrush_training.train import distributed

    # Only after a clean finish: a barrier after one rank failed would wait forever.
    distributed.shut_down(r)
    if r.writes:
        print(f"stopped at step {trainer.step}; checkpoint {trainer.ckpt}")


def _repad(args: argparse.Namespace) -> None:
    from scenebrush_training.data.dataset import dataset_palette
    from scenebrush_training.data.training_set import LandscapeData
    from scenebrush_training.train import repad
    from scenebrush_training.train.gan import Trainer
    from scenebrush_training.train.options import TrainConfig

    if not 0 <= args.band < 0.5:
        raise ValueError(f"--band must be a fraction of the side in [0, 0.5), got {args.band}")
    cfg = TrainConfig.load(args.config, data=str(args.data), threads=args.threads)
    trainer = Trainer(cfg, args.out, dataset_palette(args.data), args.pack)
    trainer.keep_every = args.keep_every or 0
    if trainer.warm_start is None:
        raise repad.RepadError(f"{args.out}: holds a run that did not start from a pack; give repad a new folder")
    teacher = repad.teacher_of(args.pack, trainer)
    trainer.warm_start.setdefault("repad", {"band": args.band})
    data = LandscapeData(args.data, 256, cfg.holdout, cfg.max_samples)
    print(f"re-padding to '{cfg.padding}' on {len(data)} samples from step {trainer.step}", flush=True)
    repad.fit(trainer, teacher, data, args.until, args.band)


def _export(args: argparse.Namespace) -> None:
    from scenebrush_training.train.gan import Trainer

    trainer = Trainer.from_run(args.run)
    metrics = json.loads(args.metrics.read_text()) if args.metrics else None
    manifest = trainer.export(args.out, args.id, args.name, metrics, args.fp16, args.measure_reach)
    if args.parts_from is not None:
        from scenebrush_training.export.parts import copy_parts

        print(f"kept from {args.parts_from}: {', '.join(copy_parts(args.out, args.parts_from)) or 'nothing'}")
    print(manifest)


def _fit_z_prior(args: argparse.Namespace) -> None:
    from scenebrush_training.evaluate.steps import fit_prior
    from scenebrush_training.train import zprior
    import torch

    torch.set_num_threads(args.threads)
    prior = fit_prior(args.run, args.data, args.main_axis_quantiles)
    if prior is None:
        raise ValueError(f"{args.run}: this run has no style encoder, so no z prior to fit")
    print(Path(args.run) / zprior.FILE)
    print(zprior.describe(prior))


def _evaluate_run(args: argparse.Namespace) -> None:
    from scenebrush_training.evaluate.generator import evaluate_run

    print(json.dumps(evaluate_run(args.run, args.heldout, args.z, args.diversity_maps, threads=args.threads), indent=1))


def _score_steps(args: argparse.Namespace) -> None:
    from scenebrush_training.evaluate import steps
    from scenebrush_training.train.kept import STEPS, kept

    results = steps.score_new(args.run, args.data, args.heldout, args.threads, every=args.every)
    if not results:
        found = [int(p.name) for p in kept(args.run)]
        if found:
            raise ValueError(
                f"{args.run}: none of its kept checkpoints (steps {', '.join(map(str, found))}) "
                f"is at a multiple of --every {args.every} yet"
            )
        raise ValueError(f"{args.run}: no kept checkpoints in {args.run / STEPS} (train with --keep-every N)")
    print(steps.table(results))


def _generator_sheet(args: argparse.Namespace) -> None:
    from scenebrush_training.evaluate.sheets import generator_sheet

    print(generator_sheet(args.run, args.heldout, args.out))


def _style_sheet(args: argparse.Namespace) -> None:
    from scenebrush_training.evaluate.sheets import style_sheet

    print(style_sheet(args.run, args.heldout, args.out, args.index))


def _export_untrained(args: argparse.Namespace) -> None:
    from scenebrush_training.export.pack import write_pack
    from scenebrush_training.nets.encoder import StyleEncoder
    from scenebrush_training.data.palette import load_palette

    nc = len(load_palette(args.palette))
    gen = untrained_generator(args.generator, nc, args.z_dim, args.ngf, args.num_up, args.seed)
    enc = StyleEncoder(args.z_dim, 8, 4)
    print(
        write_pack(
            args.out,
            args.id,
            f"Untrained {args.id}",
            args.palette,
            gen,
            enc,
            64,
            {"dataset": "none", "steps": 0, "metrics": {}, "note": "untrained test fixture"},
            measure_reach=args.measure_reach,
        )
    )


def _bench_torch(args: argparse.Namespace) -> None:
    from scenebrush_training.evaluate.bench import torch_latency

    sizes = [int(v) for v in args.sizes.split(",")]
    print(json.dumps(torch_latency(args.pack, sizes, args.runs, args.threads)))


def _convert(args: argparse.Namespace) -> None:
    from scenebrush_training.export.convert import convert

    print(
        convert(
            args.arch,
            args.dataset,
            args.checkpoint,
            args.out,
            args.id,
            args.name,
            args.z_dim,
            args.num_up,
            args.receptive_field,
        )
    )


def _convert_fixtures(args: argparse.Namespace) -> None:
    from scenebrush_training.export.fixtures import write_fixture_packs

    for made in write_fixture_packs(args.out):
        print(made)


def _segment_library(args: argparse.Namespace) -> None:
    from scenebrush_training.retrieval.segments import build_library

    print(
        json.dumps(
            build_library(args.data, args.out, args.max_segments, args.min_area, args.mask, args.patch, args.max_bytes)
        )
    )


def _sheet(args: argparse.Namespace) -> None:
    from scenebrush_training.data.sheet import sample_sheet

    print(sample_sheet(args.out, args.count, args.seed, args.size))


COMMANDS = {
    "dataset": _dataset,
    "bench-dataset": _bench_dataset,
    "train-segmenter": _train_segmenter,
    "evaluate": _evaluate,
    "train": _train,
    "repad": _repad,
    "export": _export,
    "fit-z-prior": _fit_z_prior,
    "evaluate-run": _evaluate_run,
    "score-steps": _score_steps,
    "generator-sheet": _generator_sheet,
    "style-sheet": _style_sheet,
    "export-untrained": _export_untrained,
    "bench-torch": _bench_torch,
    "convert": _convert,
    "convert-fixtures": _convert_fixtures,
    "segment-library": _segment_library,
    "sheet": _sheet,
    **PART_COMMANDS,
    **LADDER_COMMANDS,
}
