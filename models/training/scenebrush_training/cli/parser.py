"""The command line's arguments: python3 -m scenebrush_training <command> ... (from models/training)."""

from __future__ import annotations

import argparse
from pathlib import Path

from scenebrush_training.cli.ladder import add_ladder_parsers


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

    d = sub.add_parser(
        "dataset",
        help="render N landscape samples (image, label, instance PNGs); `dataset import` turns your own into them",
    )
    d.add_argument("--out", type=Path, help="data set folder to write (required)")
    d.add_argument("--count", type=_positive, default=100)
    d.add_argument("--size", type=_size, default=256)
    d.add_argument("--seed", type=int, default=0)
    d.add_argument("--start", type=int, default=0, help="index of the first sample (to extend a set)")
    d.add_argument("--artist", action="store_true", help="also write artist-style simplified maps")
    d.add_argument("--quiet", action="store_true")
    imp = d.add_subparsers(dest="action", metavar="import").add_parser(
        "import", help="photos with label PNGs (ADE20K, COCO-Stuff, Cityscapes or colour maps) into a data set"
    )
    imp.add_argument("--images", type=Path, required=True, help="folder of pictures (searched recursively)")
    imp.add_argument("--labels", type=Path, required=True, help="folder of label PNGs named like the pictures")
    imp.add_argument("--out", type=Path, required=True, dest="import_out", help="data set folder to write")
    imp.add_argument("--layout", choices=["ade20k", "coco-stuff", "cityscapes", "colour"], required=True)
    imp.add_argument("--palette", help="with --layout colour: the palette whose colours the maps use")
    imp.add_argument("--size", type=_size, default=256, dest="import_size", help="square side (default 256)")

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
    tr.add_argument(
        "--init-from-pack",
        type=Path,
        help="a new run starts from this pack's generator and encoder (same palette and network, padding aside); "
        "ignored when the run folder already has a checkpoint",
    )
    tr.add_argument(
        "--keep-every",
        type=_positive,
        help="also keep the checkpoint of every N-th step in OUT/steps/<step>/ (for score-steps)",
    )

    rp = sub.add_parser(
        "repad", help="teach a pack's base generator other padding: a new run, the pack as its teacher (resumes)"
    )
    rp.add_argument("--pack", type=Path, required=True, help="the pack whose generator is re-padded")
    rp.add_argument("--config", type=Path, required=True, help="the pack's network with the new 'padding'")
    rp.add_argument("--out", type=Path, required=True, help="run folder (checkpoint.pt lives here)")
    rp.add_argument("--data", type=Path, required=True, help="rendered data set")
    rp.add_argument("--until", type=_positive, required=True, help="stop at this step (the pack's steps + N)")
    rp.add_argument("--threads", type=_positive)
    rp.add_argument("--band", type=float, default=1 / 32, help="edge band left untaught, fraction of the side")
    rp.add_argument("--keep-every", type=_positive, help="also keep every N-th step's checkpoint in OUT/steps/")

    ex = sub.add_parser("export", help="export a trained run as a model pack")
    ex.add_argument("--run", type=Path, required=True, help="run folder with checkpoint.pt")
    ex.add_argument("--out", type=Path, required=True, help="pack folder")
    ex.add_argument("--id", required=True)
    ex.add_argument("--name", required=True)
    ex.add_argument("--metrics", type=Path, help="JSON file of measured metrics to record")
    ex.add_argument("--fp16", action="store_true", help="store weights as float16")
    _no_receptive_field(ex)
    ex.add_argument(
        "--parts-from",
        type=Path,
        help="a pack whose class generators, retrieval, ladder, materials and looks the new pack keeps",
    )

    zp = sub.add_parser("fit-z-prior", help="fit the style z prior to the encoder's use of z (after training)")
    zp.add_argument("--run", type=Path, required=True, help="run folder with checkpoint.pt")
    zp.add_argument("--data", type=Path, required=True, help="the run's training data set")
    zp.add_argument("--threads", type=_positive, default=2)
    zp.add_argument(
        "--main-axis-quantiles",
        action="store_true",
        help="map the main axis through the images' quantiles instead of the Gaussian (models/README.md)",
    )

    ss = sub.add_parser(
        "score-steps", help="fit the prior of and score every kept checkpoint of a run not yet scored; table"
    )
    ss.add_argument("--run", type=Path, required=True, help="run folder trained with --keep-every")
    ss.add_argument("--data", type=Path, required=True, help="the run's training data set (for the z prior)")
    ss.add_argument("--heldout", type=Path, required=True)
    ss.add_argument("--threads", type=_positive, default=2)
    ss.add_argument(
        "--every", type=_positive, default=None, help="score only checkpoints whose step is a multiple of N"
    )

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
    _no_receptive_field(u)

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
    cv.add_argument(
        "--num-up",
        choices=["normal", "more", "most"],
        default="normal",
        help="SPADE upsampling layers of the training run (the releases use normal)",
    )
    cv.add_argument(
        "--receptive-field",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="measure the reach for tiled export (default: for networks under 20M parameters)",
    )

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
    at.add_argument(
        "--untrained",
        action="store_true",
        help="the pack came from export-untrained with these --z-dim/--ngf/--num-up/--seed",
    )
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
    ac.add_argument(
        "--default-mode",
        choices=("base", "class"),
        default="base",
        help="the mode new objects of the class start in (class: the generator draws the class better than the base)",
    )

    ec = sub.add_parser("evaluate-class", help="per-class Frechet distance of instance crops, base vs class pass")
    ec.add_argument("--base-run", type=Path, required=True)
    ec.add_argument("--class-run", type=Path, required=True)
    ec.add_argument("--heldout", type=Path, required=True)
    ec.add_argument("--maps", type=_positive, default=200)
    ec.add_argument("--threads", type=_positive, default=2)

    cr = sub.add_parser(
        "score-class-renders",
        help="class generators as the app renders them: crop FD, object luminance, change of a new look",
    )
    cr.add_argument("--heldout", type=Path, required=True)
    cr.add_argument("--base", type=Path, required=True, help="app renders of the held-out maps (render)")
    cr.add_argument(
        "--looks",
        type=Path,
        nargs="+",
        required=True,
        help="app renders in class mode (render --class-mode), one folder per --object-seed",
    )
    cr.add_argument("--classes", nargs="+", default=["tree", "house", "bush", "stone"])
    cr.add_argument("--min-area", type=_positive, default=24, help="smallest instance scored, in pixels")
    cr.add_argument("--maps", type=_positive, default=200)
    cr.add_argument("--threads", type=_positive, default=2)

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
    add_ladder_parsers(sub)
    return p


def _no_receptive_field(command) -> None:
    command.add_argument(
        "--no-receptive-field",
        dest="measure_reach",
        action="store_false",
        help="do not probe how far a change reaches (minutes for a large network on a CPU); "
        "tiled exports then use the app's default halo",
    )
