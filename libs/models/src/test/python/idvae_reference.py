"""Writes the fixture IdvaeReferenceTest compares the Java IDVAE and IDVAE(R) against: an independent
PyTorch implementation of the three losses of paper 004 (Section 3.3, Algorithm 1) in our reading:
discriminator (9) as the sum of binary cross-entropies (x real; Dec(z') and Dec(z), z ~ q(z|x), fake),
encoder (8) alpha * 1/2 ||x - Dec(z)||^2 + beta * KL, decoder (13) omega * (12) + lambda * 1/2
||Dis_l(Dec(z)) - Dis_l(x)||^2 (+ alpha * 1/2 ||x - Dec(z)||^2 for IDVAE(R)), on the networks of
dev.aegan.models.idvae.IdvaeNetworks (shared DCGAN trunk, one-layer heads, DCGAN generator), evaluated
on weights and inputs drawn here. C-IDVAE conditions every call on the batch's one-hot labels y: as K
constant maps concatenated to the trunk's first activations, and concatenated to z at the decoder's input;
its samples condition row r on class r mod K.

Run with Debian's torch (the first python3 on PATH may lack it), from the repository root:

    /usr/bin/python3 libs/models/src/test/python/idvae_reference.py \
        > libs/models/src/test/resources/fixtures/idvae-reference.json

What is independent of the Java code: networks in torch.nn.functional, F.binary_cross_entropy_with_logits,
F.mse_loss, the KL from torch.distributions, float64 throughout. Shared by design: parameter names (DJL
paths) and the random draws (eps of q(z|x) and z' per phase).
"""

import numpy as np
import torch
import torch.distributions as D
import torch.nn.functional as F

from fixtures import (Params, ReferenceModel, batch_norm, case_json, dcgan_base as base, dcgan_generate,
                      dcgan_generator_params, images, write_fixture)

# name, family, shape (C, H, W), hyperparameters, batch, seed
CASES = [
    ("idvae-1x28x28", "idvae", (1, 28, 28),
     {"channels": 2, "latentDim": 3, "reconstructionWeight": 1.0, "priorWeight": 1.0, "adversarialWeight": 1.0,
      "featureReconstructionWeight": 1.0}, 3, 61),
    ("idvae-r-3x32x32", "idvae-r", (3, 32, 32),
     {"channels": 2, "latentDim": 4, "reconstructionWeight": 0.5, "priorWeight": 2.0, "adversarialWeight": 3.0,
      "featureReconstructionWeight": 0.25}, 3, 62),
    ("idvae-3x18x22-cropped", "idvae", (3, 18, 22),
     {"channels": 3, "latentDim": 2, "reconstructionWeight": 2.0, "priorWeight": 0.5, "adversarialWeight": 0.5,
      "featureReconstructionWeight": 4.0}, 3, 63),
    ("c-idvae-1x28x28", "c-idvae", (1, 28, 28),
     {"classes": 3, "channels": 2, "latentDim": 3, "reconstructionWeight": 0.5, "priorWeight": 2.0,
      "adversarialWeight": 1.5, "featureReconstructionWeight": 0.75}, 4, 64),
]
UPDATES = {"discriminator": ["shared", "discriminator_head"], "encoder": ["shared", "encoder_head"],
           "decoder": ["decoder"]}
LEAKY = 0.2


def bare_linear(p, cout, cin):
    bound = 1 / np.sqrt(cin)
    p.values["weight"] = p._uniform((cout, cin), bound)
    p.values["bias"] = p._uniform((cout,), bound)


def trunk_names(conditional):
    """DJL paths of the trunk's first convolution, and of the second and third with their batch norms."""
    if conditional:
        return "01first_01Conv2d", "02rest_01Conv2d", "02rest_02BatchNorm", "02rest_04Conv2d", "02rest_05BatchNorm"
    return "01Conv2d", "03Conv2d", "04BatchNorm", "06Conv2d", "07BatchNorm"


def make_params(shape, hp, generator):
    C, H, W = shape
    d, latent, classes = hp["channels"], hp["latentDim"], hp.get("classes", 0)
    features = 4 * d * base(H) * base(W)
    conv1, conv2, norm2, conv3, norm3 = trunk_names(classes > 0)
    s = Params(generator)
    s.conv(conv1, d, C, 5)
    s.conv(conv2, 2 * d, d + classes, 5, bias=False)
    s.norm(norm2, 2 * d)
    s.conv(conv3, 4 * d, 2 * d, 5, bias=False)
    s.norm(norm3, 4 * d)
    e = Params(generator)
    bare_linear(e, 2 * latent, features)
    h = Params(generator)
    bare_linear(h, 1, features)
    g = Params(generator)
    dcgan_generator_params(g, shape, d, latent + classes)
    return {"shared": s, "encoder_head": e, "discriminator_head": h, "decoder": g}


