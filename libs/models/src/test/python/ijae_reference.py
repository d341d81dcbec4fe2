"""Writes the fixture IjaeReferenceTest compares the Java lambda-IJAE against: an independent
PyTorch implementation of the paper's networks (Appendix D, small widths) and losses (3), (4), (5),
the generator loss of the final objective and (7), evaluated on weights and inputs drawn here.

Run with Debian's torch (the first python3 on PATH may lack it), from the repository root:

    /usr/bin/python3 libs/models/src/test/python/ijae_reference.py \
        > libs/models/src/test/resources/fixtures/ijae-reference.json

CI does not run this; it reads the committed JSON.

What is independent of the Java code: the networks are written here from the paper's tables with
torch.nn.functional (Gulrajani et al.'s block order, conv-then-pool shortcuts, F.interpolate,
F.batch_norm, F.pad), cyclic shifts use torch.roll, the discriminator losses use
binary_cross_entropy_with_logits, and everything runs in float64 (weights and inputs are float32
values, exactly representable), so the fixture is the exact answer and the Java test's tolerance
measures Java's float32 rounding. What is shared by design: the parameter names (the Java
networks' DJL paths, so the Java test can load these weights) and the random draws (z ~ p(z), the
encoder noise xi, the shifts, the r' noise), which are drawn here and given to both.

Tensors are base64 strings of little-endian float32 (parameters, inputs, gradients); scalars are
JSON numbers.
"""

import torch
import torch.nn.functional as F

from fixtures import Params, case_json, images, write_fixture

R_PRIME_STD = 1e-4  # r'(y|x) = N(y|x, 1e-8 I): 1e-8 is a variance in the paper's notation

# name, family, shape (C, H, W), hyperparameters, batch, seed
CASES = [
    ("implicit-3x32x32", "lambda-ijae", (3, 32, 32),
     {"lambda": 0.3, "channels": 6, "latentDim": 8, "noiseDim": 7, "maxShift": 5}, 3, 11),
    ("implicit-1x28x28-padded", "lambda-ijae", (1, 28, 28),
     {"lambda": 0.7, "channels": 4, "latentDim": 6, "noiseDim": 5, "maxShift": 3, "encoderThroughTauCode": True}, 3, 12),
    ("laplace-1x28x28-padded", "lambda-ijae-l1", (1, 28, 28),
     {"lambda": 0.4, "channels": 4, "latentDim": 6, "noiseDim": 5, "reconstructionWeight": 0.5}, 3, 13),
    ("gaussian-3x20x24-padded", "lambda-ijae-l2", (3, 20, 24),
     {"lambda": 0.5, "channels": 4, "latentDim": 4, "noiseDim": 4, "reconstructionWeight": 2.0}, 2, 14),
    ("implicit-per-position-1x20x40-padded", "lambda-ijae", (1, 20, 40),
     {"lambda": 0.3, "channels": 4, "latentDim": 6, "noiseDim": 5, "maxShift": 3, "noisePerPosition": True}, 3, 15),
]
NETWORKS = ["encoder", "generator", "d_psi", "d_tau", "d_zeta"]
UPDATES = {phase: [phase] for phase in ["d_psi", "d_tau", "d_zeta", "generator", "encoder"]}


def canvas_of(h, w):
    return (h + 15) // 16 * 16, (w + 15) // 16 * 16


# ---- parameters: names are the Java networks' DJL paths ------------------------------------------

def down_block_params(p, prefix, cin, c, first, downsample):
    p.conv(prefix + "01conv1", c, cin, 3)
    p.conv(prefix + "02conv2", c, c, 3)
    if first or downsample:
        p.conv(prefix + "03shortcut", c, cin, 1)


