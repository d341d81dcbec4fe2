"""Writes the fixture WaeReferenceTest compares the Java WAE-MMD and WAE-GAN against: an independent
PyTorch implementation of Tolstikhin et al. (2018), Algorithms 1 and 2 (the reconstruction cost
||x - G(E(x))||^2, the inverse-multiquadratics MMD summed over scales as the authors' wae.py
computes it, the latent adversary's losses from binary_cross_entropy_with_logits) on the networks of
dev.aegan.models.wae.WaeNetworks or, for network "flexae", flexae_reference.py's FlexAE network, with the
paper's cost or the authors' (wae.py's 0.05 ||x - y||^2 on pixels mapped to [0, 1]), evaluated on weights
and inputs drawn here.

Run with Debian's torch (the first python3 on PATH may lack it), from the repository root:

    /usr/bin/python3 libs/models/src/test/python/wae_reference.py \
        > libs/models/src/test/resources/fixtures/wae-reference.json

What is independent of the Java code: networks in torch.nn.functional, distances by the expansion
|a|^2 + |b|^2 - 2ab with the diagonal masked by an identity matrix (wae.py's way; Java subtracts
differences and the exact diagonal), BCE by torch, float64 throughout. Shared by design: parameter
names (DJL paths) and the prior draws.
"""

import torch
import torch.nn.functional as F

import flexae_reference
from fixtures import Params, ReferenceModel, batch_norm, case_json, images, write_fixture

# name, family, shape (C, H, W), hyperparameters, batch, seed
CASES = [
    ("mmd-1x28x28", "wae-mmd", (1, 28, 28), {"channels": 2, "latentDim": 3, "lambda": 10.0}, 4, 31),
    ("gan-1x28x28", "wae-gan", (1, 28, 28), {"channels": 2, "latentDim": 3, "lambda": 1.0, "adversaryWidth": 5}, 3, 32),
    ("mmd-3x18x22-cropped", "wae-mmd", (3, 18, 22), {"channels": 2, "latentDim": 4, "lambda": 3.0}, 3, 33),
    ("gan-3x32x32", "wae-gan", (3, 32, 32), {"channels": 2, "latentDim": 5, "lambda": 2.0, "adversaryWidth": 6}, 2, 34),
    ("mmd-flexae-network-authors-cost-1x28x28", "wae-mmd", (1, 28, 28),
     {"channels": 2, "latentDim": 3, "lambda": 10.0, "network": "flexae", "reconstructionCost": "authors-code"}, 4, 35),
    ("gan-flexae-network-authors-cost-3x18x22", "wae-gan", (3, 18, 22),
     {"channels": 2, "latentDim": 4, "lambda": 1.0, "adversaryWidth": 5, "network": "flexae",
      "reconstructionCost": "authors-code"}, 3, 36),
]
UPDATES = {"autoencoder": ["encoder", "decoder"], "adversary": ["adversary"]}
SCALES = [.1, .2, .5, 1., 2., 5., 10.]


def conv_out(n):
    return (n + 2 - 4) // 2 + 1


def flexae_network(hp):
    return hp.get("network") == "flexae"


def make_params(family, shape, hp, generator):
    C, H, W = shape
    c, latent = hp["channels"], hp["latentDim"]
    if flexae_network(hp):
        e, d = flexae_reference.autoencoder_params(shape, c, latent, generator)
    else:
        e, d = wae_mnist_params(shape, c, latent, generator)
    nets = {"encoder": e, "decoder": d}
    if family == "wae-gan":
        a = Params(generator)
        width = hp["adversaryWidth"]
        a.linear("01Linear", width, latent)
        for i in (3, 5, 7):
            a.linear("%02dLinear" % i, width, width)
        a.linear("09Linear", 1, width)
        nets["adversary"] = a
    return nets


