import numpy as np
import pytest

from scenebrush_training.__main__ import main
from scenebrush_training.data.dataset import write_dataset
from scenebrush_training.evaluate.metrics import confusion, diversity, frechet_distance, scores
from scenebrush_training.evaluate.segmenter import WEIGHTS, load_segmenter, predict


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("eval")
    write_dataset(root, 24, 256, seed=99, progress=False)
    return root


def test_ground_truth_against_itself_scores_one(rendered, capsys):
    assert main(["evaluate", "--labels", str(rendered / "labels"), "--predictions", str(rendered / "labels")]) == 0
    out = capsys.readouterr().out
    assert "miou: 1.0000" in out and "accuracy: 1.0000" in out


def test_scores_on_a_known_confusion():
    truth = np.array([[0, 0, 1, 1]], np.uint8)
    pred = np.array([[0, 1, 1, 1]], np.uint8)
    s = scores(confusion(pred, truth, 3))
    assert s["accuracy"] == pytest.approx(0.75)
    assert s["per_class"][0] == pytest.approx(0.5) and s["per_class"][1] == pytest.approx(2 / 3)
    assert s["per_class"][2] is None  # absent class does not count
    assert s["miou"] == pytest.approx((0.5 + 2 / 3) / 2)


def test_frechet_distance_properties():
    rng = np.random.default_rng(0)
    a = rng.normal(size=(200, 8))
    b = rng.normal(loc=1.0, size=(200, 8))
    assert frechet_distance(a, a) == pytest.approx(0, abs=1e-8)
    assert frechet_distance(a, b) == pytest.approx(frechet_distance(b, a), rel=1e-6)
    assert frechet_distance(a, b) == pytest.approx(8.0, rel=0.25)  # mean shift of 1 in 8 dims
    with pytest.raises(ValueError, match="equal D"):
        frechet_distance(a, b[:, :4])


def test_diversity_is_zero_for_identical_renders_and_grows_with_spread():
    f = np.ones((3, 5))
    assert diversity([f, f]) == 0
    assert diversity([np.array([[0.0, 0], [3, 4]])]) == pytest.approx(5)


def test_bundled_segmenter_recovers_rendered_labels(rendered):
    assert WEIGHTS.is_file(), "segmenter weights must be committed"
    net = load_segmenter()
    from scenebrush_training.data.pngio import load_index, load_rgb

    names = sorted(p.name for p in (rendered / "images").glob("*.png"))
    imgs = np.stack([load_rgb(rendered / "images" / n) for n in names])
    labs = np.stack([load_index(rendered / "labels" / n) for n in names])
    pred, feats = predict(net, imgs)
    assert pred.shape == labs.shape and feats.shape == (len(names), net.feature_dim)
    s = scores(confusion(pred, labs, net.num_classes))
    assert s["accuracy"] > 0.8 and s["miou"] > 0.4


def test_frechet_of_a_set_against_itself_is_zero_and_noise_is_far(rendered, tmp_path, capsys):
    images = rendered / "images"
    assert main(["evaluate", "--images", str(images), "--reference", str(images), "--json"]) == 0
    import json

    same = json.loads(capsys.readouterr().out)["frechet_distance"]
    assert same == pytest.approx(0, abs=1e-6)
    from PIL import Image

    noise = tmp_path / "noise"
    noise.mkdir()
    rng = np.random.default_rng(0)
    for i in range(24):
        Image.fromarray(rng.integers(0, 256, (256, 256, 3), dtype=np.uint8)).save(noise / f"{i}.png")
    assert main(["evaluate", "--images", str(noise), "--reference", str(images), "--json"]) == 0
    far = json.loads(capsys.readouterr().out)["frechet_distance"]
    assert far > 1.0


def test_evaluate_reports_bad_input(tmp_path, capsys):
    assert main(["evaluate", "--images", str(tmp_path / "nope"), "--reference", str(tmp_path)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["evaluate"]) == 2
    assert "nothing to evaluate" in capsys.readouterr().err
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "broken.png").write_bytes(b"not a png")
    assert main(["evaluate", "--images", str(tmp_path / "a"), "--reference", str(tmp_path / "a")]) == 2
    assert "cannot read image" in capsys.readouterr().err
