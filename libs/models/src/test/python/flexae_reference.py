"""Writes the fixture FlexAeReferenceTest compares the Java FlexAE and FlexAE-SR against: an
independent PyTorch implementation of losses (5)-(10) of Mondal et al. (UAI 2021), with the gradient
penalties from torch.autograd.grad(create_graph=True), on the networks of
dev.aegan.models.nn.FlexAeAutoencoder and flexae.FlexAeNetworks (after the authors' FlexAESR.py), evaluated on weights and
inputs drawn here.

Run with Debian's torch (the first python3 on PATH may lack it), from the repository root:

    /usr/bin/python3 libs/models/src/test/python/flexae_reference.py \
        > libs/models/src/test/resources/fixtures/flexae-reference.json

What is independent of the Java code: networks in torch.nn.functional (F.interpolate, F.batch_norm,
slicing for the crop), the penalty's input gradient from autograd (not the TorchScript module Java
loads), the interpolation partners by fancy indexing, float64 throughout. Shared by design: parameter
names (DJL paths) and the random draws (noise, alphas, gammas, partner permutations). The penalty's
interpolates are cut from the graphs of their ends, as GradientPenalty does: (6) and (9) constrain
the critics only.
"""

import torch
import torch.nn.functional as F

from fixtures import Params, ReferenceModel, batch_norm, case_json, images, write_fixture

# name, family, shape (C, H, W), hyperparameters, batch, seed
CASES = [
    ("flexae-1x28x28", "flexae", (1, 28, 28),
     {"channels": 2, "mlpWidth": 5, "latentDim": 3, "noiseDim": 4, "gradientPenalty": 10.0}, 3, 51),
    ("flexae-sr-3x32x32", "flexae-sr", (3, 32, 32),
     {"channels": 2, "mlpWidth": 6, "latentDim": 4, "noiseDim": 3, "gradientPenalty": 10.0}, 3, 52),
    ("flexae-sr-1x18x22-cropped", "flexae-sr", (1, 18, 22),
     {"channels": 3, "mlpWidth": 4, "latentDim": 2, "noiseDim": 2, "gradientPenalty": 2.5}, 4, 53),
]
UPDATES = {"autoencoder": ["encoder", "decoder"], "latent_critic": ["latent_critic"], "image_critic": ["image_critic"],
           "smoothing": ["encoder", "decoder"], "prior_generator": ["prior_generator"], "encoder": ["encoder"]}


def half(n):
    return (n + 2 - 4) // 2 + 1


def quarter_up(n):
    return (n + 3) // 4


def mlp_params(p, inputs, width, outputs):
    p.linear("01Linear", width, inputs)
    for i in (3, 5, 7):
        p.linear("%02dLinear" % i, width, width)
    p.linear("09Linear", outputs, width)


def autoencoder_params(shape, c, latent, generator):
    """Encoder and decoder of FlexAE's network (also run by the WAE and VAE baselines on it)."""
    C, H, W = shape
    e = Params(generator)
    e.conv("01Conv2d", c, C, 4)
    e.conv("03Conv2d", 2 * c, c, 4, bias=False)
    e.norm("04BatchNorm", 2 * c)
    e.linear("07Linear", 16 * c, 2 * c * half(half(H)) * half(half(W)))
    e.norm("08BatchNorm", 16 * c)
    e.linear("10Linear", latent, 16 * c)
    d = Params(generator)
    d.linear("01Linear", 16 * c, latent)
    d.norm("02BatchNorm", 16 * c)
    d.linear("04Linear", 2 * c * quarter_up(H) * quarter_up(W), 16 * c)
    d.norm("05BatchNorm", 2 * c * quarter_up(H) * quarter_up(W))
    d.conv("09Conv2d", 2 * c, 2 * c, 5, bias=False)
    d.norm("10BatchNorm", 2 * c)
    d.conv("13Conv2d", c, 2 * c, 5, bias=False)
    d.norm("14BatchNorm", c)
    d.conv("16Conv2d", C, c, 3)
    return e, d


def make_params(family, shape, hp, generator):
    C, H, W = shape
    c, latent, noise, width = hp["channels"], hp["latentDim"], hp["noiseDim"], hp["mlpWidth"]
    e, d = autoencoder_params(shape, c, latent, generator)
    g = Params(generator)
    mlp_params(g, noise, width, latent)
    k = Params(generator)
    mlp_params(k, latent, width, 1)
    nets = {"encoder": e, "decoder": d, "prior_generator": g, "latent_critic": k}
    if family == "flexae-sr":
        z = Params(generator)
        z.conv("01Conv2d", c, C, 4)
        z.conv("03Conv2d", 2 * c, c, 4)
        z.linear("06Linear", 16 * c, 2 * c * half(half(H)) * half(half(W)))
        z.linear("08Linear", 1, 16 * c)
        nets["image_critic"] = z
    return nets


