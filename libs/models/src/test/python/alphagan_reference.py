"""Writes the fixture AlphaGanReferenceTest compares the Java alpha-GAN against: an independent
PyTorch implementation of the four losses of Rosca et al. (2017), Algorithm 1, in our reading
(libs/models/README.md; equations lost in extraction): encoder lambda*L1 + A(C(E(x))), generator
lambda*L1 + A(D(x_rec)) + A(D(x_gen)), discriminator BCE with reconstructions and samples both fake,
code discriminator BCE with prior codes real; A is the non-saturating BCE against "real" or the
density ratio -logit. Networks: dev.aegan.models.alphagan.AlphaGanNetworks (DCGAN-style encoder,
generator, discriminator; a 3-hidden-layer MLP code discriminator), on weights and inputs drawn here.

Run with Debian's torch (the first python3 on PATH may lack it), from the repository root:

    /usr/bin/python3 libs/models/src/test/python/alphagan_reference.py \
        > libs/models/src/test/resources/fixtures/alphagan-reference.json

What is independent of the Java code: networks in torch.nn.functional (F.interpolate, F.batch_norm,
slicing for the crop), F.l1_loss, F.binary_cross_entropy_with_logits, float64 throughout. Shared by
design: parameter names (DJL paths) and the random draws (one z per phase).
"""

import torch
import torch.nn.functional as F

from fixtures import (Params, ReferenceModel, batch_norm, case_json, dcgan_generate, dcgan_generator_params,
                      images, write_fixture)

# name, shape (C, H, W), hyperparameters, batch, seed
CASES = [
    ("non-saturating-1x28x28", (1, 28, 28),
     {"adversarialForm": "non-saturating", "reconstructionWeight": 10.0, "channels": 2, "latentDim": 3,
      "codeDiscriminatorWidth": 5}, 3, 41),
    ("density-ratio-3x32x32", (3, 32, 32),
     {"adversarialForm": "density-ratio", "reconstructionWeight": 5.0, "channels": 2, "latentDim": 4,
      "codeDiscriminatorWidth": 6}, 3, 42),
    ("non-saturating-3x18x22-cropped", (3, 18, 22),
     {"adversarialForm": "non-saturating", "reconstructionWeight": 1.0, "channels": 3, "latentDim": 2,
      "codeDiscriminatorWidth": 4}, 3, 43),
]
UPDATES = {"encoder": ["encoder"], "generator": ["generator"], "discriminator": ["discriminator"],
           "code_discriminator": ["code_discriminator"]}
LEAKY = 0.2


def half(side):
    return (side - 1) // 2 + 1


def downsampler_params(p, C, H, W, d, outputs):
    p.conv("01Conv2d", d, C, 5)
    p.conv("03Conv2d", 2 * d, d, 5, bias=False)
    p.norm("04BatchNorm", 2 * d)
    p.conv("06Conv2d", 4 * d, 2 * d, 5, bias=False)
    p.norm("07BatchNorm", 4 * d)
    p.linear("10Linear", outputs, 4 * d * half(half(half(H))) * half(half(half(W))))


def make_params(shape, hp, generator):
    C, H, W = shape
    d, latent, width = hp["channels"], hp["latentDim"], hp["codeDiscriminatorWidth"]
    e = Params(generator)
    downsampler_params(e, C, H, W, d, latent)
    g = Params(generator)
    dcgan_generator_params(g, shape, d, latent)
    dis = Params(generator)
    downsampler_params(dis, C, H, W, d, 1)
    c = Params(generator)
    c.linear("01Linear", width, latent)
    c.linear("03Linear", width, width)
    c.linear("05Linear", width, width)
    c.linear("07Linear", 1, width)
    return {"encoder": e, "generator": g, "discriminator": dis, "code_discriminator": c}


