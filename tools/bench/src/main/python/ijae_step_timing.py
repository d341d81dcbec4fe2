"""The PyTorch side of `./run-bench ijae-step`: times one lambda-IJAE training step (the five updates of
Section 4, each with its own Adam(lr 1e-4, betas 0.5/0.9)) with the networks of the model tests'
independent reference (libs/models/src/test/python/ijae_reference.py), in float32 at the given width,
batch and thread count. Prints JSON: {"torch": version, "secondsPerStep": [...]}.

Each phase does what a careful PyTorch implementation does and what the Java phase loop does:
only the updated network's parameters require gradients, the loss is read back (.item(), as the
trainer logs it), then backward and the optimizer step.

Run with Debian's torch: /usr/bin/python3 tools/bench/src/main/python/ijae_step_timing.py --threads 1
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "models", "src", "test", "python"))
import ijae_reference as ref  # noqa: E402

R_PRIME_STD = ref.R_PRIME_STD
DIRECTIONS = ["UP", "DOWN", "LEFT", "RIGHT"]
MAX_SHIFT = 5


def draw_shifts(n, g):
    weights = torch.tensor([1.0 / (s + 1) for s in range(MAX_SHIFT + 1)])
    sizes = torch.multinomial(weights, n, replacement=True, generator=g).tolist()
    directions = torch.randint(0, 4, (n,), generator=g).tolist()
    return [(DIRECTIONS[d], s) for d, s in zip(directions, sizes)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--channels", type=int, default=32)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--shape", default="3x32x32")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)

    shape = tuple(int(v) for v in args.shape.split("x"))
    hp = {"lambda": 0.3, "channels": args.channels, "latentDim": 128, "noiseDim": 128, "maxShift": MAX_SHIFT}
    g = torch.Generator().manual_seed(1)
    model = ref.Model("lambda-ijae", shape, hp, ref.make_params("lambda-ijae", shape, hp, g), dtype=torch.float32)
    optimizers = {net: torch.optim.Adam([t for t in ps.values() if t.requires_grad], lr=1e-4, betas=(0.5, 0.9))
                  for net, ps in model.p.items()}
    n, lam = args.batch, hp["lambda"]
    x = torch.rand((n,) + shape, generator=g) * 2 - 1

    def d_psi():
        return model.bce(model.d_psi(x), model.d_psi(model.generate(torch.randn(n, 128, generator=g))))

    def d_tau():
        z_hat = model.encode(x, torch.randn(n, 3, 128, generator=g))
        y_real = torch.stack([ref.shift(x[i], d, s) for i, (d, s) in enumerate(draw_shifts(n, g))])
        y_fake = model.generate(z_hat) + R_PRIME_STD * torch.randn(x.shape, generator=g)
        return model.bce(model.d_tau(x, z_hat, y_real), model.d_tau(x, z_hat, y_fake))

    def d_zeta():
        return model.bce(model.d_zeta(x, torch.randn(n, 128, generator=g)),
                         model.d_zeta(x, model.encode(x, torch.randn(n, 3, 128, generator=g))))

    def generator():
        z_hat = model.encode(x, torch.randn(n, 3, 128, generator=g))
        sample_logit = model.d_psi(model.generate(torch.randn(n, 128, generator=g))).mean()
        return -(1 - lam) * sample_logit - lam * model.d_tau(x, z_hat, model.generate(z_hat)).mean()

    def encoder():
        z_hat = model.encode(x, torch.randn(n, 3, 128, generator=g))
        # As the Java default (encoderThroughTauCode false): no gradient through D_tau's direct z input.
        return -lam * (model.d_tau(x, z_hat.detach(), model.generate(z_hat)).mean() + model.d_zeta(x, z_hat).mean())

    phases = [("d_psi", d_psi), ("d_tau", d_tau), ("d_zeta", d_zeta), ("generator", generator), ("encoder", encoder)]

    def step():
        for net, loss_of in phases:
            for name, params in model.p.items():
                for key, t in params.items():
                    if "running" not in key:
                        t.requires_grad_(name == net)
            optimizers[net].zero_grad(set_to_none=False)
            loss = loss_of()
            loss.item()
            loss.backward()
            optimizers[net].step()

    for _ in range(args.warmup):
        step()
    seconds = []
    for _ in range(args.steps):
        start = time.perf_counter()
        step()
        seconds.append(time.perf_counter() - start)
    json.dump({"torch": torch.__version__, "secondsPerStep": seconds}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