class FlexAeAutoencoder(ReferenceModel):
    """E and D of FlexAE's network; the decoder's pre-activations by decode_logits."""

    def encode(self, x, training=True):
        p = self.p["encoder"]
        h = F.relu(F.conv2d(x, p["01Conv2d_weight"], p["01Conv2d_bias"], stride=2, padding=1))
        h = F.relu(batch_norm(p, "04BatchNorm", F.conv2d(h, p["03Conv2d_weight"], stride=2, padding=1), training))
        h = F.relu(batch_norm(p, "08BatchNorm", F.linear(h.flatten(1), p["07Linear_weight"], p["07Linear_bias"]),
                              training))
        return F.linear(h, p["10Linear_weight"], p["10Linear_bias"])

    def decode_logits(self, z, training=True):
        p, c = self.p["decoder"], self.hp["channels"]
        bh, bw = quarter_up(self.H), quarter_up(self.W)
        h = F.relu(batch_norm(p, "02BatchNorm", F.linear(z, p["01Linear_weight"], p["01Linear_bias"]), training))
        h = F.relu(batch_norm(p, "05BatchNorm", F.linear(h, p["04Linear_weight"], p["04Linear_bias"]), training))
        h = h.view(-1, 2 * c, bh, bw)
        h = F.interpolate(h, scale_factor=2, mode="nearest")
        h = F.relu(batch_norm(p, "10BatchNorm", F.conv2d(h, p["09Conv2d_weight"], padding=2), training))
        h = F.interpolate(h, scale_factor=2, mode="nearest")
        h = F.relu(batch_norm(p, "14BatchNorm", F.conv2d(h, p["13Conv2d_weight"], padding=2), training))
        h = F.conv2d(h, p["16Conv2d_weight"], p["16Conv2d_bias"], padding=1)
        top, left = (4 * bh - self.H) // 2, (4 * bw - self.W) // 2
        return h[:, :, top:top + self.H, left:left + self.W]

    def decode(self, z, training=True):
        return torch.tanh(FlexAeAutoencoder.decode_logits(self, z, training))


class Model(FlexAeAutoencoder):
    def mlp(self, net, h):
        p = self.p[net]
        for i in (1, 3, 5, 7):
            h = F.relu(F.linear(h, p["%02dLinear_weight" % i], p["%02dLinear_bias" % i]))
        return F.linear(h, p["09Linear_weight"], p["09Linear_bias"])

    def prior(self, noise):
        return self.mlp("prior_generator", noise)

    def latent_score(self, z):
        return self.mlp("latent_critic", z)[:, 0]

    def image_score(self, x):
        p = self.p["image_critic"]
        h = F.relu(F.conv2d(x, p["01Conv2d_weight"], p["01Conv2d_bias"], stride=2, padding=1))
        h = F.relu(F.conv2d(h, p["03Conv2d_weight"], p["03Conv2d_bias"], stride=2, padding=1))
        h = F.relu(F.linear(h.flatten(1), p["06Linear_weight"], p["06Linear_bias"]))
        return F.linear(h, p["08Linear_weight"], p["08Linear_bias"])[:, 0]

    def penalty(self, critic, real, fake, alpha):
        a = alpha.view(-1, *([1] * (real.dim() - 1)))
        hat = (a * real + (1 - a) * fake).detach().requires_grad_()
        gradient, = torch.autograd.grad(critic(hat).sum(), hat, create_graph=True)
        norm = gradient.flatten(1).norm(2, dim=1)
        return self.hp["gradientPenalty"] * ((norm - 1) ** 2).mean(), norm.mean()

    def interpolated_images(self, x, gamma, partners):
        z = self.encode(x)
        g = gamma.view(-1, 1)
        return self.decode(g * z + (1 - g) * z[partners])

    @staticmethod
    def critic_loss(real, fake, penalty, norm):
        return (fake - real + penalty, {"wasserstein": real - fake, "gradient_penalty": penalty,
                                        "gradient_norm": norm})

    def losses(self, d, partners_image, partners_smoothing):
        x = d["x"]
        out = {}
        out["autoencoder"] = (((x - self.decode(self.encode(x))) ** 2).sum(dim=(1, 2, 3)).mean(), {})
        z, z_hat = self.encode(x), self.prior(d["noiseCritic"])
        out["latent_critic"] = self.critic_loss(self.latent_score(z).mean(), self.latent_score(z_hat).mean(),
                                                *self.penalty(self.latent_score, z, z_hat, d["alphaCritic"]))
        if self.family == "flexae-sr":
            x_inp = self.interpolated_images(x, d["gammaImage"], partners_image)
            out["image_critic"] = self.critic_loss(self.image_score(x).mean(), self.image_score(x_inp).mean(),
                                                   *self.penalty(self.image_score, x, x_inp, d["alphaImage"]))
            score = self.image_score(self.interpolated_images(x, d["gammaSmoothing"], partners_smoothing)).mean()
            out["smoothing"] = (-score, {"interpolation_score": score})
        score = self.latent_score(self.prior(d["noiseGenerator"])).mean()
        out["prior_generator"] = (-score, {"prior_score": score})
        score = self.latent_score(self.encode(x)).mean()
        out["encoder"] = (score, {"code_score": score})
        return out


def run(name, family, shape, hp, n, seed):
    generator = torch.Generator().manual_seed(seed)
    nets = make_params(family, shape, hp, generator)
    inputs = {
        "x": images(n, shape, generator),
        "noiseCritic": torch.randn((n, hp["noiseDim"]), generator=generator),
        "alphaCritic": torch.rand((n,), generator=generator),
        "gammaImage": torch.rand((n,), generator=generator),
        "alphaImage": torch.rand((n,), generator=generator),
        "gammaSmoothing": torch.rand((n,), generator=generator),
        "noiseGenerator": torch.randn((n, hp["noiseDim"]), generator=generator),
    }
    partners_image = torch.randperm(n, generator=generator)
    partners_smoothing = torch.randperm(n, generator=generator)
    model = Model(shape, hp, nets, family)
    d = {k: v.double() for k, v in inputs.items()}
    with torch.no_grad():
        samples = model.decode(model.prior(d["noiseGenerator"]), training=False)
        reconstructions = model.decode(model.encode(d["x"], training=False), training=False)
    losses = model.losses(d, partners_image, partners_smoothing)
    return case_json(name, family, shape, hp, n, nets, inputs, losses, model.p, UPDATES,
                     partnersImage=partners_image.tolist(), partnersSmoothing=partners_smoothing.tolist(),
                     samples=samples, reconstructions=reconstructions)


if __name__ == "__main__":
    write_fixture("flexae_reference.py", CASES, run)
