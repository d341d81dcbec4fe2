"""FLOPs of a training step counted from the layer shapes, the machine's GEMM peak, and per-layer timings.

Counted: every conv2d and linear the step runs (the fused kernels' own tiny derivations and all
elementwise work are not), 2 * multiply-adds for the forward pass, and in the backward pass the same
again for the input gradient when the layer's input requires one and for the weight gradient when its
weight does: exactly what autograd runs when only the updated network's parameters require gradients.
"""
import statistics
import time
from collections import defaultdict

import torch
import torch.nn.functional as F
from torch.overrides import TorchFunctionMode

NETWORKS = {"encode": "encoder", "generate": "generator", "d_psi": "d_psi", "d_tau": "d_tau", "d_zeta": "d_zeta"}


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


class Layer:
    """One distinct conv2d / linear call site: its shapes, arguments and which gradients autograd needs."""

    def __init__(self, network, func, x, weight, kwargs):
        self.network, self.func, self.kwargs = network, func, kwargs
        self.x_shape, self.w_shape = tuple(x.shape), tuple(weight.shape)
        self.dgrad, self.wgrad = x.requires_grad, weight.requires_grad
        self.calls, self.seconds = 0, 0.0
        out = func(torch.empty(x.shape, device="meta"), torch.empty(weight.shape, device="meta"), **kwargs)
        fan_in = weight[0].numel() if func is F.conv2d else weight.shape[1]
        self.forward_flops = 2 * out.numel() * fan_in

    @property
    def flops(self):
        """Forward + backward FLOPs of one call."""
        return self.forward_flops * (1 + self.dgrad + self.wgrad)

    def describe(self):
        if self.func is F.conv2d:
            n, c, h, w = self.x_shape
            o, _, kh, kw = self.w_shape
            extra = "".join(" %s %s" % (k, v) for k, v in sorted(self.kwargs.items()) if v)
            what = "conv %dx%d %d->%d on %dx%d%s" % (kh, kw, c, o, h, w, extra)
        else:
            what = "linear %d->%d" % (self.w_shape[1], self.w_shape[0])
        return "%-9s %-40s %s" % (self.network, what, "fwd" + ("+dgrad" if self.dgrad else "") + ("+wgrad" if self.wgrad else ""))

    def time_alone(self, device, repeats):
        """Median seconds of one forward + backward of this call, on random tensors of its shapes."""
        x = torch.randn(self.x_shape, device=device, requires_grad=self.dgrad)
        weight = torch.randn(self.w_shape, device=device, requires_grad=self.wgrad)
        needs = [t for t in (x, weight) if t.requires_grad]
        seconds = []
        for _ in range(repeats + 1):
            sync(device)
            start = time.perf_counter()
            out = self.func(x, weight, **self.kwargs)
            if needs:
                torch.autograd.grad(out, needs, torch.ones_like(out))
            sync(device)
            seconds.append(time.perf_counter() - start)
        return statistics.median(seconds[1:])


class LayerCounter(TorchFunctionMode):
    """Records every conv2d / linear run inside it, attributed to the network method it runs in."""

    def __init__(self):
        super().__init__()
        self.network = "?"
        self.phase = "?"
        self.layers = {}
        self.flops = defaultdict(float)  # (update, network) -> FLOPs

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = dict(kwargs or {})
        if func in (F.conv2d, torch.conv2d, F.linear):
            x, weight = args[0], args[1]
            # bias and the arguments are kept positional-free: conv2d(x, w, bias, stride, padding)
            named = dict(zip(("stride", "padding"), args[3:5]), **{k: v for k, v in kwargs.items() if k != "bias"})
            func_kind = F.linear if func is F.linear else F.conv2d
            key = (self.network, func_kind, tuple(x.shape), tuple(weight.shape), tuple(sorted(named.items())),
                   x.requires_grad, weight.requires_grad)
            layer = self.layers.get(key)
            if layer is None:
                layer = self.layers[key] = Layer(self.network, func_kind, x, weight, named)
            layer.calls += 1
            self.flops[(self.phase, self.network)] += layer.flops
        return func(*args, **kwargs)

    def attribute(self, model):
        """Wraps the model's network methods so that the layers they run are counted under their network."""
        for method, network in NETWORKS.items():
            original = getattr(model, method)

            def labelled(*args, _original=original, _network=network, **kwargs):
                self.network = _network
                return _original(*args, **kwargs)
            setattr(model, method, labelled)


def count(model, phases, run_phase):
    """Runs one step's phases under a LayerCounter; returns it."""
    counter = LayerCounter()
    counter.attribute(model)
    with counter:
        for phase, loss_of in phases:
            counter.phase = phase
            run_phase(phase, loss_of)
    return counter


def gemm_peak(device, size=2048, repeats=5):
    """GFLOP/s of torch.mm on two size x size float32 matrices, the median of `repeats` after a warm-up."""
    a = torch.randn(size, size, device=device)
    b = torch.randn(size, size, device=device)
    seconds = []
    for _ in range(repeats + 1):
        sync(device)
        start = time.perf_counter()
        torch.mm(a, b)
        sync(device)
        seconds.append(time.perf_counter() - start)
    return 2 * size ** 3 / statistics.median(seconds[1:]) / 1e9


def print_layers(counter, device, peak, out, rows=15, repeats=3):
    """Per-layer table: each distinct call timed alone, the slowest `rows` first, then the rest summed, with
    each one's share of the GEMM peak. Returns the seconds of all of them."""
    layers = list(counter.layers.values())
    for layer in layers:
        layer.seconds = layer.time_alone(device, repeats) * layer.calls
    layers.sort(key=lambda l: -l.seconds)
    print("%-66s %5s %8s %8s %8s %6s" % ("layer (network, shape, gradients)", "calls", "GFLOP", "ms", "GFLOP/s",
                                          "%peak"), file=out)

    def row(what, calls, flops, seconds):
        rate = flops / 1e9 / seconds
        print("%-66s %5d %8.3f %8.1f %8.1f %5.0f%%" % (what, calls, flops / 1e9, seconds * 1e3, rate,
                                                        100 * rate / peak), file=out)
    for layer in layers[:rows]:
        row(layer.describe(), layer.calls, layer.flops * layer.calls, layer.seconds)
    rest = layers[rows:]
    if rest:
        row("the other %d" % len(rest), sum(l.calls for l in rest), sum(l.flops * l.calls for l in rest),
            sum(l.seconds for l in rest))
    return sum(l.seconds for l in layers)
