import json
from pathlib import Path

import numpy as np
import onnx
import pytest
import torch

from scenebrush_training.__main__ import main
from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.evaluate.ladder import edge_band, evaluate_at_size, sharpness
from scenebrush_training.export.ladder import measured_reach
from scenebrush_training.data.pngio import load_index, load_rgb, save_rgb
from scenebrush_training.train.refiner import RefinerConfig, RefinerTrainer, RenderSet, degrade
from scenebrush_training.nets.refiner import RefinerStage, upsample_picture

CONFIGS = sorted((Path(__file__).parents[1] / "configs").glob("refiner_*.json"))


@pytest.fixture(scope="module")
def renders(tmp_path_factory):
    root = tmp_path_factory.mktemp("ladder")
    write_dataset(root / "a", 3, 96, seed=5, progress=False)
    write_dataset(root / "b", 2, 160, seed=5, progress=False, artist=True)
    return root


def _stage(family="concat", channels=6, blocks=2):
    torch.manual_seed(0)
    s = RefinerStage(18, channels, blocks, family)
    torch.nn.init.normal_(s.tail.weight, 0, 0.1)
    return s.eval()


def _inputs(h, w, seed=0):
    g = torch.Generator().manual_seed(seed)
    lab = torch.zeros(1, 19, h, w)
    lab[:, 0, : h // 2] = 1
    lab[:, 9, h // 2 :] = 1
    edge = (torch.rand(1, 1, h, w, generator=g) > 0.9).float()
    return (torch.rand(1, 3, h, w, generator=g) * 2 - 1, lab, edge, torch.randn(1, 1, h, w, generator=g))


def test_fresh_stage_is_the_identity():
    s = RefinerStage(18, 8, 2, "modulated").eval()
    pic, lab, edge, noise = _inputs(40, 48)
    assert torch.equal(s(pic, lab, edge, noise), pic)


@pytest.mark.parametrize("family", ["concat", "modulated"])
def test_tiles_with_a_halo_of_the_reach_equal_the_whole(family):
    # What exports rely on: no normalisation over the picture, so a window's centre is exact.
    s = _stage(family)
    ins = _inputs(80, 96)
    whole = s(*ins)
    r = s.receptive_field
    assert measured_reach(s) <= r
    y0, y1, x0, x1 = 30, 50, 40, 60
    win = [t[:, :, y0 - r : y1 + r, x0 - r : x1 + r] for t in ins]
    part = s(*win)[:, :, r:-r, r:-r]
    assert torch.allclose(part, whole[:, :, y0:y1, x0:x1], atol=1e-5)
    # ... and a halo one pixel short of the reach is not enough (the check can fail).
    win = [t[:, :, y0 - r + 2 : y1 + r - 2, x0 - r + 2 : x1 + r - 2] for t in ins]
    short = s(*win)[:, :, r - 2 : -(r - 2), r - 2 : -(r - 2)]
    assert not torch.allclose(short, whole[:, :, y0:y1, x0:x1], atol=1e-5)


def test_bad_family_and_sizes_are_named():
    with pytest.raises(ValueError, match="concat, modulated"):
        RefinerStage(18, 8, 2, "unet")
    with pytest.raises(ValueError, match="at least 4 channels"):
        RefinerStage(18, 2, 2)


def test_degraded_input_keeps_the_colours_and_loses_detail():
    rng = np.random.default_rng(0)
    target = torch.rand(2, 3, 64, 64) * 2 - 1
    low = degrade(target, rng, 1.5, 0.0)
    assert low.shape == target.shape
    assert torch.allclose(low.mean((2, 3)), target.mean((2, 3)), atol=0.02)
    assert (low[..., 1:] - low[..., :-1]).abs().mean() < (target[..., 1:] - target[..., :-1]).abs().mean()


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: p.stem)
def test_every_refiner_config_trains_resumes_and_attaches(config, renders, tmp_path):
    cfg = RefinerConfig.load(
        config,
        steps=2,
        crop=48,
        batch=2,
        checkpoint_every=1,
        log_every=1,
        threads=1,
        max_samples=3,
        channels=4,
        blocks=1,
        ndf=4,
    )
    cfg.data = [str(renders / "a"), str(renders / "b")]
    run = tmp_path / "run"
    t = RefinerTrainer(cfg, run)
    t.keep_every = 1
    t.fit(RenderSet(cfg.data, 0, 3), until=1)
    assert t.step == 1 and (run / "checkpoint.pt").is_file()
    assert RefinerTrainer.from_run(run / "steps" / "000001").step == 1
    resumed = RefinerTrainer(cfg, run)
    assert resumed.step == 1
    resumed.fit(RenderSet(cfg.data, 0, 3))
    assert resumed.step == 2 and all(np.isfinite(v) for h in resumed.history for v in h.values())
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.json").write_text(
        json.dumps({"id": "p", "palette": "landscape", "resolution": [64, 64], "training": {}})
    )
    assert main(["attach-refiners", "--pack", str(pack), "--run", str(run), "--stages", "2"]) == 0
    m = json.loads((pack / "pack.json").read_text())
    assert [r["scale"] for r in m["refiners"]] == [128, 256]
    assert m["refiners"][0]["labelChannels"] == 19 and m["refiners"][0]["receptiveField"] == 1 + 2 + 1
    assert m["training"]["refiners"]["steps"] == 2
    model = onnx.load(str(pack / "refiner.onnx"))
    onnx.checker.check_model(model)
    assert [i.name for i in model.graph.input] == ["picture", "label", "instance_edge", "noise"]
    ref = json.loads((pack / "refiner-reference.json").read_text())
    n = ref["width"] * ref["height"]
    assert len(ref["picture"]) == 3 * n and len(ref["noise"]) == n and len(ref["image"]) == 3 * n


