import json

import numpy as np
import pytest
from PIL import Image

from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.export.gallery import COLUMNS, LOOKS, TILE, attach_gallery
from scenebrush_training.data.palette import load_palette
from scenebrush_training.data.pngio import load_index
from scenebrush_training.data.scene import LandscapeRenderer, light_of


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("gallery")
    write_dataset(root, 24, 128, seed=3, progress=False)
    return root


def test_light_of_names_the_light_a_sample_is_rendered_in():
    renderer = LandscapeRenderer()
    for i in range(6):
        assert light_of(3, i) == renderer.render(3, 64, 64, i).meta["light"]


def test_the_gallery_cuts_a_tile_per_shown_class_and_picks_looks_by_light(data, tmp_path):
    (tmp_path / "pack.json").write_text(json.dumps({"id": "t", "palette": "landscape", "resolution": [64, 64]}))
    added = attach_gallery(tmp_path, data, samples=24, per_look=2)
    palette = load_palette("landscape")
    manifest = json.loads((tmp_path / "pack.json").read_text())
    assert manifest["materials"]["classes"] == [c.name for c in palette.classes]
    atlas = np.asarray(Image.open(tmp_path / "materials.png"))
    assert atlas.shape == (-(-len(palette) // COLUMNS) * TILE, COLUMNS * TILE, 4)
    shown = set()
    for name in sorted((data / "labels").glob("*.png")):
        shown |= {int(v) for v in np.unique(load_index(name)) if v < len(palette)}
    for i, c in enumerate(palette.classes):
        r, col = divmod(i, COLUMNS)
        alpha = atlas[r * TILE : (r + 1) * TILE, col * TILE : (col + 1) * TILE, 3]
        assert (alpha.max() == 255) == (c.name in added["materials"])
    assert set(added["materials"]) <= {palette.classes[i].name for i in shown}
    assert {"sky", "grass"} <= set(added["materials"])
    sky = atlas[0:TILE, 0:TILE, :3].reshape(-1, 3).mean(0)
    assert sky[2] > sky[0], "the sky tile is cut from sky"
    for look in manifest["looks"]:
        light = dict((title, name) for name, title in LOOKS)[look["name"]]
        for rel in look["images"]:
            index = int(rel.split("-")[-1].split(".")[0])
            assert rel.startswith(f"looks/{light}-") and Image.open(tmp_path / rel).size == (64, 64)
            assert index < 2
    assert [lk["name"] for lk in manifest["looks"]] == [
        t for n, t in LOOKS if any(light_of(3, i) == n for i in range(24))
    ]


def test_no_renders_is_a_clear_error(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "pack.json").write_text(json.dumps({"id": "t", "palette": "landscape", "resolution": [64, 64]}))
    with pytest.raises(ValueError, match="no renders in"):
        attach_gallery(tmp_path, tmp_path)
