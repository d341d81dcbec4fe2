"""The lambda-IJAE networks in the Java networks' fused formulation (libs/models ResampledConvolution, used
by IjaeNetworks), on the weights of the plain reference (libs/models/src/test/python/ijae_reference.py):

- a downsampling block's conv3x3 + 2x2 mean pool is one stride-2 4x4 convolution whose kernel is the 3x3
  kernel box-summed along each axis and divided by 4; its conv1x1 shortcut with the pool (on either side)
  is one stride-2 2x2 convolution made the same way;
- an upsampling block's nearest x2 upsample + conv3x3 is four 2x2 convolutions at the lower resolution,
  one per output phase (a, b), with kernel A_a W A_b^T, interleaved into the 2H x 2W map.

The derived kernels are computed from the 3x3 / 1x1 weights inside the forward pass, as in Java, so
gradients reach the same parameters. `check` proves the two formulations compute the same losses and
gradients; the plain one is what the model tests (IjaeReferenceTest) pin the Java networks against.
"""
import torch
import torch.nn.functional as F

import ijae_reference as ref

# hyperparameters of the check: small, and a canvas that pads (28 -> 32) as well as one that does not
CHECK_CASES = [((3, 32, 32), 5), ((1, 28, 28), 4)]
CHECK_TOLERANCE = 1e-9  # relative to the largest magnitude, in float64: any formulation change is O(1)


def pooled_kernel(weight):
    """meanpool_2x2(conv_k(x)) = conv_{k+1}(x, this, stride 2): the kernel box-summed along both axes, / 4."""
    w = F.pad(weight, (0, 0, 1, 0)) + F.pad(weight, (0, 0, 0, 1))
    return (F.pad(w, (1, 0)) + F.pad(w, (0, 1))) * 0.25


def phase_sums(a, r, like):
    """A_a (m x k): entry (u, d + r) is 1 when kernel row d lands on window row u of output phase a."""
    k, m, lo = 2 * r + 1, r + 1, (a - r) // 2
    sums = torch.zeros(m, k, dtype=like.dtype, device=like.device)
    for d in range(-r, r + 1):
        sums[(a + d) // 2 - lo, d + r] = 1
    return sums


class FusedModel(ref.Model):

    @staticmethod
    def down(p, pre, x, first, downsample):
        h = x if first else F.relu(x)
        h = F.conv2d(h, p[pre + "01conv1_weight"], p[pre + "01conv1_bias"], padding=1)
        if not downsample:
            return F.conv2d(F.relu(h), p[pre + "02conv2_weight"], p[pre + "02conv2_bias"], padding=1) + x
        pooled = F.conv2d(F.relu(h), pooled_kernel(p[pre + "02conv2_weight"]), p[pre + "02conv2_bias"],
                          stride=2, padding=1)
        skip = F.conv2d(x, pooled_kernel(p[pre + "03shortcut_weight"]), p[pre + "03shortcut_bias"], stride=2)
        return pooled + skip

    @staticmethod
    def conv_after_upsampling(x, weight):
        r = (weight.shape[2] - 1) // 2
        m = r + 1
        n, _, h, w = x.shape
        sums = [phase_sums(a, r, weight) for a in (0, 1)]
        phases = [[None, None], [None, None]]
        for a in (0, 1):
            for b in (0, 1):
                kernel = sums[a] @ weight @ sums[b].t()
                top, left = -((a - r) // 2), -((b - r) // 2)
                padded = F.pad(x, (left, m - 1 - left, top, m - 1 - top))
                phases[a][b] = F.conv2d(padded, kernel)
        rows = [torch.stack(phases[a], dim=4) for a in (0, 1)]
        return torch.stack(rows, dim=3).reshape(n, weight.shape[0], 2 * h, 2 * w)


def losses_and_gradients(model, draws):
    """Each update's loss and the gradients of it with respect to the updated network's parameters."""
    out = {}
    for phase, (loss, _) in model.losses(*draws).items():
        params = [t for t in model.p[phase].values() if t.requires_grad]
        out[phase] = [loss] + list(torch.autograd.grad(loss, params))
    return out


def check():
    """Raises AssertionError unless the fused networks give the plain ones' losses and gradients."""
    worst = 0.0
    for seed, (shape, channels) in enumerate(CHECK_CASES):
        hp = {"lambda": 0.3, "channels": channels, "latentDim": 6, "noiseDim": 5, "maxShift": 3}
        g = torch.Generator().manual_seed(100 + seed)
        nets = ref.make_params("lambda-ijae", shape, hp, g)
        n = 3
        draws = (torch.rand((n,) + shape, generator=g).double() * 2 - 1,
                 torch.randn(n, 6, generator=g).double(), torch.randn(n, 3, 5, generator=g).double(),
                 [("UP", 1), ("RIGHT", 3), ("LEFT", 0)], torch.randn((n,) + shape, generator=g).double())
        plain = losses_and_gradients(ref.Model("lambda-ijae", shape, hp, nets), draws)
        fused = losses_and_gradients(FusedModel("lambda-ijae", shape, hp, nets), draws)
        for phase, expected in plain.items():
            for i, (e, a) in enumerate(zip(expected, fused[phase])):
                error = (e - a).abs().max().item() / max(e.abs().max().item(), 1e-30)
                assert error <= CHECK_TOLERANCE, (
                    "fused %s %s (%s, c %d) differs from the plain reference by %.3g of its scale"
                    % (phase, "loss" if i == 0 else "gradient %d" % i, shape, channels, error))
                worst = max(worst, error)
    return worst