def wae_mnist_params(shape, c, latent, generator):
    C, H, W = shape
    e = Params(generator)
    cin, h, w = C, H, W
    for i, multiple in enumerate([1, 2, 4, 8]):
        e.conv("%02dConv2d" % (3 * i + 1), multiple * c, cin, 4, bias=False)
        e.norm("%02dBatchNorm" % (3 * i + 2), multiple * c)
        cin, h, w = multiple * c, conv_out(h), conv_out(w)
    e.linear("14Linear", latent, cin * h * w)
    d = Params(generator)
    d.linear("01Linear", 8 * c * ((H + 3) // 4) * ((W + 3) // 4), latent)
    d.conv("05Conv2d", 4 * c, 8 * c, 5, bias=False)
    d.norm("06BatchNorm", 4 * c)
    d.conv("09Conv2d", 2 * c, 4 * c, 5, bias=False)
    d.norm("10BatchNorm", 2 * c)
    d.conv("12Conv2d", C, 2 * c, 5)
    return e, d


class Model(ReferenceModel):
    def encode(self, x, training=True):
        if flexae_network(self.hp):
            return flexae_reference.FlexAeAutoencoder.encode(self, x, training)
        p = self.p["encoder"]
        h = x
        for i in range(4):
            h = F.conv2d(h, p["%02dConv2d_weight" % (3 * i + 1)], stride=2, padding=1)
            h = F.relu(batch_norm(p, "%02dBatchNorm" % (3 * i + 2), h, training))
        return F.linear(h.flatten(1), p["14Linear_weight"], p["14Linear_bias"])

    def decode(self, z, training=True):
        if flexae_network(self.hp):
            return flexae_reference.FlexAeAutoencoder.decode(self, z, training)
        p, c = self.p["decoder"], self.hp["channels"]
        bh, bw = (self.H + 3) // 4, (self.W + 3) // 4
        h = F.relu(F.linear(z, p["01Linear_weight"], p["01Linear_bias"])).view(-1, 8 * c, bh, bw)
        h = F.interpolate(h, scale_factor=2, mode="nearest")
        h = F.relu(batch_norm(p, "06BatchNorm", F.conv2d(h, p["05Conv2d_weight"], padding=2), training))
        h = F.interpolate(h, scale_factor=2, mode="nearest")
        h = F.relu(batch_norm(p, "10BatchNorm", F.conv2d(h, p["09Conv2d_weight"], padding=2), training))
        h = torch.tanh(F.conv2d(h, p["12Conv2d_weight"], p["12Conv2d_bias"], padding=2))
        top, left = (4 * bh - self.H) // 2, (4 * bw - self.W) // 2
        return h[:, :, top:top + self.H, left:left + self.W]

    def adversary(self, z):
        p = self.p["adversary"]
        h = z
        for i in (1, 3, 5, 7):
            h = F.relu(F.linear(h, p["%02dLinear_weight" % i], p["%02dLinear_bias" % i]))
        return F.linear(h, p["09Linear_weight"], p["09Linear_bias"])[:, 0]

    @staticmethod
    def mmd(qz, pz):
        # wae.py, mmd_penalty with kernel 'IMQ' and pz 'normal' (sigma2_p = 1)
        n, zdim = qz.shape
        norms_pz = (pz ** 2).sum(1, keepdim=True)
        distances_pz = norms_pz + norms_pz.t() - 2 * pz @ pz.t()
        norms_qz = (qz ** 2).sum(1, keepdim=True)
        distances_qz = norms_qz + norms_qz.t() - 2 * qz @ qz.t()
        distances = norms_qz + norms_pz.t() - 2 * qz @ pz.t()
        stat = 0
        for scale in SCALES:
            C = 2 * zdim * 1.0 * scale
            res1 = C / (C + distances_qz) + C / (C + distances_pz)
            res1 = (res1 * (1 - torch.eye(n, dtype=qz.dtype))).sum() / (n * n - n)
            res2 = (C / (C + distances)).sum() * 2 / (n * n)
            stat = stat + res1 - res2
        return stat

    def losses(self, x, z_prior):
        lam = self.hp["lambda"]
        out = {}
        if self.family == "wae-gan":
            prior_logits, code_logits = self.adversary(z_prior), self.adversary(self.encode(x))
            bce = (F.binary_cross_entropy_with_logits(prior_logits, torch.ones_like(prior_logits))
                   + F.binary_cross_entropy_with_logits(code_logits, torch.zeros_like(code_logits)))
            out["adversary"] = (lam * bce, {"prior_logit": prior_logits.mean(), "code_logit": code_logits.mean()})
        codes = self.encode(x)
        reconstruction = self.decode(codes)
        if self.hp.get("reconstructionCost") == "authors-code":
            # wae.py's 'l2sq' cost, 0.05 * ||x - y||^2, on the pixels mapped back to [0, 1]
            rec = 0.05 * (((x + 1) / 2 - (reconstruction + 1) / 2) ** 2).sum(dim=(1, 2, 3)).mean()
        else:
            rec = ((x - reconstruction) ** 2).sum(dim=(1, 2, 3)).mean()
        if self.family == "wae-gan":
            logits = self.adversary(codes)
            adversarial = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
            out["autoencoder"] = (rec + lam * adversarial,
                                  {"reconstruction": rec, "adversarial": adversarial, "code_logit": logits.mean()})
        else:
            mmd = self.mmd(codes, z_prior)
            out["autoencoder"] = (rec + lam * mmd, {"reconstruction": rec, "mmd": mmd})
        return out


def run(name, family, shape, hp, n, seed):
    generator = torch.Generator().manual_seed(seed)
    nets = make_params(family, shape, hp, generator)
    inputs = {
        "x": images(n, shape, generator),
        "zPrior": torch.randn((n, hp["latentDim"]), generator=generator),
    }
    model = Model(shape, hp, nets, family)
    d = {k: v.double() for k, v in inputs.items()}
    with torch.no_grad():
        samples = model.decode(d["zPrior"], training=False)
        reconstructions = model.decode(model.encode(d["x"], training=False), training=False)
    losses = model.losses(d["x"], d["zPrior"])
    return case_json(name, family, shape, hp, n, nets, inputs, losses, model.p, UPDATES,
                     samples=samples, reconstructions=reconstructions)


if __name__ == "__main__":
    write_fixture("wae_reference.py", CASES, run)
