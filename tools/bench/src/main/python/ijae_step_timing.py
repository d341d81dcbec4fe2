"""The PyTorch side of `./run-bench ijae-step`: one lambda-IJAE training step (the five updates of
Section 4, each with its own Adam(lr 1e-4, betas 0.5/0.9)) with the networks of the model tests'
independent reference (libs/models/src/test/python/ijae_reference.py), in float32 at the given width,
batch, thread count and device, in one of two formulations:

  plain   resampling and convolution one after the other (conv + mean pool, nearest upsample + conv),
          as the reference and most PyTorch code write it;
  fused   the Java networks' formulation (ijae_fused.py): strided convolutions with box-summed kernels
          instead of conv + pool, four phase convolutions at the low resolution instead of upsample + conv.

Modes (--mode):
  time     prints JSON {"torch": version, "secondsPerStep": [...]} of --steps steps after --warmup ones;
  check    asserts that the fused networks give the plain ones' losses and gradients (exit 1 if not),
           prints JSON {"torch", "maxRelativeError", "tolerance"};
  ops      profiles one fused step with torch's profiler and sets its self time per operator beside that of
           the Java step profiled by libtorch's (--java-trace, a Chrome trace), largest difference first
           (stderr); JSON {"torch", "javaOpsSeconds", "fusedOpsSeconds", "fusedStepSeconds"};
  profile  counts the FLOPs of one step in each formulation and measures torch.mm's GEMM peak (JSON
           {"torch", "flopsPerStep": {"plain", "fused"}, "peakGflops"}), and prints to stderr the FLOPs
           per update and network and a per-layer table (each layer timed alone) of the fused step, in % of
           the higher of torch.mm's peak and --machine-peak.

Each phase does what a careful PyTorch implementation does and what the Java phase loop does:
only the updated network's parameters require gradients, the loss is read back (.item(), as the
trainer logs it), then backward and the optimizer step.

Run with Debian's torch: /usr/bin/python3 tools/bench/src/main/python/ijae_step_timing.py --threads 1
"""
import argparse
import json
import os
import sys
import tempfile
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "..", "libs", "models", "src", "test",
                                "python"))
import ijae_reference as ref  # noqa: E402
import ijae_fused  # noqa: E402
import op_profile  # noqa: E402
import step_flops  # noqa: E402

R_PRIME_STD = ref.R_PRIME_STD
DIRECTIONS = ["UP", "DOWN", "LEFT", "RIGHT"]
MAX_SHIFT = 5
MODELS = {"plain": ref.Model, "fused": ijae_fused.FusedModel}


def draw_shifts(n, g):
    weights = torch.tensor([1.0 / (s + 1) for s in range(MAX_SHIFT + 1)])
    sizes = torch.multinomial(weights, n, replacement=True, generator=g).tolist()
    directions = torch.randint(0, 4, (n,), generator=g).tolist()
    return [(DIRECTIONS[d], s) for d, s in zip(directions, sizes)]


class Step:
    """The five updates of one training step on a fixed batch, in one formulation, on one device."""

    def __init__(self, formulation, channels, batch, shape, device):
        hp = {"lambda": 0.3, "channels": channels, "latentDim": 128, "noiseDim": 128, "maxShift": MAX_SHIFT}
        self.device = device
        g = torch.Generator().manual_seed(1)
        params = ref.make_params("lambda-ijae", shape, hp, g)
        self.model = model = MODELS[formulation]("lambda-ijae", shape, hp, params, dtype=torch.float32)
        for ps in model.p.values():
            for key, t in ps.items():
                ps[key] = t.detach().to(device).requires_grad_(t.requires_grad)
        self.optimizers = {net: torch.optim.Adam([t for t in ps.values() if t.requires_grad], lr=1e-4,
                                                 betas=(0.5, 0.9)) for net, ps in model.p.items()}
        n, lam = batch, hp["lambda"]
        x = (torch.rand((n,) + shape, generator=g) * 2 - 1).to(device)

        def randn(*size):
            return torch.randn(size, generator=g).to(device)

        def d_psi():
            return model.bce(model.d_psi(x), model.d_psi(model.generate(randn(n, 128))))

        def d_tau():
            z_hat = model.encode(x, randn(n, 3, 128))
            y_real = torch.stack([ref.shift(x[i], d, s) for i, (d, s) in enumerate(draw_shifts(n, g))])
            y_fake = model.generate(z_hat) + R_PRIME_STD * randn(*x.shape)
            return model.bce(model.d_tau(x, z_hat, y_real), model.d_tau(x, z_hat, y_fake))

        def d_zeta():
            return model.bce(model.d_zeta(x, randn(n, 128)), model.d_zeta(x, model.encode(x, randn(n, 3, 128))))

        def generator():
            z_hat = model.encode(x, randn(n, 3, 128))
            sample_logit = model.d_psi(model.generate(randn(n, 128))).mean()
            return -(1 - lam) * sample_logit - lam * model.d_tau(x, z_hat, model.generate(z_hat)).mean()

        def encoder():
            z_hat = model.encode(x, randn(n, 3, 128))
            # As the Java default (encoderThroughTauCode false): no gradient through D_tau's direct z input.
            return -lam * (model.d_tau(x, z_hat.detach(), model.generate(z_hat)).mean()
                           + model.d_zeta(x, z_hat).mean())

        self.phases = [("d_psi", d_psi), ("d_tau", d_tau), ("d_zeta", d_zeta), ("generator", generator),
                       ("encoder", encoder)]

    def run_phase(self, net, loss_of):
        for name, params in self.model.p.items():
            for key, t in params.items():
                if "running" not in key:
                    t.requires_grad_(name == net)
        self.optimizers[net].zero_grad(set_to_none=False)
        loss = loss_of()
        loss.item()
        loss.backward()
        self.optimizers[net].step()

    def __call__(self):
        for net, loss_of in self.phases:
            self.run_phase(net, loss_of)
        step_flops.sync(self.device)

    def timed(self):
        start = time.perf_counter()
        self()
        return time.perf_counter() - start


