"""Writes the fixture AdamOptimizerTest compares our Adam against: torch.optim.Adam on fixed
parameters and gradients.

Run with Debian's torch (the first python3 on PATH may lack it), from the repository root:

    /usr/bin/python3 libs/models/src/test/python/adam_reference.py \
        > libs/models/src/test/resources/dev/aegan/models/training/adam-reference.json

CI does not run this; it reads the committed JSON. Float32 values are written as the exact
decimal of their double widening, so Java reads back the same bits.
"""
import json
import sys

import torch

CASES = [
    # name, lr, betas, eps, gradient scale, steps
    ("torch-defaults", 1e-3, (0.9, 0.999), 1e-8, 1.0, 8),
    ("gan-betas", 2e-4, (0.5, 0.9), 1e-8, 1.0, 8),
    # gradients near eps: pins where eps enters (after the bias correction of the second moment)
    ("eps-dominated", 5e-2, (0.9, 0.99), 1e-3, 1e-3, 8),
]
SHAPES = {"w": (3, 4), "b": (5,)}


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def run(name, lr, betas, eps, scale, steps, generator):
    params = {k: torch.randn(s, generator=generator).requires_grad_() for k, s in SHAPES.items()}
    initial = {k: flat(p) for k, p in params.items()}
    optimizer = torch.optim.Adam(list(params.values()), lr=lr, betas=betas, eps=eps, foreach=False)
    gradients, trajectory = [], []
    for _ in range(steps):
        grads = {k: (torch.randn(s, generator=generator) * scale).float() for k, s in SHAPES.items()}
        for k, p in params.items():
            p.grad = grads[k].clone()
        optimizer.step()
        gradients.append({k: flat(g) for k, g in grads.items()})
        trajectory.append({k: flat(p) for k, p in params.items()})
    state = {k: optimizer.state[p] for k, p in params.items()}
    return {
        "name": name, "lr": lr, "beta1": betas[0], "beta2": betas[1], "eps": eps,
        "shapes": {k: list(s) for k, s in SHAPES.items()},
        "initial": initial, "gradients": gradients, "parameters": trajectory,
        "exp_avg": {k: flat(s["exp_avg"]) for k, s in state.items()},
        "exp_avg_sq": {k: flat(s["exp_avg_sq"]) for k, s in state.items()},
        "step": {k: int(s["step"]) for k, s in state.items()},
    }


def main():
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(20240611)
    fixture = {
        "generator": "libs/models/src/test/python/adam_reference.py",
        "torch": torch.__version__,
        "cases": [run(*case, generator) for case in CASES],
    }
    json.dump(fixture, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
