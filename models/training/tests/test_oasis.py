import torch

from scenebrush_training.nets.oasis import SegmentationDiscriminator
from scenebrush_training.train import oasis
from scenebrush_training.tensors import one_hot


def test_discriminator_labels_every_pixel_with_a_class_or_fake():
    d = SegmentationDiscriminator(num_classes=5, ndf=4, depth=3)
    out = d(torch.zeros(2, 3, 32, 48))
    assert out.shape == (2, 6, 32, 48)


def test_unknown_condition_pixels_are_not_judged():
    labels = torch.tensor([[[0, 1], [255, 2]]])
    target = oasis.class_targets(one_hot(labels, 3))
    assert target.tolist() == [[[0, 1], [oasis.IGNORE, 2]]]
    logits = torch.randn(1, 4, 2, 2)
    only_known = oasis.segmentation_loss(logits, target)
    logits[0, :, 1, 0] = torch.tensor([-50.0, 50.0, -50.0, -50.0])  # wildly wrong on the UNKNOWN pixel
    assert torch.isclose(oasis.segmentation_loss(logits, target), only_known)


def test_balanced_weights_give_every_present_class_the_same_total():
    target = torch.zeros(1, 10, 10, dtype=torch.long)
    target[0, :1, :3] = 2  # a rare class: 3 pixels against 97
    target[0, 9, 9] = oasis.IGNORE
    w = oasis.balanced_weights(target, num_classes=4)
    totals = [float(w[target == c].sum()) for c in (0, 2)]
    assert abs(totals[0] - totals[1]) < 1e-3
    assert float(w[target == oasis.IGNORE].sum()) == 0.0


def test_label_mix_mask_takes_whole_classes():
    target = torch.arange(6).repeat_interleave(16).reshape(1, 8, 12)
    gen = torch.Generator().manual_seed(3)
    for _ in range(5):
        mask = oasis.label_mix_mask(target, gen)[0, 0]
        for c in range(6):
            values = mask[target[0] == c].unique()
            assert len(values) == 1


def test_discriminator_losses_fall_when_it_learns_real_from_fake():
    torch.manual_seed(0)
    d = SegmentationDiscriminator(num_classes=3, ndf=4, depth=2)
    opt = torch.optim.Adam(d.parameters(), lr=2e-3)
    target = torch.zeros(2, 16, 16, dtype=torch.long)
    target[:, 8:] = 1
    target[:, :, 12:] = 2
    colours = torch.tensor([[1.0, -1, -1], [-1, 1, -1], [-1, -1, 1]])
    real = colours[target].permute(0, 3, 1, 2)
    fake = torch.zeros_like(real)
    first = None
    for _ in range(60):
        losses = oasis.discriminator_losses(d, real, fake, target, lambda_labelmix=1.0)
        total = sum(losses.values())
        first = first if first is not None else float(total)
        opt.zero_grad()
        total.backward()
        opt.step()
    assert float(total) < 0.5 * first
    assert set(losses) == {"d_real", "d_fake", "d_labelmix"}
