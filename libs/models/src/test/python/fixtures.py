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



def images(n, shape, generator):
    """n float32 images of shape (C, H, W), uniform in [-1, 1]: a case's batch."""
    return torch.rand((n, *shape), generator=generator) * 2 - 1

def leaves(nets):
    """float64 copies that autograd differentiates; batch-norm running statistics are buffers."""
    return {net: {k: v.double().clone().requires_grad_("running" not in k) for k, v in ps.values.items()}
            for net, ps in nets.items()}



class ReferenceModel:
    """A script's model: its image shape, hyperparameters and float64 leaves of the parameters; `family`
    None where the script has a single family."""

    def __init__(self, shape, hp, nets, family=None):
        self.family = family
        self.C, self.H, self.W = shape
        self.hp = hp
        self.p = leaves(nets)


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


# ---- the DCGAN generator of the Java nn.DcganNetworks (WGAN-GP, alpha-GAN, IDVAE) ----------------

def dcgan_base(side):
    """The side of the generator's first feature map: three doublings reach at least `side`."""
    return (side + 7) // 8


def dcgan_generator_params(p, shape, d, inputs):
    C, H, W = shape
    p.linear("01Linear", 4 * d * dcgan_base(H) * dcgan_base(W), inputs)
    p.norm("02BatchNorm", 4 * d * dcgan_base(H) * dcgan_base(W))
    p.conv("06Conv2d", 2 * d, 4 * d, 5, bias=False)
    p.norm("07BatchNorm", 2 * d)
    p.conv("10Conv2d", d, 2 * d, 5, bias=False)
    p.norm("11BatchNorm", d)
    p.conv("14Conv2d", C, d, 5)


def dcgan_generate(p, z, d, H, W, training):
    """Linear, three nearest-neighbour doublings with 5x5 convolutions, tanh, then a centred crop to H x W."""
    F = torch.nn.functional
    h = F.relu(batch_norm(p, "02BatchNorm", F.linear(z, p["01Linear_weight"], p["01Linear_bias"]), training))
    h = h.view(-1, 4 * d, dcgan_base(H), dcgan_base(W))
    h = F.interpolate(h, scale_factor=2, mode="nearest")
    h = F.relu(batch_norm(p, "07BatchNorm", F.conv2d(h, p["06Conv2d_weight"], padding=2), training))
    h = F.interpolate(h, scale_factor=2, mode="nearest")
    h = F.relu(batch_norm(p, "11BatchNorm", F.conv2d(h, p["10Conv2d_weight"], padding=2), training))
    h = F.interpolate(h, scale_factor=2, mode="nearest")
    h = torch.tanh(F.conv2d(h, p["14Conv2d_weight"], p["14Conv2d_bias"], padding=2))
    top, left = (h.shape[2] - H) // 2, (h.shape[3] - W) // 2
    return h[:, :, top:top + H, left:left + W]


def case_json(name, family, shape, hp, n, nets, inputs, losses, p, updates, **outputs):
    """One case of a fixture: its settings, the parameters and inputs (float32), `outputs` (tensors
    encoded, other values as they are) and, per phase, the losses and gradients. `family` None: the
    script has a single family and the case names none."""
    head = {"name": name} if family is None else {"name": name, "family": family}
    return {
        **head, "shape": list(shape), "hyperparameters": hp, "batch": n,
        "parameters": parameters_json(nets),
        "inputs": {k: tensor_json(v) for k, v in inputs.items()},
        **{k: tensor_json(v) if torch.is_tensor(v) else v for k, v in outputs.items()},
        **gradients(losses, p, updates),
    }