def test_a_new_base_takes_the_bundled_ladder(tmp_path):
    bundled = Path(__file__).parents[2] / "landscape"
    pack = tmp_path / "pack"
    pack.mkdir()
    manifest = {"id": "mine", "palette": "landscape", "resolution": [128, 128], "training": {"steps": 3}}
    (pack / "pack.json").write_text(json.dumps(manifest))
    assert main(["attach-refiners", "--pack", str(pack), "--from-pack", str(bundled)]) == 0
    m, theirs = json.loads((pack / "pack.json").read_text()), json.loads((bundled / "pack.json").read_text())
    assert m["refiners"] == theirs["refiners"] and m["id"] == "mine" and m["training"]["steps"] == 3
    assert m["training"]["refiners"]["from"] == "landscape"
    for name in {r["file"] for r in m["refiners"]} | {r["reference"] for r in m["refiners"]}:
        assert (pack / name).read_bytes() == (bundled / name).read_bytes()
    # Another base resolution, a pack without a ladder, and two sources at once are refused.
    (pack / "pack.json").write_text(json.dumps({**manifest, "resolution": [256, 256]}))
    assert main(["attach-refiners", "--pack", str(pack), "--from-pack", str(bundled)]) == 2
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "pack.json").write_text(json.dumps(manifest))
    assert main(["attach-refiners", "--pack", str(pack), "--from-pack", str(bare)]) == 2
    assert main(["attach-refiners", "--pack", str(pack), "--from-pack", str(bundled), "--untrained", "x"]) == 2


def test_attach_refuses_bad_requests(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.json").write_text(
        json.dumps({"id": "p", "palette": "landscape", "resolution": [64, 64], "training": {}})
    )
    cfg = str(CONFIGS[0])
    assert main(["attach-refiners", "--pack", str(pack)]) == 2
    assert main(["attach-refiners", "--pack", str(pack), "--untrained", cfg, "--stages", "9"]) == 2


def test_scores_at_size(renders, tmp_path):
    held = renders / "b"
    same = evaluate_at_size(held / "images", held)
    assert same["patch_fd"] == pytest.approx(0, abs=1e-6)
    assert same["sharpness_ratio"] == pytest.approx(1.0)
    assert same["miou"] == same["real_miou"] and same["size"] == [160, 160]
    assert same["colour_distance"] == pytest.approx(0, abs=1e-9)
    assert same["edge_sharpness_ratio"] == pytest.approx(1.0)
    assert same["frame"] == pytest.approx({"top": 0, "bottom": 0, "left": 0, "right": 0}, abs=1e-9)
    # A stretched 40-px picture: far softer, and further in patch features.
    from PIL import Image

    soft = tmp_path / "soft"
    soft.mkdir()
    for p in sorted((held / "images").glob("*.png")):
        small = Image.open(p).resize((40, 40), Image.BILINEAR).resize((160, 160), Image.BILINEAR)
        save_rgb(soft / p.name, np.asarray(small))
    r = evaluate_at_size(soft, held, "labels_artist")
    assert r["sharpness_ratio"] < 0.5 and r["patch_fd"] > 0 and r["edge_sharpness_ratio"] < 0.5
    # Light rims drawn along every class boundary (as an over-sharpening stage leaves them) raise
    # the edge score above the real renders'.
    rims = tmp_path / "rims"
    rims.mkdir()
    for p in sorted((held / "images").glob("*.png")):
        img = load_rgb(p).astype(np.int16)
        band = np.zeros(img.shape[:2], bool)
        band[1:-1, 1:-1] = edge_band(load_index(held / "labels" / p.name))
        img[band] += 60
        save_rgb(rims / p.name, img.clip(0, 255).astype(np.uint8))
    assert evaluate_at_size(rims, held)["edge_sharpness_ratio"] > 1.2
    # A blue frame two pixels wide along the top edge (160 px: bands of 2), as the bundled base
    # draws it: that side scores about the added blue, the other sides nothing.
    frame = tmp_path / "frame"
    frame.mkdir()
    for p in sorted((held / "images").glob("*.png")):
        img = load_rgb(p).astype(np.int16)
        img[:2, 2:-2, 2] += 30
        save_rgb(frame / p.name, img.clip(0, 255).astype(np.uint8))
    sides = evaluate_at_size(frame, held)["frame"]
    assert 20 < sides["top"] <= 30 and max(sides["bottom"], sides["left"], sides["right"]) < 2
    with pytest.raises(ValueError, match="render at the held-out set's size"):
        bad = tmp_path / "bad"
        bad.mkdir()
        for p in sorted((held / "images").glob("*.png")):
            save_rgb(bad / p.name, np.zeros((96, 96, 3), np.uint8))
        evaluate_at_size(bad, held)


