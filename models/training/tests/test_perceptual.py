import torch

from scenebrush_training.train.perceptual import RandomFeatures, perceptual_loss


def test_the_features_are_the_same_in_every_run_and_never_trained():
    a, b = RandomFeatures(), RandomFeatures()
    for pa, pb in zip(a.parameters(), b.parameters()):
        assert torch.equal(pa, pb) and not pa.requires_grad
    assert sum(p.numel() for p in a.state_dict().values()) > 0


def test_the_loss_is_zero_for_the_same_picture_and_grows_with_the_difference():
    torch.manual_seed(0)
    feats = RandomFeatures()
    real = torch.rand(2, 3, 64, 64) * 2 - 1
    assert float(perceptual_loss(feats, real.clone(), real)) < 1e-6
    near = perceptual_loss(feats, real + 0.05 * torch.randn_like(real), real)
    far = perceptual_loss(feats, real + 0.5 * torch.randn_like(real), real)
    assert 0 < float(near) < float(far)


def test_gradients_reach_the_generated_picture_only():
    feats = RandomFeatures()
    fake = torch.zeros(1, 3, 32, 32, requires_grad=True)
    real = torch.rand(1, 3, 32, 32, requires_grad=True)
    perceptual_loss(feats, fake, real).backward()
    assert fake.grad is not None and fake.grad.abs().sum() > 0
    assert real.grad is None
