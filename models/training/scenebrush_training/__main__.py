"""Command line: python3 -m scenebrush_training <command> ... (run from models/training)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def _positive(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {v}")
    return v


def _size(text: str) -> int:
    v = _positive(text)
    if not 32 <= v <= 8192:
        raise argparse.ArgumentTypeError(f"size must be 32..8192 pixels, got {v}")
    return v


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="scenebrush_training", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    d = sub.add_parser("dataset", help="render N landscape samples (image, label, instance PNGs)")
    d.add_argument("--out", type=Path, required=True)
    d.add_argument("--count", type=_positive, default=100)
    d.add_argument("--size", type=_size, default=256)
    d.add_argument("--seed", type=int, default=0)
    d.add_argument("--start", type=int, default=0, help="index of the first sample (to extend a set)")
    d.add_argument("--artist", action="store_true", help="also write artist-style simplified maps")
    d.add_argument("--quiet", action="store_true")

    b = sub.add_parser("bench-dataset", help="samples/s of the renderer on one core")
    b.add_argument("--count", type=_positive, default=60)
    b.add_argument("--size", type=_size, default=256)

    t = sub.add_parser("train-segmenter", help="train the evaluation network on a rendered set")
    t.add_argument("--data", type=Path, required=True)
    t.add_argument("--out", type=Path, default=None)
    t.add_argument("--steps", type=_positive, default=2500)
    t.add_argument("--batch", type=_positive, default=12)
    t.add_argument("--holdout", type=_positive, default=200)
    t.add_argument("--threads", type=_positive, default=2)

    e = sub.add_parser("evaluate", help="mIoU/accuracy, Frechet distance, diversity")
    e.add_argument("--images", type=Path, help="folder of images to score")
    e.add_argument("--labels", type=Path, help="folder of index label PNGs (same file names)")
    e.add_argument("--predictions", type=Path, help="score these label PNGs instead of segmenting --images")
    e.add_argument("--reference", type=Path, help="folder of real images for the Frechet distance")
    e.add_argument("--z-sets", type=Path, nargs="+", help="folders of the same maps rendered with different z")
    e.add_argument("--segmenter", type=Path, help="segmenter weights (default: the bundled ones)")
    e.add_argument("--json", action="store_true", help="print JSON")

    tr = sub.add_parser("train", help="train a base generator from a config file (resumes)")
    tr.add_argument("--config", type=Path, required=True)
    tr.add_argument("--out", type=Path, required=True, help="run folder (checkpoint.pt lives here)")
    tr.add_argument("--data", type=Path, help="rendered data set (overrides the config)")
    tr.add_argument("--steps", type=_positive, help="total steps (overrides the config)")
    tr.add_argument("--until", type=_positive, help="stop at this step this time (resume later)")
    tr.add_argument("--threads", type=_positive)

    ex = sub.add_parser("export", help="export a trained run as a model pack")
    ex.add_argument("--run", type=Path, required=True, help="run folder with checkpoint.pt")
    ex.add_argument("--out", type=Path, required=True, help="pack folder")
    ex.add_argument("--id", required=True)
    ex.add_argument("--name", required=True)
    ex.add_argument("--metrics", type=Path, help="JSON file of measured metrics to record")
    ex.add_argument("--fp16", action="store_true", help="store weights as float16")

    zp = sub.add_parser("fit-z-prior", help="fit the style z prior to the encoder's use of z (after training)")
    zp.add_argument("--run", type=Path, required=True, help="run folder with checkpoint.pt")
    zp.add_argument("--data", type=Path, required=True, help="the run's training data set")
    zp.add_argument("--threads", type=_positive, default=2)

    eg = sub.add_parser("evaluate-run", help="score a trained generator on held-out renders (JSON)")
    eg.add_argument("--run", type=Path, required=True)
    eg.add_argument("--heldout", type=Path, required=True)
    eg.add_argument("--z", type=_positive, default=4)
    eg.add_argument("--diversity-maps", type=_positive, default=50)
    eg.add_argument("--threads", type=_positive, default=2)

    gs = sub.add_parser("generator-sheet", help="sheet: held-out maps x z, style encoding, half-unpainted")
    gs.add_argument("--run", type=Path, required=True)
    gs.add_argument("--heldout", type=Path, required=True)
    gs.add_argument("--out", type=Path, required=True)

    ss = sub.add_parser("style-sheet", help="sheet: one map x 8 looks, interpolation, regional edit")
    ss.add_argument("--run", type=Path, required=True)
    ss.add_argument("--heldout", type=Path, required=True)
    ss.add_argument("--out", type=Path, required=True)
    ss.add_argument("--index", type=int, default=7)

    u = sub.add_parser("export-untrained", help="export a pack with freshly initialised weights (test fixtures)")
    u.add_argument("--out", type=Path, required=True)
    u.add_argument("--id", default="untrained")
    u.add_argument("--palette", default="landscape")
    u.add_argument("--z-dim", type=_positive, default=8)
    u.add_argument("--ngf", type=_positive, default=8)
    u.add_argument("--num-up", type=_positive, default=4)
    u.add_argument("--seed", type=int, default=0)
    u.add_argument("--generator", choices=["spade", "scgan"], default="spade")

    bt = sub.add_parser("bench-torch", help="PyTorch eager latency of a pack's generator (JSON)")
    bt.add_argument("--pack", type=Path, required=True)
    bt.add_argument("--sizes", default="256,512")
    bt.add_argument("--runs", type=_positive, default=9)
    bt.add_argument("--threads", type=_positive, default=2)

    cv = sub.add_parser("convert", help="a released SPADE or OASIS generator checkpoint -> model pack")
    cv.add_argument("arch", choices=["spade", "oasis"])
    cv.add_argument("dataset", choices=["coco-stuff", "ade20k", "cityscapes"])
    cv.add_argument("checkpoint", type=Path, help="the generator's .pth (e.g. latest_net_G.pth)")
    cv.add_argument("--out", type=Path, required=True, help="pack folder to write (e.g. ../spade-coco-stuff)")
    cv.add_argument("--id", default=None)
    cv.add_argument("--name", default=None)
    cv.add_argument("--z-dim", type=_positive, default=64, help="OASIS noise channels (64 in the release)")
    cv.add_argument("--num-up", choices=["normal", "more", "most"], default="normal",
                    help="SPADE upsampling layers of the training run (the releases use normal)")
    cv.add_argument("--receptive-field", action=argparse.BooleanOptionalAction, default=None,
                    help="measure the reach for tiled export (default: for networks under 20M parameters)")

    cf = sub.add_parser("convert-fixtures", help="random-weight released-layout checkpoints, converted (test packs)")
    cf.add_argument("--out", type=Path, required=True)

    sl = sub.add_parser("segment-library", help="cut a segment library (RESAIL retrieval) from a rendered set")
    sl.add_argument("--data", type=Path, required=True, help="a folder written by the dataset command")
    sl.add_argument("--out", type=Path, required=True, help="library file (e.g. segments.bin)")
    sl.add_argument("--max-segments", type=_positive, default=12000)
    sl.add_argument("--max-bytes", type=_positive, default=40_000_000)
    sl.add_argument("--min-area", type=_positive, default=48, help="smallest segment, in pixels")
    sl.add_argument("--mask", type=_positive, default=24, help="side of the normalised shape mask")
    sl.add_argument("--patch", type=_positive, default=24, help="side of the stored RGB patch")

    at = sub.add_parser("attach-tiling", help="add the split generator (memory-bounded export) to a SPADE pack")
    at.add_argument("--pack", type=Path, required=True)
    at.add_argument("--run", type=Path, help="the training run the pack was exported from")
    at.add_argument("--untrained", action="store_true",
                    help="the pack came from export-untrained with these --z-dim/--ngf/--num-up/--seed")
    at.add_argument("--z-dim", type=_positive, default=8)
    at.add_argument("--ngf", type=_positive, default=8)
    at.add_argument("--num-up", type=_positive, default=4)
    at.add_argument("--seed", type=int, default=0)
    at.add_argument("--head-blocks", type=_positive, default=2, help="up-blocks in the finishing part")
    at.add_argument("--generator", choices=["spade", "scgan"], default="spade", help="with --untrained")

    ar = sub.add_parser("attach-retrieval", help="add a retrieval generator and segment library to a pack")
    ar.add_argument("--pack", type=Path, required=True)
    ar.add_argument("--library", type=Path, required=True)
    ar.add_argument("--run", type=Path, help="a resail training run (its EMA generator)")
    ar.add_argument("--untrained", action="store_true", help="fresh weights (test fixtures)")
    ar.add_argument("--ngf", type=_positive, default=8)
    ar.add_argument("--num-up", type=_positive, default=4)
    ar.add_argument("--hidden", type=_positive, default=8)
    ar.add_argument("--seed", type=int, default=0)
    ar.add_argument("--fp16", action="store_true", help="store weights as float16 (half the size)")
    ar.add_argument("--metrics", type=Path, help="JSON file of measured metrics (evaluate-run) to record")

    hw = sub.add_parser("half-weights", help="store parts of a pack in float16 (half the size)")
    hw.add_argument("--pack", type=Path, required=True)
    hw.add_argument("--parts", nargs="+", required=True, help="generator, encoder, trunk, finish, retrieval")

    tc = sub.add_parser("train-class", help="train a class-specific generator (CollageGAN) on instance crops")
    tc.add_argument("--config", type=Path, required=True)
    tc.add_argument("--out", type=Path, required=True)
    tc.add_argument("--data", type=Path, help="rendered data set (overrides the config)")
    tc.add_argument("--until", type=_positive, help="stop at this step this time (resume later)")
    tc.add_argument("--threads", type=_positive)
    tc.add_argument("--attach", type=Path, help="afterwards, add the generator to this pack")

    ac = sub.add_parser("attach-class", help="add a class generator to a pack: a trained run, or untrained (fixtures)")
    ac.add_argument("--pack", type=Path, required=True)
    ac.add_argument("--run", type=Path, help="a train-class run folder")
    ac.add_argument("--untrained", action="store_true")
    ac.add_argument("--config", type=Path, help="class config (with --untrained)")
    ac.add_argument("--size", type=_positive, help="resolution override (with --untrained)")
    ac.add_argument("--fp16", action="store_true", help="store weights as float16 (half the size)")

    ec = sub.add_parser("evaluate-class", help="per-class Frechet distance of instance crops, base vs class pass")
    ec.add_argument("--base-run", type=Path, required=True)
    ec.add_argument("--class-run", type=Path, required=True)
    ec.add_argument("--heldout", type=Path, required=True)
    ec.add_argument("--maps", type=_positive, default=200)
    ec.add_argument("--threads", type=_positive, default=2)

    ga = sub.add_parser("attach-gallery", help="add material tiles and style looks cut from real renders to a pack")
    ga.add_argument("--pack", type=Path, required=True)
    ga.add_argument("--data", type=Path, required=True, help="the pack's training renders (dataset folder)")
    ga.add_argument("--samples", type=_positive, default=600, help="renders searched for material tiles")
    ga.add_argument("--per-look", type=_positive, default=4, help="renders kept per time of day")

    s = sub.add_parser("sheet", help="a sample sheet: image | label colours")
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--count", type=_positive, default=16)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--size", type=_size, default=256)
    from .ladder_cli import add_parsers
    add_parsers(sub)
    return p


def _untrained_generator(kind: str, nc: int, z_dim: int, ngf: int, num_up: int, seed: int):
    """Fresh weights for test fixtures, reproducible from the seed."""
    import torch

    from .networks import SCGANGenerator, SPADEGenerator
    torch.manual_seed(seed)
    if kind == "scgan":
        gen = SCGANGenerator(nc, z_dim, ngf, num_up, n_vectors=4, svg_ch=8)
    else:
        gen = SPADEGenerator(nc, z_dim, ngf, num_up, spade_hidden=16)
    with torch.no_grad():  # settle spectral norm and BatchNorm statistics on one batch
        gen.train()
        gen(torch.zeros(2, nc + 1, 64, 64), torch.zeros(2, 1, 64, 64), torch.randn(2, z_dim, 64, 64))
    return gen.eval()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        from .ladder_cli import run as run_ladder
        if run_ladder(args):
            pass
        elif args.command == "dataset":
            m = __import__("scenebrush_training.dataset", fromlist=["x"]).write_dataset(
                args.out, args.count, args.size, args.seed, args.start, args.artist, progress=not args.quiet)
            print(json.dumps(m))
        elif args.command == "bench-dataset":
            from .dataset import benchmark
            r = benchmark(args.count, args.size)
            print(f"render: {r['render_per_s']:.1f} samples/s at {r['size']}x{r['size']} on one core "
                  f"({r['samples']} samples)")
            print(f"artist-map augmentation: {r['artist_map_per_s']:.1f} maps/s")
            print(f"render + augmentation: {r['render_plus_artist_per_s']:.1f} samples/s")
        elif args.command == "train-segmenter":
            from .segmenter import WEIGHTS, train
            r = train(args.data, args.out or WEIGHTS, args.steps, args.batch, threads=args.threads,
                      holdout=args.holdout)
            print(json.dumps(r, indent=1))
        elif args.command == "evaluate":
            from .evaluate import evaluate
            r = evaluate(args.images, args.labels, args.predictions, args.reference, args.z_sets, args.segmenter)
            if args.json:
                print(json.dumps(r))
            else:
                for k in ("pairs", "miou", "accuracy", "frechet_distance", "diversity"):
                    if k in r:
                        print(f"{k}: {r[k]:.4f}" if isinstance(r[k], float) else f"{k}: {r[k]}")
        elif args.command == "train":
            from .train_gan import LandscapeData, Trainer, TrainConfig
            cfg = TrainConfig.load(args.config, data=str(args.data) if args.data else None, steps=args.steps,
                                   threads=args.threads)
            if not cfg.data:
                raise ValueError("no training data: set 'data' in the config or pass --data")
            trainer = Trainer(cfg, args.out)
            data = LandscapeData(Path(cfg.data), 256, cfg.holdout, cfg.max_samples)
            print(f"training {cfg.name} on {len(data)} samples, {trainer.device}", flush=True)
            trainer.fit(data, args.until)
            print(f"stopped at step {trainer.step}; checkpoint {trainer.ckpt}")
        elif args.command == "export":
            from .train_gan import Trainer
            trainer = Trainer.from_run(args.run)
            metrics = json.loads(args.metrics.read_text()) if args.metrics else None
            print(trainer.export(args.out, args.id, args.name, metrics, args.fp16))
        elif args.command == "fit-z-prior":
            from . import zprior
            from .train_gan import LandscapeData, Trainer
            import torch
            torch.set_num_threads(args.threads)
            trainer = Trainer.from_run(args.run)
            cfg = trainer.cfg
            if trainer.E is None:
                raise ValueError(f"{args.run}: this run has no style encoder, so no z prior to fit")
            data = LandscapeData(args.data, 256, cfg.holdout, cfg.max_samples)
            prior = zprior.fit(trainer.E.cpu(), data.images, cfg.size)
            print(zprior.save(args.run, prior, trainer.step))
            print(zprior.describe(dict(prior, step=trainer.step)))
        elif args.command == "evaluate-run":
            from .evaluate_generator import evaluate_run
            print(json.dumps(evaluate_run(args.run, args.heldout, args.z, args.diversity_maps,
                                          threads=args.threads), indent=1))
        elif args.command == "generator-sheet":
            from .pack_sheet import generator_sheet
            print(generator_sheet(args.run, args.heldout, args.out))
        elif args.command == "style-sheet":
            from .pack_sheet import style_sheet
            print(style_sheet(args.run, args.heldout, args.out, args.index))
        elif args.command == "export-untrained":
            import torch

            from .export import write_pack
            from .networks import SPADEGenerator, StyleEncoder
            from .palette import load_palette
            nc = len(load_palette(args.palette))
            gen = _untrained_generator(args.generator, nc, args.z_dim, args.ngf, args.num_up, args.seed)
            enc = StyleEncoder(args.z_dim, 8, 4)
            print(write_pack(args.out, args.id, f"Untrained {args.id}", args.palette, gen, enc, 64,
                             {"dataset": "none", "steps": 0, "metrics": {}, "note": "untrained test fixture"}))
        elif args.command == "bench-torch":
            from .bench import torch_latency
            sizes = [int(v) for v in args.sizes.split(",")]
            print(json.dumps(torch_latency(args.pack, sizes, args.runs, args.threads)))
        elif args.command == "convert":
            from .convert import convert
            print(convert(args.arch, args.dataset, args.checkpoint, args.out, args.id, args.name, args.z_dim,
                          args.num_up, args.receptive_field))
        elif args.command == "convert-fixtures":
            from .released_fixtures import write_fixture_packs
            for made in write_fixture_packs(args.out):
                print(made)
        elif args.command == "segment-library":
            from .segments import build_library
            print(json.dumps(build_library(args.data, args.out, args.max_segments, args.min_area, args.mask,
                                           args.patch, args.max_bytes)))
        elif args.command == "attach-tiling":
            from .export import attach_tiling
            if args.untrained == (args.run is not None):
                raise ValueError("give either --run or --untrained")
            if args.untrained:
                from .palette import load_palette
                palette = json.loads((args.pack / "pack.json").read_text())["palette"]
                gen = _untrained_generator(args.generator, len(load_palette(palette)), args.z_dim, args.ngf,
                                           args.num_up, args.seed)
            else:
                from .evaluate_generator import load_generator
                gen = load_generator(args.run)[0]
            print(attach_tiling(args.pack, gen, args.head_blocks))
        elif args.command == "attach-retrieval":
            import torch

            from .export import attach_retrieval
            from .networks import RESAILGenerator
            from .palette import load_palette
            manifest = json.loads((args.pack / "pack.json").read_text())
            nc = len(load_palette(manifest["palette"]))
            if args.run:
                from .train_gan import Trainer, TrainConfig
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
        elif args.command == "half-weights":
            from .export import store_half
            print(store_half(args.pack, args.parts))
        elif args.command == "train-class":
            from .collage import ClassConfig, ClassTrainer, attach_class_generator, instance_crops
            cfg = ClassConfig.load(args.config, threads=args.threads,
                                   data=str(args.data) if args.data else None)
            if not cfg.data:
                raise ValueError("no data set: give --data or set \"data\" in the config")
            t = ClassTrainer(cfg, args.out)
            crops = instance_crops(Path(cfg.data), t.cls, cfg.size, cfg.context, cfg.min_area, cfg.max_crops,
                                   cfg.holdout)
            print(f"training class generator '{cfg.class_name}' on {len(crops[0])} instance crops", flush=True)
            t.fit(crops, args.until)
            if args.attach:
                print(attach_class_generator(args.attach, t))
        elif args.command == "attach-class":
            import tempfile

            import torch

            from .collage import ClassConfig, ClassTrainer, attach_class_generator
            if args.run:
                cfg = ClassConfig(**torch.load(args.run / "checkpoint.pt", map_location="cpu")["config"])
                t = ClassTrainer(cfg, args.run)
            elif args.untrained and args.config:
                cfg = ClassConfig.load(args.config, size=args.size, threads=1)
                t = ClassTrainer(cfg, Path(tempfile.mkdtemp()))
                with torch.no_grad():  # settle BatchNorm statistics and spectral norm on one batch
                    t.G_ema.train()
                    n, s_ = 2, cfg.size
                    t.G_ema(torch.rand(n, 3, s_, s_) * 2 - 1, torch.zeros(n, t.nc + 1, s_, s_),
                            torch.ones(n, 1, s_, s_), torch.randn(n, cfg.z_dim))
                    t.G_ema.eval()
            else:
                raise ValueError("give --run RUN, or --untrained --config CONFIG")
            print(attach_class_generator(args.pack, t, args.fp16))
        elif args.command == "evaluate-class":
            from .collage import evaluate_class
            print(json.dumps(evaluate_class(args.base_run, args.class_run, args.heldout, args.maps, args.threads),
                             indent=1))
        elif args.command == "attach-gallery":
            from .gallery import attach_gallery
            print(json.dumps(attach_gallery(args.pack, args.data, args.samples, args.per_look)))
        elif args.command == "sheet":
            from .sheet import sample_sheet
            print(sample_sheet(args.out, args.count, args.seed, args.size))
    except (ValueError, FileNotFoundError, KeyError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "bench-dataset":
        # One core means one BLAS thread too; set before numpy loads.
        for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = "1"
    sys.exit(main())
