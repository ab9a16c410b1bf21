import json

import numpy as np
import pytest

from scenebrush_training.__main__ import main
from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.data.palette import load_palette
from scenebrush_training.data.pngio import colors_to_index, load_index, load_instances, load_rgb
from scenebrush_training.data.scene import LandscapeRenderer
from scenebrush_training.data.simplify import artist_map

PALETTE = load_palette("landscape")
THINGS = set(PALETTE.thing_indices)


@pytest.fixture(scope="module")
def renderer():
    return LandscapeRenderer(PALETTE)


@pytest.fixture(scope="module")
def many(renderer):
    return [renderer.render(7, 96, 96, i) for i in range(300)]


def test_palette_is_a_landscape_painters_set():
    assert len(PALETTE) >= 14
    names = {c.name for c in PALETTE.classes}
    assert {"sky", "clouds", "mountain", "sea", "river", "tree", "house"} <= names
    assert {PALETTE.classes[i].name for i in THINGS} == {"tree", "bush", "stone", "house"}
    assert len({c.color for c in PALETTE.classes}) == len(PALETTE)


def test_same_seed_gives_identical_samples(renderer):
    a, b = renderer.render(3, 128, 128, 5), renderer.render(3, 128, 128, 5)
    assert np.array_equal(a.image, b.image)
    assert np.array_equal(a.labels, b.labels)
    assert np.array_equal(a.instances, b.instances)
    c = renderer.render(4, 128, 128, 5)
    assert not np.array_equal(a.image, c.image)


def test_any_size_and_aspect(renderer):
    s = renderer.render(1, 80, 200, 0)
    assert s.image.shape == (80, 200, 3) and s.labels.shape == (80, 200) and s.instances.shape == (80, 200)


def test_every_class_occurs_over_a_few_hundred_samples(many):
    seen = set()
    for s in many:
        seen.update(np.unique(s.labels).tolist())
    missing = [PALETTE.classes[i].name for i in range(len(PALETTE)) if i not in seen]
    assert not missing, f"classes never rendered: {missing}"


def test_instances_only_on_things_and_consistent_with_labels(many):
    total = 0
    for s in many:
        is_thing = np.isin(s.labels, list(THINGS))
        assert np.array_equal(s.instances > 0, is_thing)
        for iid in np.unique(s.instances[s.instances > 0]):
            classes = np.unique(s.labels[s.instances == iid])
            assert len(classes) == 1
            total += 1
        ids = np.unique(s.instances[s.instances > 0])
        assert np.array_equal(ids, np.arange(1, len(ids) + 1))  # compact numbering
    assert total > 1000  # scenes hold many objects


def test_scenes_are_varied(many):
    lights = {}
    for i, s in enumerate(many[:100]):
        lights[s.meta["light"]] = lights.get(s.meta["light"], 0) + 1
    assert set(lights) == {"day", "golden", "overcast", "dusk"}
    # Textured, not flat fills: most label regions have real colour variation.
    s = many[0]
    sky = s.labels == PALETTE.index("sky")
    assert s.image[sky].std(0).mean() > 2


def test_written_files_round_trip_and_match_palette(tmp_path):
    write_dataset(tmp_path, 6, 64, seed=2, artist=True, progress=False)
    manifest = json.loads((tmp_path / "dataset.json").read_text())
    assert manifest["count"] == 6 and manifest["palette"] == "landscape"
    r = LandscapeRenderer(PALETTE)
    for i in range(6):
        name = f"{i:06d}.png"
        s = r.render(2, 64, 64, i)
        assert np.array_equal(load_rgb(tmp_path / "images" / name), s.image)
        labels = load_index(tmp_path / "labels" / name)
        assert np.array_equal(labels, s.labels)
        assert np.array_equal(colors_to_index(load_rgb(tmp_path / "labels_color" / name), PALETTE), labels)
        inst = load_instances(tmp_path / "instances" / name)
        assert inst.dtype == np.uint16 and np.array_equal(inst, s.instances)
        assert (tmp_path / "labels_artist" / name).is_file()


def test_colour_map_with_foreign_colours_is_refused():
    img = np.zeros((4, 4, 3), np.uint8)
    img[0, 0] = (1, 2, 3)
    with pytest.raises(ValueError, match="1 pixels have colours that are not in palette"):
        colors_to_index(img, PALETTE)


def test_artist_maps_are_coarse_blobs_with_consistent_instances(many):
    from scipy import ndimage

    fewer = 0
    for k, s in enumerate(many[:40]):
        lab, inst = artist_map(s.labels, s.instances, sorted(THINGS), np.random.default_rng(k), strength=0.04)
        assert lab.shape == s.labels.shape
        assert np.array_equal(inst > 0, np.isin(lab, list(THINGS)))
        for iid in np.unique(inst[inst > 0]):
            assert len(np.unique(lab[inst == iid])) == 1
        before = sum(ndimage.label(s.labels == c)[1] for c in np.unique(s.labels))
        after = sum(ndimage.label(lab == c)[1] for c in np.unique(lab))
        fewer += after < before
        # Most pixels keep their class: a simplification, not a different scene.
        assert (lab == s.labels).mean() > 0.75
    assert fewer >= 30


@pytest.mark.parametrize(
    "argv, message",
    [
        (["dataset", "--out", "x", "--count", "0"], "must be at least 1"),
        (["dataset", "--out", "x", "--size", "10"], "size must be 32..8192"),
        (["dataset", "--out", "x", "--count", "many"], "expected a whole number"),
        (["sheet"], "--out"),
    ],
)
def test_bad_arguments_give_clear_errors(argv, message, capsys):
    with pytest.raises(SystemExit) as e:
        main(argv)
    assert e.value.code == 2
    assert message in capsys.readouterr().err