def profile(args, shape, device):
    flops = {}
    for formulation in MODELS:
        step = Step(formulation, args.channels, args.batch, shape, device)
        counter = step_flops.count(step.model, step.phases, step.run_phase)
        flops[formulation] = sum(counter.flops.values())
    torch_peak = step_flops.gemm_peak(device)
    peak = max(torch_peak, args.machine_peak)
    err = sys.stderr
    print("FLOPs of one fused step (the Java formulation), GFLOP, by update (rows) and network run (columns):",
          file=err)
    networks = list(step_flops.NETWORKS.values())
    print("%-10s" % "update" + "".join("%10s" % n for n in networks) + "%10s" % "total", file=err)
    for phase, _ in step.phases:
        row = [counter.flops[(phase, n)] / 1e9 for n in networks]
        print("%-10s" % phase + "".join("%10.3f" % v for v in row) + "%10.3f" % sum(row), file=err)
    step()
    step_seconds = step.timed()
    print("per layer, fused step, each distinct layer call timed alone (forward + the backward autograd runs), "
          "%% of the peak %.1f GFLOP/s (the higher of torch.mm 2048x2048, %.1f, and --machine-peak):"
          % (peak, torch_peak), file=err)
    alone = step_flops.print_layers(counter, device, peak, err)
    print("convolutions and linear layers timed alone: %.3f s; the whole fused step: %.3f s (the rest is "
          "elementwise work, batch norm, Adam and autograd bookkeeping)" % (alone, step_seconds), file=err)
    return {"flopsPerStep": flops, "peakGflops": torch_peak}


def compare_operators(args, shape, device):
    step = Step("fused", args.channels, args.batch, shape, device)
    for _ in range(args.warmup):
        step()
    with torch.autograd.profiler.profile() as profiler:
        seconds = step.timed()
    with tempfile.NamedTemporaryFile(suffix=".json") as trace:
        profiler.export_chrome_trace(trace.name)
        fused = op_profile.OpProfile(trace.name)
    java = op_profile.OpProfile(args.java_trace)
    print("one step, self time per operator (an operator's own time, less the operators it called): the Java "
          "step on DJL's libtorch beside the fused step on torch %s" % torch.__version__, file=sys.stderr)
    op_profile.print_comparison("java", java, "fused", fused, sys.stderr)
    return {"javaOpsSeconds": java.top_level_us / 1e6, "fusedOpsSeconds": fused.top_level_us / 1e6,
            "fusedStepSeconds": seconds}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["time", "check", "profile", "ops"], default="time")
    parser.add_argument("--formulation", choices=list(MODELS), default="plain")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--channels", type=int, default=32)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--shape", default="3x32x32")
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--java-trace", help="the Java step's libtorch profile (Chrome trace JSON), for --mode ops")
    parser.add_argument("--machine-peak", type=float, default=0.0, help="GFLOP/s measured elsewhere (DJL's GEMM)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    shape = tuple(int(v) for v in args.shape.split("x"))
    device = torch.device(args.device)

    result = {"torch": torch.__version__}
    if args.mode == "check":
        result.update(maxRelativeError=ijae_fused.check(), tolerance=ijae_fused.CHECK_TOLERANCE)
    elif args.mode == "profile":
        result.update(profile(args, shape, device))
    elif args.mode == "ops":
        result.update(compare_operators(args, shape, device))
    else:
        step = Step(args.formulation, args.channels, args.batch, shape, device)
        for _ in range(args.warmup):
            step()
        result["secondsPerStep"] = [step.timed() for _ in range(args.steps)]
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