class Model(ReferenceModel):
    @staticmethod
    def downsample(p, x, activation, training):
        h = activation(F.conv2d(x, p["01Conv2d_weight"], p["01Conv2d_bias"], stride=2, padding=2))
        h = activation(batch_norm(p, "04BatchNorm", F.conv2d(h, p["03Conv2d_weight"], stride=2, padding=2), training))
        h = activation(batch_norm(p, "07BatchNorm", F.conv2d(h, p["06Conv2d_weight"], stride=2, padding=2), training))
        return F.linear(h.flatten(1), p["10Linear_weight"], p["10Linear_bias"])

    def encode(self, x, training=True):
        return self.downsample(self.p["encoder"], x, F.relu, training)

    def generate(self, z, training=True):
        return dcgan_generate(self.p["generator"], z, self.hp["channels"], self.H, self.W, training)

    def discriminate(self, x):
        return self.downsample(self.p["discriminator"], x, lambda t: F.leaky_relu(t, LEAKY), True)[:, 0]

    def discriminate_code(self, z):
        p = self.p["code_discriminator"]
        h = z
        for i in (1, 3, 5):
            h = F.leaky_relu(F.linear(h, p["%02dLinear_weight" % i], p["%02dLinear_bias" % i]), LEAKY)
        return F.linear(h, p["07Linear_weight"], p["07Linear_bias"])[:, 0]

    def adversarial(self, logits):
        if self.hp["adversarialForm"] == "density-ratio":
            return -logits.mean()
        return F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))

    def losses(self, x, z_generator, z_discriminator, z_code):
        lam = self.hp["reconstructionWeight"]
        out = {}
        z_hat = self.encode(x)
        rec = F.l1_loss(self.generate(z_hat), x)
        code = self.discriminate_code(z_hat)
        out["encoder"] = (lam * rec + self.adversarial(code), {"reconstruction": rec, "code_logit": code.mean()})

        x_rec = self.generate(self.encode(x))
        rec = F.l1_loss(x_rec, x)
        rec_logits = self.discriminate(x_rec)
        gen_logits = self.discriminate(self.generate(z_generator))
        out["generator"] = (lam * rec + self.adversarial(rec_logits) + self.adversarial(gen_logits),
                            {"reconstruction": rec, "reconstruction_logit": rec_logits.mean(),
                             "sample_logit": gen_logits.mean()})

        real = self.discriminate(x)
        rec_logits = self.discriminate(self.generate(self.encode(x)))
        gen_logits = self.discriminate(self.generate(z_discriminator))
        bce = (F.binary_cross_entropy_with_logits(real, torch.ones_like(real))
               + F.binary_cross_entropy_with_logits(rec_logits, torch.zeros_like(rec_logits))
               + F.binary_cross_entropy_with_logits(gen_logits, torch.zeros_like(gen_logits)))
        out["discriminator"] = (bce, {"real_logit": real.mean(), "reconstruction_logit": rec_logits.mean(),
                                      "sample_logit": gen_logits.mean()})

        prior = self.discriminate_code(z_code)
        encoded = self.discriminate_code(self.encode(x))
        bce = (F.binary_cross_entropy_with_logits(prior, torch.ones_like(prior))
               + F.binary_cross_entropy_with_logits(encoded, torch.zeros_like(encoded)))
        out["code_discriminator"] = (bce, {"prior_logit": prior.mean(), "code_logit": encoded.mean()})
        return out


def run(name, shape, hp, n, seed):
    generator = torch.Generator().manual_seed(seed)
    nets = make_params(shape, hp, generator)
    latent = hp["latentDim"]
    inputs = {
        "x": images(n, shape, generator),
        "zGenerator": torch.randn((n, latent), generator=generator),
        "zDiscriminator": torch.randn((n, latent), generator=generator),
        "zCode": torch.randn((n, latent), generator=generator),
    }
    model = Model(shape, hp, nets)
    d = {k: v.double() for k, v in inputs.items()}
    with torch.no_grad():
        samples = model.generate(d["zGenerator"], training=False)
        reconstructions = model.generate(model.encode(d["x"], training=False), training=False)
    losses = model.losses(d["x"], d["zGenerator"], d["zDiscriminator"], d["zCode"])
    return case_json(name, None, shape, hp, n, nets, inputs, losses, model.p, UPDATES,
                     samples=samples, reconstructions=reconstructions)


if __name__ == "__main__":
    write_fixture("alphagan_reference.py", CASES, run)
