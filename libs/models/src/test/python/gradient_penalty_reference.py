"""Writes the fixture GradientPenaltyTest compares dev.aegan.models.nn.GradientPenalty against:
the WGAN-GP penalty of Gulrajani et al. (2017), Algorithm 1 lines 6-8, written the way their code
and most PyTorch ports write it, on a small convolutional critic whose weights, inputs and eps are
drawn here.

Run with Debian's torch (the first python3 on PATH may lack it), from the repository root:

    /usr/bin/python3 libs/models/src/test/python/gradient_penalty_reference.py \
        > libs/models/src/test/resources/fixtures/gradient-penalty-reference.json

What is independent of the Java code: the critic is written with torch.nn.functional, the input
gradient comes from torch.autograd.grad(create_graph=True) (not the TorchScript module the Java
side loads), the norm is Tensor.norm(2, dim=1) of the flattened gradient, and everything runs in
float64 (weights and inputs are float32 values), so the fixture is the exact answer. Shared by
design: the parameter names (the Java critic's DJL paths) and the draws.

Tensors are base64 strings of little-endian float32; scalars are JSON numbers.
"""
import base64
import json
import sys

import torch
import torch.nn.functional as F

WEIGHT = 10.0
BATCH, CHANNELS, SIZE = 3, 2, 6


def encode_floats(t):
    return base64.b64encode(t.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()).decode()


def uniform(generator, shape, bound):
    return (torch.rand(shape, generator=generator, dtype=torch.float32) * 2 - 1) * bound


def main():
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(7)
    params = {
        "01Conv2d_weight": uniform(g, (4, CHANNELS, 3, 3), 0.4),
        "01Conv2d_bias": uniform(g, (4,), 0.4),
        "03Conv2d_weight": uniform(g, (4, 4, 3, 3), 0.3),
        "03Conv2d_bias": uniform(g, (4,), 0.3),
        "06Linear_weight": uniform(g, (1, 4 * (SIZE // 2) ** 2), 0.3),
        "06Linear_bias": uniform(g, (1,), 0.3),
    }
    real = uniform(g, (BATCH, CHANNELS, SIZE, SIZE), 1.0)
    fake = uniform(g, (BATCH, CHANNELS, SIZE, SIZE), 1.0)
    eps = torch.rand((BATCH,), generator=g, dtype=torch.float32)

    p = {k: v.double().requires_grad_() for k, v in params.items()}

    def critic(x):
        h = F.leaky_relu(F.conv2d(x, p["01Conv2d_weight"], p["01Conv2d_bias"], padding=1), 0.2)
        h = torch.tanh(F.conv2d(h, p["03Conv2d_weight"], p["03Conv2d_bias"], stride=2, padding=1))
        return F.linear(h.flatten(1), p["06Linear_weight"], p["06Linear_bias"])

    e = eps.double().view(-1, 1, 1, 1)
    x_hat = (e * real.double() + (1 - e) * fake.double()).requires_grad_()
    gradient, = torch.autograd.grad(critic(x_hat).sum(), x_hat, create_graph=True)
    norm = gradient.flatten(1).norm(2, dim=1)
    penalty = WEIGHT * ((norm - 1) ** 2).mean()
    # The last bias does not change grad_x D: its gradient is zero (unused by the graph).
    grads = [torch.zeros_like(v) if gr is None else gr
             for v, gr in zip(p.values(), torch.autograd.grad(penalty, list(p.values()), allow_unused=True))]

    fixture = {
        "generator": "libs/models/src/test/python/gradient_penalty_reference.py",
        "torch": torch.__version__,
        "precision": "float64",
        "weight": WEIGHT,
        "parameters": {k: {"shape": list(v.shape), "data": encode_floats(v)} for k, v in params.items()},
        "inputs": {k: {"shape": list(v.shape), "data": encode_floats(v)}
                   for k, v in {"real": real, "fake": fake, "eps": eps}.items()},
        "penalty": penalty.item(),
        "gradientNorm": norm.mean().item(),
        "gradients": {k: encode_floats(gr) for k, gr in zip(p, grads)},
    }
    json.dump(fixture, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