class Model(ReferenceModel):
    def features(self, x, y, training=True):
        p = self.p["shared"]
        conv1, conv2, norm2, conv3, norm3 = trunk_names(y is not None)
        h = F.leaky_relu(F.conv2d(x, p[conv1 + "_weight"], p[conv1 + "_bias"], stride=2, padding=2), LEAKY)
        if y is not None:
            h = torch.cat([h, y[:, :, None, None].expand(-1, -1, h.shape[2], h.shape[3])], dim=1)
        h = F.leaky_relu(batch_norm(p, norm2, F.conv2d(h, p[conv2 + "_weight"], stride=2, padding=2), training),
                         LEAKY)
        h = F.leaky_relu(batch_norm(p, norm3, F.conv2d(h, p[conv3 + "_weight"], stride=2, padding=2), training),
                         LEAKY)
        return h.flatten(1)

    def posterior(self, features):
        p = self.p["encoder_head"]
        stats = F.linear(features, p["weight"], p["bias"])
        latent = self.hp["latentDim"]
        return stats[:, :latent], stats[:, latent:]

    def logits(self, features):
        p = self.p["discriminator_head"]
        return F.linear(features, p["weight"], p["bias"])[:, 0]

    def decode(self, z, y, training=True):
        if y is not None:
            z = torch.cat([z, y], dim=1)
        return dcgan_generate(self.p["decoder"], z, self.hp["channels"], self.H, self.W, training)

    def draw(self, x, y, eps):
        mu, log_var = self.posterior(self.features(x, y))
        return mu + torch.exp(0.5 * log_var) * eps, mu, log_var

    @staticmethod
    def bce(logits, target):
        return F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))

    @staticmethod
    def half_squared_error(a, b):
        # 1/2 sum over each sample's elements, mean over the batch
        return 0.5 * F.mse_loss(a, b, reduction="sum") / a.shape[0]

    def losses(self, x, y, d):
        hp = self.hp
        out = {}
        real = self.logits(self.features(x, y))
        sample = self.logits(self.features(self.decode(d["priorDiscriminator"], y), y))
        rec = self.logits(self.features(self.decode(self.draw(x, y, d["epsDiscriminator"])[0], y), y))
        out["discriminator"] = (self.bce(real, 1.0) + self.bce(sample, 0.0) + self.bce(rec, 0.0),
                                {"real_logit": real.mean(), "sample_logit": sample.mean(),
                                 "reconstruction_logit": rec.mean()})

        z, mu, log_var = self.draw(x, y, d["epsEncoder"])
        reconstruction = self.half_squared_error(self.decode(z, y), x)
        q = D.Normal(mu, torch.exp(0.5 * log_var))
        p = D.Normal(torch.zeros_like(mu), torch.ones_like(mu))
        kl = D.kl_divergence(q, p).sum(1).mean()
        out["encoder"] = (hp["reconstructionWeight"] * reconstruction + hp["priorWeight"] * kl,
                          {"reconstruction": reconstruction, "kl": kl})

        x_rec = self.decode(self.draw(x, y, d["epsDecoder"])[0], y)
        rec_features = self.features(x_rec, y)
        feature_reconstruction = self.half_squared_error(rec_features, self.features(x, y))
        rec_logits = self.logits(rec_features)
        sample_logits = self.logits(self.features(self.decode(d["priorDecoder"], y), y))
        adversarial = self.bce(sample_logits, 1.0) + self.bce(rec_logits, 1.0)
        loss = hp["adversarialWeight"] * adversarial + hp["featureReconstructionWeight"] * feature_reconstruction
        metrics = {"adversarial": adversarial, "feature_reconstruction": feature_reconstruction}
        if self.family == "idvae-r":
            reconstruction = self.half_squared_error(x_rec, x)
            loss = loss + hp["reconstructionWeight"] * reconstruction
            metrics["reconstruction"] = reconstruction
        metrics["sample_logit"] = sample_logits.mean()
        metrics["reconstruction_logit"] = rec_logits.mean()
        out["decoder"] = (loss, metrics)
        return out


def run(name, family, shape, hp, n, seed):
    generator = torch.Generator().manual_seed(seed)
    nets = make_params(shape, hp, generator)
    latent = hp["latentDim"]
    inputs = {"x": images(n, shape, generator)}
    for key in ("epsDiscriminator", "priorDiscriminator", "epsEncoder", "epsDecoder", "priorDecoder"):
        inputs[key] = torch.randn((n, latent), generator=generator)
    classes = hp.get("classes", 0)
    labels = torch.randint(0, classes, (n,), generator=generator) if classes else None
    model = Model(shape, hp, nets, family)
    d = {k: v.double() for k, v in inputs.items()}
    y = F.one_hot(labels, classes).double() if classes else None
    cycled = F.one_hot(torch.arange(n) % classes, classes).double() if classes else None
    with torch.no_grad():
        samples = model.decode(d["priorDecoder"], cycled, training=False)
        reconstructions = model.decode(model.posterior(model.features(d["x"], y, training=False))[0], y,
                                       training=False)
    losses = model.losses(d["x"], y, d)
    return case_json(name, family, shape, hp, n, nets, inputs, losses, model.p, UPDATES,
                     labels=labels.tolist() if classes else None, samples=samples, reconstructions=reconstructions)


if __name__ == "__main__":
    write_fixture("idvae_reference.py", CASES, run)
