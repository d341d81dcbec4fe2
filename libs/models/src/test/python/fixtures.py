"""Shared by the reference scripts that write fixtures for the Java model tests: weights drawn
like torch's default initialisation (but batch-norm statistics away from 1/0, so a mix-up shows),
named by the Java networks' DJL parameter paths, and tensors encoded as base64 little-endian
float32. Every script computes in float64 on float32 values, so its fixture is the exact answer.
"""
import base64
import json
import sys

import numpy as np
import torch


def encode_floats(t):
    return base64.b64encode(t.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()).decode()


def tensor_json(t):
    return {"shape": list(t.shape), "data": encode_floats(t)}


class Params:
    """float32 values keyed by DJL path, e.g. "01Conv2d_weight"."""

    def __init__(self, generator):
        self.generator = generator
        self.values = {}

    def _uniform(self, shape, bound):
        return (torch.rand(shape, generator=self.generator, dtype=torch.float32) * 2 - 1) * bound

    def conv(self, name, cout, cin, k, bias=True):
        bound = 1 / np.sqrt(cin * k * k)
        self.values[name + "_weight"] = self._uniform((cout, cin, k, k), bound)
        if bias:
            self.values[name + "_bias"] = self._uniform((cout,), bound)

    def linear(self, name, cout, cin):
        bound = 1 / np.sqrt(cin)
        self.values[name + "_weight"] = self._uniform((cout, cin), bound)
        self.values[name + "_bias"] = self._uniform((cout,), bound)

    def norm(self, name, c):
        self.values[name + "_gamma"] = 1 + self._uniform((c,), 0.5)
        self.values[name + "_beta"] = self._uniform((c,), 0.5)
        self.values[name + "_runningMean"] = self._uniform((c,), 0.2)
        self.values[name + "_runningVar"] = 1 + self._uniform((c,), 0.5)


def leaves(nets):
    """float64 copies that autograd differentiates; batch-norm running statistics are buffers."""
    return {net: {k: v.double().clone().requires_grad_("running" not in k) for k, v in ps.values.items()}
            for net, ps in nets.items()}


def batch_norm(p, name, x, training):
    return torch.nn.functional.batch_norm(x, p[name + "_runningMean"], p[name + "_runningVar"], p[name + "_gamma"],
                                          p[name + "_beta"], training=training, momentum=0.1, eps=1e-5)


def gradients(losses, p, updates):
    """Per phase: the loss and metrics, every parameter's gradient norm, and the full gradient of the
    network(s) the phase updates."""
    params = [(net, k, t) for net, ps in p.items() for k, t in ps.items() if t.requires_grad]
    result = {"losses": {}, "gradientNorms": {}, "gradients": {}}
    for phase, (loss, metrics) in losses.items():
        grads = torch.autograd.grad(loss, [t for _, _, t in params], allow_unused=True, retain_graph=True)
        result["losses"][phase] = dict({"loss": loss.item()}, **{k: v.item() for k, v in metrics.items()})
        norms, full = {}, {}
        for (net, key, t), g in zip(params, grads):
            g = torch.zeros_like(t) if g is None else g
            norms[net + "/" + key] = g.norm().item()
            if net in updates[phase]:
                full[net + "/" + key] = encode_floats(g)
        result["gradientNorms"][phase] = norms
        result["gradients"][phase] = full
    return result


def parameters_json(nets):
    return {net + "/" + k: tensor_json(v) for net, ps in nets.items() for k, v in ps.values.items()}


def write_fixture(script, cases, run):
    """Prints the fixture of `cases` (each the arguments of one `run`) to stdout, as the Java tests read it."""
    torch.set_num_threads(1)
    fixture = {
        "generator": "libs/models/src/test/python/" + script,
        "torch": torch.__version__,
        "precision": "float64",
        "cases": [run(*case) for case in cases],
    }
    json.dump(fixture, sys.stdout, indent=1)
    sys.stdout.write("\n")
