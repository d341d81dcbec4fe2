"""Writes the fixture WganReferenceTest compares the Java WGAN-GP against: an independent PyTorch
implementation of the critic loss (Gulrajani et al. 2017, Algorithm 1 line 7, with the gradient
penalty from torch.autograd.grad(create_graph=True)) and the generator loss (line 12) on the
DCGAN-style networks of dev.aegan.models.nn.DcganNetworks, evaluated on weights and inputs drawn
here.

Run with Debian's torch (the first python3 on PATH may lack it), from the repository root:

    /usr/bin/python3 libs/models/src/test/python/wgan_reference.py \
        > libs/models/src/test/resources/fixtures/wgan-reference.json

What is independent of the Java code: the networks are written with torch.nn.functional
(F.interpolate, F.batch_norm, slicing for the crop), the penalty's input gradient comes from
autograd (not the TorchScript module Java loads), and everything runs in float64. Shared by design:
parameter names (DJL paths) and the random draws (z, eps). x_hat is detached from G, as in the
PyTorch ports of the authors' code (only the critic is penalised); D(G(z)) is not, so the critic
loss's gradient reaching G is compared too.
"""

import torch
import torch.nn.functional as F

from fixtures import (Params, ReferenceModel, case_json, dcgan_base as base, dcgan_generate, dcgan_generator_params,
                      images, write_fixture)

# name, shape (C, H, W), hyperparameters, batch, seed
CASES = [
    ("1x28x28", (1, 28, 28), {"channels": 4, "latentDim": 6, "gradientPenalty": 10.0}, 3, 21),
    ("3x32x32", (3, 32, 32), {"channels": 3, "latentDim": 5, "gradientPenalty": 10.0}, 2, 22),
    ("3x20x24-cropped", (3, 20, 24), {"channels": 2, "latentDim": 4, "gradientPenalty": 2.5}, 3, 23),
]
UPDATES = {"critic": ["critic"], "generator": ["generator"]}


def make_params(shape, hp, generator):
    C, H, W = shape
    d, latent = hp["channels"], hp["latentDim"]
    g = Params(generator)
    dcgan_generator_params(g, shape, d, latent)
    c = Params(generator)
    c.conv("01Conv2d", d, C, 5)
    c.conv("03Conv2d", 2 * d, d, 5)
    c.conv("05Conv2d", 4 * d, 2 * d, 5)
    c.linear("08Linear", 1, 4 * d * base(H) * base(W))
    return {"generator": g, "critic": c}


class Model(ReferenceModel):
    def generate(self, z, training=True):
        return dcgan_generate(self.p["generator"], z, self.hp["channels"], self.H, self.W, training)

    def critic(self, x):
        p = self.p["critic"]
        h = F.leaky_relu(F.conv2d(x, p["01Conv2d_weight"], p["01Conv2d_bias"], stride=2, padding=2), 0.2)
        h = F.leaky_relu(F.conv2d(h, p["03Conv2d_weight"], p["03Conv2d_bias"], stride=2, padding=2), 0.2)
        h = F.leaky_relu(F.conv2d(h, p["05Conv2d_weight"], p["05Conv2d_bias"], stride=2, padding=2), 0.2)
        return F.linear(h.flatten(1), p["08Linear_weight"], p["08Linear_bias"])[:, 0]

    def losses(self, x, z_critic, eps, z_generator):
        fake = self.generate(z_critic)
        real_score, fake_score = self.critic(x).mean(), self.critic(fake).mean()
        e = eps.view(-1, 1, 1, 1)
        x_hat = (e * x + (1 - e) * fake.detach()).requires_grad_()
        gradient, = torch.autograd.grad(self.critic(x_hat).sum(), x_hat, create_graph=True)
        norm = gradient.flatten(1).norm(2, dim=1)
        penalty = self.hp["gradientPenalty"] * ((norm - 1) ** 2).mean()
        out = {"critic": (fake_score - real_score + penalty,
                          {"wasserstein": real_score - fake_score, "gradient_penalty": penalty,
                           "gradient_norm": norm.mean()})}
        generated = self.critic(self.generate(z_generator)).mean()
        out["generator"] = (-generated, {"fake_score": generated})
        return out


def run(name, shape, hp, n, seed):
    generator = torch.Generator().manual_seed(seed)
    nets = make_params(shape, hp, generator)
    x = images(n, shape, generator)
    inputs = {
        "x": x,
        "zCritic": torch.randn((n, hp["latentDim"]), generator=generator),
        "eps": torch.rand((n,), generator=generator),
        "zGenerator": torch.randn((n, hp["latentDim"]), generator=generator),
    }
    model = Model(shape, hp, nets)
    d = {k: v.double() for k, v in inputs.items()}
    with torch.no_grad():
        samples = model.generate(d["zGenerator"], training=False)
    losses = model.losses(d["x"], d["zCritic"], d["eps"], d["zGenerator"])
    return case_json(name, None, shape, hp, n, nets, inputs, losses, model.p, UPDATES, samples=samples)


if __name__ == "__main__":
    write_fixture("wgan_reference.py", CASES, run)
