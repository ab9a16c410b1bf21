import json
from pathlib import Path

import numpy as np
import onnx
import pytest
from PIL import Image

from scenebrush_training.__main__ import main
from scenebrush_training.data.importer import import_dataset
from scenebrush_training.data.palette import UNKNOWN_INDEX, load_palette
from scenebrush_training.data.pngio import load_index, load_instances, load_rgb
from scenebrush_training.data.training_set import LandscapeData
from scenebrush_training.train.gan import Trainer
from scenebrush_training.train.options import TrainConfig

ADE_PERSON = 12  # a thing class of the ADE20K palette (0-based)


def photo(path, w, h, seed):
    rng = np.random.default_rng(seed)
    Image.fromarray(rng.integers(0, 255, (h, w, 3), dtype=np.uint8)).save(path)


def ade_folder(root, sizes=((96, 64), (80, 80), (64, 96))):
    (root / "images").mkdir(parents=True)
    (root / "annotations").mkdir()
    for k, (w, h) in enumerate(sizes):
        photo(root / "images" / f"ADE_{k}.jpg", w, h, k)
        lab = np.full((h, w), 3, np.uint8)  # ADE value 3 = class index 2
        lab[:, : w // 4] = 0  # "other": unlabeled
        lab[h // 4 : h // 2, w // 2 : w // 2 + 8] = ADE_PERSON + 1  # two separate people
        lab[h // 2 + 4 : h // 2 + 12, w // 2 : w // 2 + 8] = ADE_PERSON + 1
        Image.fromarray(lab, "L").save(root / "annotations" / f"ADE_{k}.png")
    return root / "images", root / "annotations"


def test_an_ade20k_folder_becomes_a_square_data_set_with_objects(tmp_path):
    images, labels = ade_folder(tmp_path / "ade")
    out = tmp_path / "set"
    m = import_dataset(images, labels, out, "ade20k", size=64)
    assert m["count"] == 3 and m["palette"] == "ade20k"
    assert json.loads((out / "dataset.json").read_text())["sources"] == ["ADE_0.jpg", "ADE_1.jpg", "ADE_2.jpg"]
    lab = load_index(out / "labels" / "000001.png")  # the 80x80 one: only resized
    assert lab.shape == (64, 64) and load_rgb(out / "images" / "000001.png").shape == (64, 64, 3)
    assert set(np.unique(lab)) == {2, ADE_PERSON, UNKNOWN_INDEX}
    assert (lab[:, :10] == UNKNOWN_INDEX).all(), "ADE's 0 ('other') is unlabeled"
    inst = load_instances(out / "instances" / "000001.png")
    people = np.unique(inst[lab == ADE_PERSON])
    assert len(people) == 2 and 0 not in people, "one object per connected region of a thing class"
    assert (inst[lab != ADE_PERSON] == 0).all()
    assert len(LandscapeData(out, 64, 0)) == 3


def test_colour_maps_in_a_palette_import_and_unknown_colours_are_named(tmp_path):
    pal = load_palette("landscape")
    (tmp_path / "img").mkdir()
    (tmp_path / "lab").mkdir()
    photo(tmp_path / "img" / "a.png", 40, 40, 1)
    rgb = np.zeros((40, 40, 3), np.uint8)
    rgb[:20] = pal.classes[pal.index("sky")].color
    rgb[20:] = pal.classes[pal.index("grass")].color
    rgb[:5, :5] = 0  # black: unlabeled
    Image.fromarray(rgb).save(tmp_path / "lab" / "a.png")
    import_dataset(tmp_path / "img", tmp_path / "lab", tmp_path / "out", "colour", "landscape", size=32)
    lab = load_index(tmp_path / "out" / "labels" / "000000.png")
    assert lab[0, 0] == UNKNOWN_INDEX and lab[8, 20] == pal.index("sky") and lab[30, 5] == pal.index("grass")
    rgb[30:, 30:] = (1, 2, 3)
    Image.fromarray(rgb).save(tmp_path / "lab" / "a.png")
    with pytest.raises(ValueError, match=r"a.png: 1 colour\(s\) not in palette 'landscape': #010203"):
        import_dataset(tmp_path / "img", tmp_path / "lab", tmp_path / "out2", "colour", "landscape", size=32)
    with pytest.raises(ValueError, match="needs --palette"):
        import_dataset(tmp_path / "img", tmp_path / "lab", tmp_path / "out3", "colour", size=32)


def test_problems_name_the_file_and_nothing_is_written(tmp_path):
    images, labels = ade_folder(tmp_path / "ade")
    Image.fromarray(np.zeros((10, 10), np.uint8), "L").save(labels / "ADE_1.png")
    with pytest.raises(ValueError, match="ADE_1.jpg is 80x80 but its label map ADE_1.png is 10x10"):
        import_dataset(images, labels, tmp_path / "o1", "ade20k", size=64)
    assert not (tmp_path / "o1").exists()
    (labels / "ADE_1.png").unlink()
    with pytest.raises(ValueError, match="no label map for 1 picture"):
        import_dataset(images, labels, tmp_path / "o2", "ade20k", size=64)
    Image.fromarray(np.full((80, 80), 200, np.uint8), "L").save(labels / "ADE_1.png")
    with pytest.raises(ValueError, match="ADE_1.png: value.*200 are not ade20k classes"):
        import_dataset(images, labels, tmp_path / "o3", "ade20k", size=64)
    (images / "ADE_1.jpg").write_bytes(b"not a picture")
    with pytest.raises(ValueError, match="ADE_1.jpg: not a readable picture"):
        import_dataset(images, labels, tmp_path / "o4", "ade20k", size=64)


def test_cityscapes_names_and_instance_maps(tmp_path):
    img = tmp_path / "leftImg8bit" / "train" / "aachen"
    gt = tmp_path / "gtFine" / "train" / "aachen"
    img.mkdir(parents=True)
    gt.mkdir(parents=True)
    photo(img / "aachen_000000_000019_leftImg8bit.png", 64, 32, 3)
    ids = np.full((32, 64), 7, np.uint8)  # road
    ids[10:20, 10:20] = 26  # car
    ids[10:20, 30:40] = 26
    Image.fromarray(ids, "L").save(gt / "aachen_000000_000019_gtFine_labelIds.png")
    inst = ids.astype(np.int32)
    inst[10:20, 10:20] = 26000
    inst[10:20, 30:40] = 26001
    Image.fromarray(inst, "I").save(gt / "aachen_000000_000019_gtFine_instanceIds.png")
    Image.fromarray(ids, "L").save(gt / "aachen_000000_000019_gtFine_color.png")  # ignored: not labelIds
    import_dataset(tmp_path / "leftImg8bit", tmp_path / "gtFine", tmp_path / "out", "cityscapes", size=32)
    lab = load_index(tmp_path / "out" / "labels" / "000000.png")
    objects = load_instances(tmp_path / "out" / "instances" / "000000.png")
    assert lab[0, 0] == 7
    assert sorted(np.unique(objects).tolist()) == [0, 1, 2]


def test_an_imported_set_trains_and_exports_a_pack_in_its_palette(tmp_path):
    images, labels = ade_folder(tmp_path / "ade")
    out = tmp_path / "set"
    assert (
        main(
            [
                "dataset",
                "import",
                "--images",
                str(images),
                "--labels",
                str(labels),
                "--out",
                str(out),
                "--layout",
                "ade20k",
                "--size",
                "64",
            ]
        )
        == 0
    )
    cfg = json.loads((Path(__file__).parents[1] / "configs" / "smoke.json").read_text())
    cfg.update(steps=2, max_samples=3)
    config = tmp_path / "c.json"
    config.write_text(json.dumps(cfg))
    run = tmp_path / "run"
    assert main(["train", "--config", str(config), "--out", str(run), "--data", str(out), "--threads", "1"]) == 0
    export = ["export", "--run", str(run), "--out", str(tmp_path / "pack"), "--id", "mine", "--name", "Mine"]
    assert main(export + ["--no-receptive-field"]) == 0
    manifest = json.loads((tmp_path / "pack" / "pack.json").read_text())
    assert manifest["palette"] == "ade20k"
    model = onnx.load(str(tmp_path / "pack" / "generator.onnx"))
    label = next(i for i in model.graph.input if i.name == "label")
    assert label.type.tensor_type.shape.dim[1].dim_value == 151
    # The run belongs to its palette: a landscape set cannot resume it.
    with pytest.raises(ValueError, match="trained on palette 'ade20k'"):
        Trainer(TrainConfig.load(config), run, "landscape")