def make_params(family, shape, hp, generator):
    C, H, W = shape
    P, Q = canvas_of(H, W)
    c, latent, noise = hp["channels"], hp["latentDim"], hp["noiseDim"]
    nets = {}
    # encoder
    # Per-position noise: one value per channel and position of the first two blocks' maps, no third.
    per_position = hp.get("noisePerPosition", False)
    p = Params(generator)
    down_block_params(p, "01block1_", C, c, True, True)
    p.linear("02noise1", c * (P // 2) * (Q // 2) if per_position else c, noise)
    down_block_params(p, "03block2_", c, c, False, True)
    p.linear("04noise2", c * (P // 4) * (Q // 4) if per_position else c, noise)
    down_block_params(p, "05block3_", c, c, False, True)
    down_block_params(p, "06block4_", c, c, False, True)
    if not per_position:
        p.linear("07noise3", c, noise)
    p.linear("07project" if per_position else "08project", latent, c * (P // 16) * (Q // 16))
    nets["encoder"] = p
    # generator
    p = Params(generator)
    p.linear("01project", c * (P // 8) * (Q // 8), latent)
    for i in range(3):
        pre = "%02dblock%d_" % (i + 2, i + 1)
        p.norm(pre + "01norm1", c)
        p.conv(pre + "02conv1", c, c, 3, bias=False)
        p.norm(pre + "03norm2", c)
        p.conv(pre + "04conv2", c, c, 3, bias=False)
    p.norm("05norm", c)
    p.conv("06toImage", C, c, 3)
    nets["generator"] = p
    # discriminators
    for name, extra in (("d_psi", 0), ("d_tau", latent)):
        if name == "d_tau" and family != "lambda-ijae":
            continue
        p = Params(generator)
        down_block_params(p, "01trunk_01block1_", C, c, True, True)
        down_block_params(p, "01trunk_02block2_", c, c, False, True)
        down_block_params(p, "01trunk_03block3_", c, c, False, False)
        down_block_params(p, "01trunk_04block4_", c, c, False, False)
        p.linear("02logit", 1, c + extra)
        nets[name] = p
    p = Params(generator)
    half = (c + 1) // 2
    p.conv("01conv1", half, C, 4)
    p.conv("02conv2", c, half, 4)
    p.linear("03hidden1", 4 * c, c * (P // 4) * (Q // 4) + latent)
    p.linear("04hidden2", 2 * c, 4 * c)
    p.linear("05logit", 1, 2 * c)
    nets["d_zeta"] = p
    return nets


# ---- the networks, from Appendix D, in float64 ----------------------------------------------------

class Model:
    def __init__(self, family, shape, hp, nets, dtype=torch.float64):
        self.family = family
        self.C, self.H, self.W = shape
        self.P, self.Q = canvas_of(self.H, self.W)
        self.hp = hp
        self.lam = hp["lambda"]
        # Leaves that autograd differentiates (float64 for the fixtures); BN running stats are buffers (copies).
        self.p = {net: {k: v.to(dtype).clone().requires_grad_("running" not in k) for k, v in ps.values.items()}
                  for net, ps in nets.items()}

    def pad(self, x):
        top = (self.P - self.H) // 2
        left = (self.Q - self.W) // 2
        return F.pad(x, (left, self.Q - self.W - left, top, self.P - self.H - top), value=-1.0)

    def crop(self, x):
        top = (self.P - self.H) // 2
        left = (self.Q - self.W) // 2
        return x[:, :, top:top + self.H, left:left + self.W]

    @staticmethod
    def down(p, pre, x, first, downsample):
        # Gulrajani et al. (2017): OptimizedResBlockDisc1 (first) / ResidualBlock(resample='down' or None)
        h = x if first else F.relu(x)
        h = F.conv2d(h, p[pre + "01conv1_weight"], p[pre + "01conv1_bias"], padding=1)
        h = F.conv2d(F.relu(h), p[pre + "02conv2_weight"], p[pre + "02conv2_bias"], padding=1)
        if first:
            h = F.avg_pool2d(h, 2)
            skip = F.conv2d(F.avg_pool2d(x, 2), p[pre + "03shortcut_weight"], p[pre + "03shortcut_bias"])  # MeanPoolConv
        elif downsample:
            h = F.avg_pool2d(h, 2)
            skip = F.avg_pool2d(F.conv2d(x, p[pre + "03shortcut_weight"], p[pre + "03shortcut_bias"]), 2)  # ConvMeanPool
        else:
            skip = x
        return h + skip

    @staticmethod
    def conv_after_upsampling(x, weight):
        return F.conv2d(F.interpolate(x, scale_factor=2, mode="nearest"), weight, padding=1)

    @staticmethod
    def bn(p, name, x, training):
        return F.batch_norm(x, p[name + "_runningMean"], p[name + "_runningVar"], p[name + "_gamma"],
                            p[name + "_beta"], training=training, momentum=0.1, eps=1e-5)

    def encode(self, x, xi):
        p = self.p["encoder"]
        per_position = self.hp.get("noisePerPosition", False)

        def inject(h, xi_k, name):
            added = F.linear(xi_k, p[name + "_weight"], p[name + "_bias"])
            return h + (added.view(h.shape) if per_position else added[:, :, None, None])

        h = self.down(p, "01block1_", self.pad(x), True, True)
        h = inject(h, xi[:, 0], "02noise1")
        h = self.down(p, "03block2_", h, False, True)
        h = inject(h, xi[:, 1], "04noise2")
        h = self.down(p, "05block3_", h, False, True)
        h = F.relu(self.down(p, "06block4_", h, False, True))
        if per_position:
            return F.linear(h.flatten(1), p["07project_weight"], p["07project_bias"])
        h = inject(h, xi[:, 2], "07noise3")
        return F.linear(h.flatten(1), p["08project_weight"], p["08project_bias"])

    def generate(self, z, training=True):
        p = self.p["generator"]
        c = self.hp["channels"]
        h = F.linear(z, p["01project_weight"], p["01project_bias"]).view(-1, c, self.P // 8, self.Q // 8)
        for i in range(3):
            pre = "%02dblock%d_" % (i + 2, i + 1)
            t = F.relu(self.bn(p, pre + "01norm1", h, training))
            t = self.conv_after_upsampling(t, p[pre + "02conv1_weight"])
            t = F.relu(self.bn(p, pre + "03norm2", t, training))
            t = F.conv2d(t, p[pre + "04conv2_weight"], padding=1)
            h = t + F.interpolate(h, scale_factor=2, mode="nearest")
        h = F.relu(self.bn(p, "05norm", h, training))
        return self.crop(torch.tanh(F.conv2d(h, p["06toImage_weight"], p["06toImage_bias"], padding=1)))

    def trunk(self, p, x):
        h = self.down(p, "01trunk_01block1_", x, True, True)
        h = self.down(p, "01trunk_02block2_", h, False, True)
        h = self.down(p, "01trunk_03block3_", h, False, False)
        h = self.down(p, "01trunk_04block4_", h, False, False)
        return F.relu(h).mean(dim=(2, 3))

    def d_psi(self, x):
        p = self.p["d_psi"]
        return F.linear(self.trunk(p, self.pad(x)), p["02logit_weight"], p["02logit_bias"])[:, 0]

    def d_tau(self, x, z, y):
        p = self.p["d_tau"]
        pair = torch.cat([self.pad(x), self.pad(y)], dim=3)  # "stack images, orient = horizontal"
        return F.linear(torch.cat([self.trunk(p, pair), z], dim=1), p["02logit_weight"], p["02logit_bias"])[:, 0]

    def d_zeta(self, x, z):
        p = self.p["d_zeta"]
        h = F.leaky_relu(F.conv2d(self.pad(x), p["01conv1_weight"], p["01conv1_bias"], stride=2, padding=1), 0.2)
        h = F.leaky_relu(F.conv2d(h, p["02conv2_weight"], p["02conv2_bias"], stride=2, padding=1), 0.2)
        h = torch.cat([h.flatten(1), z], dim=1)
        h = F.leaky_relu(F.linear(h, p["03hidden1_weight"], p["03hidden1_bias"]), 0.2)
        h = F.leaky_relu(F.linear(h, p["04hidden2_weight"], p["04hidden2_bias"]), 0.2)
        return F.linear(h, p["05logit_weight"], p["05logit_bias"])[:, 0]

    # ---- losses ----------------------------------------------------------------------------------

    @staticmethod
    def bce(real, fake):
        return (F.binary_cross_entropy_with_logits(real, torch.ones_like(real))
                + F.binary_cross_entropy_with_logits(fake, torch.zeros_like(fake)))

    def nll(self, x, rec):
        w = self.hp["reconstructionWeight"]
        if self.family == "lambda-ijae-l1":
            return w * (x - rec).abs().sum(dim=(1, 2, 3)).mean()
        return w * 0.5 * ((x - rec) ** 2).sum(dim=(1, 2, 3)).mean()

    def losses(self, x, z_prior, xi, shifts, r_noise):
        lam = self.lam
        out = {}
        # (3)
        real, fake = self.d_psi(x), self.d_psi(self.generate(z_prior))
        out["d_psi"] = (self.bce(real, fake), {"real_logit": real.mean(), "fake_logit": fake.mean()})
        if self.family == "lambda-ijae":
            # (4): y ~ r(y|x) a cyclic shift, y ~ r'(y|G(z)) = G(z) + 1e-4 eps; the same z_hat for both
            z_hat = self.encode(x, xi)
            y_real = torch.stack([shift(x[n], d, s) for n, (d, s) in enumerate(shifts)])
            y_fake = self.generate(z_hat) + R_PRIME_STD * r_noise
            real, fake = self.d_tau(x, z_hat, y_real), self.d_tau(x, z_hat, y_fake)
            out["d_tau"] = (self.bce(real, fake), {"real_logit": real.mean(), "fake_logit": fake.mean()})
        # (5): prior codes real, encoder codes fake
        real, fake = self.d_zeta(x, z_prior), self.d_zeta(x, self.encode(x, xi))
        out["d_zeta"] = (self.bce(real, fake), {"prior_logit": real.mean(), "posterior_logit": fake.mean()})
        # generator: -(1 - lambda) E l_psi(G(z)) - lambda E l_tau(x, z_hat, G(z_hat))
        z_hat = self.encode(x, xi)
        rec = self.generate(z_hat)
        sample_logit = self.d_psi(self.generate(z_prior)).mean()
        if self.family == "lambda-ijae":
            rec_logit = self.d_tau(x, z_hat, rec).mean()
            out["generator"] = (-(1 - lam) * sample_logit - lam * rec_logit,
                                {"sample_logit": sample_logit, "reconstruction_logit": rec_logit})
        else:
            nll = self.nll(x, rec)
            out["generator"] = (-(1 - lam) * sample_logit + lam * nll, {"sample_logit": sample_logit, "reconstruction": nll})
        # (7): -lambda E[l_tau(x, z_hat, G(z_hat)) + l_zeta(x, z_hat)]
        z_hat = self.encode(x, xi)
        rec = self.generate(z_hat)
        code_logit = self.d_zeta(x, z_hat).mean()
        if self.family == "lambda-ijae":
            # The encoder reaches D_tau's direct z input without gradient unless encoderThroughTauCode.
            tau_code = z_hat if self.hp.get("encoderThroughTauCode", False) else z_hat.detach()
            rec_logit = self.d_tau(x, tau_code, rec).mean()
            out["encoder"] = (-lam * (rec_logit + code_logit), {"reconstruction_logit": rec_logit, "code_logit": code_logit})
        else:
            nll = self.nll(x, rec)
            out["encoder"] = (lam * (nll - code_logit), {"reconstruction": nll, "code_logit": code_logit})
        return out


def shift(image, direction, size):
    """r(y|x)'s roll: UP moves content up (y[i] = x[i + s]), RIGHT moves it right (y[j] = x[j - s])."""
    if direction == "UP":
        return torch.roll(image, -size, dims=1)
    if direction == "DOWN":
        return torch.roll(image, size, dims=1)
    if direction == "LEFT":
        return torch.roll(image, -size, dims=2)
    return torch.roll(image, size, dims=2)


def run(name, family, shape, hp, n, seed):
    generator = torch.Generator().manual_seed(seed)
    nets = make_params(family, shape, hp, generator)
    C, H, W = shape
    latent, noise = hp["latentDim"], hp["noiseDim"]
    x = images(n, shape, generator).float()
    z_prior = torch.randn((n, latent), generator=generator)
    xi = torch.randn((n, 3, noise), generator=generator)
    r_noise = torch.randn((n, C, H, W), generator=generator)
    directions = ["UP", "DOWN", "LEFT", "RIGHT"]
    max_shift = hp.get("maxShift", 0)
    shifts = [(directions[(seed + k) % 4], (k * 2 + 1) % (max_shift + 1) if k else max_shift) for k in range(n)]
    if n > 2:
        shifts[-1] = (shifts[-1][0], 0)

    model = Model(family, shape, hp, nets)
    inputs = {k: v.double() for k, v in {"x": x, "zPrior": z_prior, "xi": xi, "rPrimeNoise": r_noise}.items()}
    # Inference first: the running statistics are still the initial ones (training mode updates them).
    with torch.no_grad():
        samples = model.generate(inputs["zPrior"], training=False)
        # A posterior draw decoded, with this case's xi (the Java model's reconstruct draws its own).
        reconstructions = model.generate(model.encode(inputs["x"], inputs["xi"]), training=False)
    losses = model.losses(inputs["x"], inputs["zPrior"], inputs["xi"], shifts, inputs["rPrimeNoise"])

    return case_json(name, family, shape, hp, n, nets, {"x": x, "zPrior": z_prior, "xi": xi, "rPrimeNoise": r_noise},
                     losses, model.p, UPDATES, shifts=[{"direction": d, "size": s} for d, s in shifts],
                     samples=samples, reconstructions=reconstructions)

if __name__ == "__main__":
    write_fixture("ijae_reference.py", CASES, run)