def test_sharpness_of_a_flat_picture_is_zero():
    assert sharpness(np.full((20, 20, 3), 128, np.uint8)) == pytest.approx(0.0, abs=1e-9)


def test_own_input_is_the_stage_output_on_the_crop_below(renders):
    cfg = RefinerConfig(crop=48, batch=2, channels=4, blocks=1, ndf=4, self_input=1.0, blur_max=0.0, noise_max=0.0)
    t = RefinerTrainer(cfg, renders / "unused-run")
    torch.nn.init.normal_(t.G_ema.tail.weight, 0, 0.2)
    data = RenderSet([str(renders / "a")], 0, 3)
    target, picture, _, _ = t.batch(data, np.random.default_rng(3))
    # A fresh stage is the identity, so its own output below is what it was given there: the
    # crop taken down x2 twice, brought up to half size, then up to the crop's size.
    fresh = RefinerTrainer(cfg, renders / "unused-run2")
    same_target, own, _, _ = fresh.batch(data, np.random.default_rng(3))
    half = torch.nn.functional.avg_pool2d(target, 2)
    below = upsample_picture(torch.nn.functional.avg_pool2d(half, 2), 24, 24)
    assert torch.equal(same_target, target)
    assert torch.allclose(own, upsample_picture(below.clamp(-1, 1), 48, 48), atol=1e-5)
    # A trained stage's own output is what the input becomes.
    assert picture.shape == target.shape and not torch.allclose(picture, own, atol=1e-3)


def test_a_refiner_run_starts_from_the_bundled_ladder(renders, tmp_path):
    bundled = Path(__file__).parents[2] / "landscape"
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"crop": 48, "batch": 2, "channels": 16, "blocks": 3, "self_input": 0.5}))
    run = tmp_path / "run"
    steps = json.loads((bundled / "pack.json").read_text())["training"]["refiners"]["steps"]
    args = ["train-refiner", "--config", str(config), "--out", str(run), "--data", str(renders / "a")]
    assert main(args + ["--init-from-pack", str(bundled), "--until", str(steps)]) == 0
    state = torch.load(run / "checkpoint.pt", map_location="cpu")
    assert state["step"] == steps and state["started_from"] == {"pack": "landscape", "steps": steps}
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.json").write_text(
        json.dumps({"id": "p", "palette": "landscape", "resolution": [128, 128], "training": {}})
    )
    assert main(["attach-refiners", "--pack", str(pack), "--run", str(run)]) == 0
    recorded = json.loads((pack / "pack.json").read_text())["training"]["refiners"]
    assert recorded["startedFrom"] == {"pack": "landscape", "steps": steps} and recorded["config"]["self_input"] == 0.5
    model = onnx.load(str(bundled / "refiner.onnx"))
    for init in model.graph.initializer:
        stored = onnx.numpy_helper.to_array(init).astype(np.float32)
        assert np.allclose(state["G"][init.name].numpy(), stored), init.name
    # A run of another width is refused with the field named.
    config.write_text(json.dumps({"crop": 48, "batch": 2, "channels": 8, "blocks": 3}))
    assert main(args[:4] + [str(tmp_path / "other")] + args[5:] + ["--init-from-pack", str(bundled)]) == 2
