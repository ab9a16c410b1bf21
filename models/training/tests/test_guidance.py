"""Guidance for the retrieval generator: the four composition rules, retrieval without the
sample's own segments, distorted ground truth."""

from __future__ import annotations

import numpy as np
from pathlib import Path

from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.retrieval.guidance import Library, compose, distorted_guidance, retrieved_guidance
from scenebrush_training.data.palette import load_palette
from scenebrush_training.data.pngio import load_index, load_instances, load_rgb
from scenebrush_training.retrieval.segments import Segment, build_library

PAL = load_palette("landscape")
SKY, GRASS, TREE, HOUSE = (PAL.index(n) for n in ("sky", "grass", "tree", "house"))


def seg(cls, thing, box, area):
    return Segment(cls, thing, 40, 40, box, area, 0, np.zeros((4, 4), np.uint8), np.zeros((4, 4, 3), np.uint8))


def test_the_four_composition_rules():
    labels = np.full((40, 40), SKY, np.uint8)
    yy, xx = np.mgrid[0:40, 0:40]
    disc = (xx - 14.5) ** 2 + (yy - 14.5) ** 2 <= 25
    labels[disc] = TREE
    labels[19, 19] = HOUSE
    grass = (xx < 10) & (yy >= 30) & ((xx < 4) | (yy >= 36))
    labels[grass] = GRASS
    segs = [
        seg(SKY, False, (0, 0, 40, 40), int((labels == SKY).sum())),
        seg(TREE, True, (10, 10, 10, 10), int(disc.sum())),
        seg(HOUSE, True, (19, 19, 1, 1), 1),
        seg(GRASS, False, (0, 30, 10, 10), int(grass.sum())),
    ]
    full = [labels == SKY, disc, labels == HOUSE, grass]
    colour = {SKY: 10, TREE: 20, HOUSE: 30, GRASS: 40}
    patches = [np.full((4, 4, 3), colour[s.cls], np.uint8) for s in segs]
    masks = [np.ones((4, 4), bool) for _ in segs]
    g, have = compose(labels, PAL, segs, patches, masks, full)
    assert g[14, 14, 0] == 20  # rule 1
    assert g[10, 10, 0] == 20  # rule 3: an object's retrieved pixels over stuff stay
    assert g[19, 19, 0] == 30  # rule 4: not over another object
    assert g[31, 1, 0] == 40 and g[31, 8, 0] == 10  # rule 2: stuff not pasted outside itself
    assert have.all()


def test_retrieval_skips_the_samples_own_segments_and_distortion_changes_pixels(tmp_path):
    data = tmp_path / "d"
    write_dataset(data, 8, 96, seed=2, progress=False)
    build_library(data, tmp_path / "seg.bin", mask_size=16, patch_size=8)
    lib = Library(tmp_path / "seg.bin")
    assert not (lib.source == -1).any()
    name = "000003.png"
    img, lab, inst = (
        load_rgb(data / "images" / name),
        load_index(data / "labels" / name),
        load_instances(data / "instances" / name).astype(np.int64),
    )
    rng = np.random.default_rng(0)
    g, have = retrieved_guidance(img, lab, inst, PAL, lib, 3, rng)
    assert g.shape == img.shape and have.mean() > 0.5
    own = lib.source == 3
    assert own.any()
    # With every other render excluded from the library, nothing is retrieved.
    lib.source[:] = 3
    g2, have2 = retrieved_guidance(img, lab, inst, PAL, lib, 3, rng)
    assert not have2.any() and not g2.any()
    d, dhave = distorted_guidance(img, lab, inst, PAL, Library(tmp_path / "seg.bin"), rng)
    assert dhave.mean() > 0.5
    diff = np.abs(d.astype(int) - img.astype(int))[dhave].mean()
    assert 2 < diff < 120, diff  # changed, but still the same scene


def test_attach_retrieval_adds_generator_library_and_reference(tmp_path):
    import json

    import onnx

    from scenebrush_training.__main__ import main

    data = tmp_path / "d"
    write_dataset(data, 4, 64, seed=1, progress=False)
    build_library(data, tmp_path / "seg.bin", mask_size=16, patch_size=8)
    pack = tmp_path / "pack"
    assert main(["export-untrained", "--out", str(pack), "--ngf", "4", "--num-up", "4", "--no-receptive-field"]) == 0
    assert (
        main(
            [
                "attach-retrieval",
                "--pack",
                str(pack),
                "--library",
                str(tmp_path / "seg.bin"),
                "--untrained",
                "--ngf",
                "4",
                "--hidden",
                "4",
            ]
        )
        == 0
    )
    m = json.loads((pack / "pack.json").read_text())
    assert m["retrieval"]["generator"] == "retrieval.onnx" and m["retrieval"]["library"] == "segments.bin"
    model = onnx.load(str(pack / "retrieval.onnx"))
    assert [i.name for i in model.graph.input] == ["label", "instance_edge", "guidance"]
    ref = json.loads((pack / "retrieval-reference.json").read_text())
    assert len(ref["guidance"]) == 3 * ref["width"] * ref["height"]
    assert any(v != 0 for v in ref["guidance"])  # something was retrieved
    assert main(["attach-retrieval", "--pack", str(pack), "--library", str(tmp_path / "seg.bin")]) != 0
    # --fp16 halves the weights and marks the block, with the weights stored once (spectral norm
    # folded).
    full = (pack / "retrieval.onnx").stat().st_size
    assert not any("weight_orig" in i.name for i in model.graph.initializer)
    assert (
        main(
            [
                "attach-retrieval",
                "--pack",
                str(pack),
                "--library",
                str(tmp_path / "seg.bin"),
                "--untrained",
                "--ngf",
                "4",
                "--hidden",
                "4",
                "--fp16",
            ]
        )
        == 0
    )
    assert json.loads((pack / "pack.json").read_text())["retrieval"]["fp16"] is True
    assert (pack / "retrieval.onnx").stat().st_size < 0.6 * full


def test_evaluate_run_scores_a_retrieval_generator(tmp_path):
    from scenebrush_training.evaluate.generator import evaluate_run
    from scenebrush_training.data.training_set import LandscapeData
    from scenebrush_training.train.gan import Trainer
    from scenebrush_training.train.options import TrainConfig

    data = tmp_path / "d"
    write_dataset(data, 6, 64, seed=3, progress=False)
    cfg = TrainConfig.load(
        Path(__file__).parents[1] / "configs" / "smoke_resail.json", steps=1, max_samples=6, holdout=0
    )
    t = Trainer(cfg, tmp_path / "run")
    t.fit(LandscapeData(data, 64, 0, 6))
    r = evaluate_run(tmp_path / "run", data, z_count=2, diversity_maps=3, batch=3, threads=1)
    assert 0 <= r["maps"]["miou"] <= 1 and np.isfinite(r["maps"]["frechet_distance"])
    assert r["diversity"] > 0  # different retrieval draws give different pictures
