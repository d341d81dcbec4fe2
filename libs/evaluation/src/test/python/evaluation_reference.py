"""Writes the fixture that the evaluation module's tests compare our metrics against: seeded random
features, class probabilities and images, and every metric computed on them independently, the way
the reference implementations compute it:

- FID: pytorch-fid's calculate_frechet_distance (scipy.linalg.sqrtm of S1 S2, np.cov), copied; for
  the rank-deficient case (fewer samples than dimensions), where sqrtm is unreliable, a numpy
  eigh-based value is the reference and sqrtm's is recorded beside it;
- KID: torch-fidelity's polynomial_kernel and mmd2 (unbiased), copied;
- Inception Score: torch-fidelity's isc_features_to_metric, from probabilities instead of logits;
- classifier confidence: torch's max over classes, averaged over samples, in float64;
- precision/recall: Kynkaanniemi et al.'s manifold test (k-th neighbour by sorting a row that
  includes the self-distance, `<=`), with scipy's cdist;
- density/coverage: prdc's compute_prdc, copied, with scipy's cdist for sklearn's distances;
- SSIM / MS-SSIM: pytorch-msssim's _fspecial_gauss_1d, gaussian_filter, _ssim, ssim and ms_ssim,
  copied, through torch conv2d in float64 (the window too; pytorch-msssim builds it in float32), with
  the scale choice of StructuralSimilarity (3 scales, 7-tap window, first three weights
  renormalised; pytorch-msssim's size assertion, written for 5 scales, uses the number of scales);
- memorisation scores: FlexAE's PMS/IMS as MemorisationScores reads them (mean over A of the
  Euclidean distance to the nearest sample of B), with scipy's cdist; the train-train reading: the
  first q samples of A against all of A, the diagonal excluded;
- precision and recall for distributions (Sajjadi et al. 2018): compute_prd, _prd_to_f_beta and
  prd_to_max_f_beta_pair of the authors' prd_score.py, copied; their MiniBatchKMeans replaced by the
  k-means KMeans runs (k-means++ seeding with JavaRandom's draws, then Lloyd's iterations with scipy's
  cdist and scikit-learn's stopping rule), so both sides cluster alike.

Random subsets, permutations and pairs are drawn exactly as the Java code draws them: java.util.Random
is specified by its Javadoc (48-bit LCG, nextInt's rejection loop), and JavaRandom below is that
specification, so both sides score the same samples.

Run with Debian's Python (numpy 1.24, torch 1.13, scipy from `apt-get install python3-scipy`; the
first python3 on PATH may lack them), from the repository root:

    /usr/bin/python3 libs/evaluation/src/test/python/evaluation_reference.py \\
        > libs/evaluation/src/test/resources/dev/aegan/evaluation/evaluation-reference.json

CI does not run this; it reads the committed JSON. Features and probabilities are stored as
float32 (base64, little-endian) and every reference value is computed from those float32 values
widened to float64, so Java reads exactly the inputs the reference used. Images are uint8; both
sides divide by 255 in float32.
"""
import base64
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F
from scipy import linalg
from scipy.ndimage import gaussian_filter as blur
from scipy.spatial.distance import cdist

SEED = 20240611


# ---- java.util.Random and SeededSampling ------------------------------------------------------

class JavaRandom:
    MULTIPLIER = 0x5DEECE66D
    MASK = (1 << 48) - 1

    def __init__(self, seed):
        self.seed = (seed ^ self.MULTIPLIER) & self.MASK

    def next_bits(self, bits):
        self.seed = (self.seed * self.MULTIPLIER + 0xB) & self.MASK
        return self.seed >> (48 - bits)

    def next_int(self, bound):
        r = self.next_bits(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        while True:
            r = u % bound
            if u - r + m < 2 ** 31:  # Java: u - r + m < 0 after int overflow
                return r
            u = self.next_bits(31)


    def next_double(self):
        return ((self.next_bits(26) << 27) + self.next_bits(27)) * 2.0 ** -53


def without_replacement(n, count, rng):
    indices = list(range(n))
    for i in range(count):
        j = i + rng.next_int(n - i)
        indices[i], indices[j] = indices[j], indices[i]
    return indices[:count]


def distinct_pairs(n, count, rng):
    pairs = []
    for _ in range(count):
        i = rng.next_int(n)
        j = rng.next_int(n - 1)
        pairs.append((i, j + 1 if j >= i else j))
    return pairs


# ---- FID: pytorch-fid -------------------------------------------------------------------------

def statistics(act):
    return np.mean(act, axis=0), np.cov(act, rowvar=False)


def pytorch_fid_distance(mu1, sigma1, mu2, sigma2, eps=1e-6):
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            raise ValueError("Imaginary component {}".format(np.max(np.abs(covmean.imag))))
        covmean = covmean.real
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean))


def eigh_fid_distance(mu1, sigma1, mu2, sigma2):
    """Tr sqrt(S1 S2) = sum sqrt eig(W^T S2 W), S1 = W W^T, eigenvalues under numpy's rank tolerance as 0."""
    def significant(values):
        return values > np.abs(values).max() * len(values) * np.finfo(float).eps
    l, v = np.linalg.eigh(sigma1)
    keep = significant(l)
    w = v[:, keep] * np.sqrt(l[keep])
    m = w.T @ sigma2 @ w
    e = np.linalg.eigvalsh((m + m.T) / 2)
    diff = mu1 - mu2
    return float(diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.sqrt(e[significant(e)]).sum())


# ---- KID: torch-fidelity ----------------------------------------------------------------------

def polynomial_kernel(X, Y, degree=3, gamma=None, coef0=1):
    if gamma is None:
        gamma = 1.0 / X.shape[1]
    return (np.matmul(X, Y.T) * gamma + coef0) ** degree


def mmd2(K_XX, K_XY, K_YY):
    m = K_XX.shape[0]
    diag_X = np.diagonal(K_XX)
    diag_Y = np.diagonal(K_YY)
    Kt_XX_sum = (K_XX.sum(axis=1) - diag_X).sum()
    Kt_YY_sum = (K_YY.sum(axis=1) - diag_Y).sum()
    K_XY_sum = K_XY.sum(axis=0).sum()
    return (Kt_XX_sum + Kt_YY_sum) / (m * (m - 1)) - 2 * K_XY_sum / (m * m)


def kid(features_1, features_2, subsets, subset_size, seed):
    rng = JavaRandom(seed)
    m = min(subset_size, len(features_1), len(features_2))
    mmds = []
    for _ in range(subsets):
        f1 = features_1[without_replacement(len(features_1), m, rng)]
        f2 = features_2[without_replacement(len(features_2), m, rng)]
        mmds.append(mmd2(polynomial_kernel(f1, f1), polynomial_kernel(f1, f2), polynomial_kernel(f2, f2)))
    return float(np.mean(mmds)), float(np.std(mmds))


# ---- Inception Score: torch-fidelity, from probabilities ----------------------------------------

def inception_score(p, splits, seed):
    p = p[without_replacement(len(p), len(p), JavaRandom(seed))]
    n = p.shape[0]
    scores = []
    for i in range(splits):
        p_chunk = p[(i * n // splits):((i + 1) * n // splits), :]
        q_chunk = p_chunk.mean(axis=0, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            kl = np.where(p_chunk > 0, p_chunk * (np.log(p_chunk) - np.log(q_chunk)), 0.0)
        scores.append(np.exp(kl.sum(axis=1).mean()))
    return float(np.mean(scores)), float(np.std(scores))


# ---- precision/recall (Kynkaanniemi et al.) and density/coverage (prdc) -------------------------

def kth_radii(features, k):
    return np.sort(cdist(features, features), axis=1)[:, k]


def improved_precision_recall(real, fake, k=3):
    real_radii = kth_radii(real, k)
    fake_radii = kth_radii(fake, k)
    d = cdist(real, fake)
    precision = (d <= real_radii[:, None]).any(axis=0).mean()
    recall = (d <= fake_radii[None, :]).any(axis=1).mean()
    margin = min(np.abs(d - real_radii[:, None]).min(), np.abs(d - fake_radii[None, :]).min())
    return float(precision), float(recall), float(margin)


def get_kth_value(unsorted, k, axis=-1):
    indices = np.argpartition(unsorted, k, axis=axis)[..., :k]
    k_smallests = np.take_along_axis(unsorted, indices, axis=axis)
    return k_smallests.max(axis=axis)


def compute_nearest_neighbour_distances(input_features, nearest_k):
    distances = cdist(input_features, input_features)
    return get_kth_value(distances, k=nearest_k + 1, axis=-1)


def compute_density_coverage(real_features, fake_features, nearest_k=5):
    real_nearest_neighbour_distances = compute_nearest_neighbour_distances(real_features, nearest_k)
    distance_real_fake = cdist(real_features, fake_features)
    density = (1. / float(nearest_k)) * (
            distance_real_fake < np.expand_dims(real_nearest_neighbour_distances, axis=1)).sum(axis=0).mean()
    coverage = (distance_real_fake.min(axis=1) < real_nearest_neighbour_distances).mean()
    margin = np.abs(distance_real_fake - real_nearest_neighbour_distances[:, None]).min()
    return float(density), float(coverage), float(margin)


# ---- SSIM / MS-SSIM: pytorch-msssim -----------------------------------------------------------

MS_SSIM_WEIGHTS = [0.0448, 0.2856, 0.3001]


def _fspecial_gauss_1d(size, sigma):
    coords = torch.arange(size, dtype=torch.float64)
    coords -= size // 2
    g = torch.exp(-(coords ** 2) / (2 * sigma ** 2))
    g /= g.sum()
    return g.unsqueeze(0).unsqueeze(0)


def gaussian_filter(input, win):
    C = input.shape[1]
    out = input
    for i, s in enumerate(input.shape[2:]):
        assert s >= win.shape[-1]
        out = F.conv2d(out, weight=win.transpose(2 + i, -1), stride=1, padding=0, groups=C)
    return out


def _ssim(X, Y, data_range, win, K=(0.01, 0.03)):
    K1, K2 = K
    compensation = 1.0
    C1 = (K1 * data_range) ** 2
    C2 = (K2 * data_range) ** 2
    win = win.to(X.device, dtype=X.dtype)
    mu1 = gaussian_filter(X, win)
    mu2 = gaussian_filter(Y, win)
    mu1_sq = mu1.pow(2)
    mu2_sq = mu2.pow(2)
    mu1_mu2 = mu1 * mu2
    sigma1_sq = compensation * (gaussian_filter(X * X, win) - mu1_sq)
    sigma2_sq = compensation * (gaussian_filter(Y * Y, win) - mu2_sq)
    sigma12 = compensation * (gaussian_filter(X * Y, win) - mu1_mu2)
    cs_map = (2 * sigma12 + C2) / (sigma1_sq + sigma2_sq + C2)
    ssim_map = ((2 * mu1_mu2 + C1) / (mu1_sq + mu2_sq + C1)) * cs_map
    ssim_per_channel = torch.flatten(ssim_map, 2).mean(-1)
    cs = torch.flatten(cs_map, 2).mean(-1)
    return ssim_per_channel, cs


def ssim(X, Y, data_range=1.0, win_size=11, win_sigma=1.5):
    win = _fspecial_gauss_1d(win_size, win_sigma)
    win = win.repeat([X.shape[1]] + [1] * (len(X.shape) - 1))
    ssim_per_channel, cs = _ssim(X, Y, data_range=data_range, win=win)
    return ssim_per_channel.mean(1)


def ms_ssim(X, Y, data_range=1.0, win_size=7, win_sigma=1.5, weights=MS_SSIM_WEIGHTS):
    weights = torch.tensor(weights, dtype=torch.float64)
    weights = weights / weights.sum()
    levels = weights.shape[0]
    smaller_side = min(X.shape[-2:])
    assert smaller_side > (win_size - 1) * (2 ** (levels - 1))
    win = _fspecial_gauss_1d(win_size, win_sigma)
    win = win.repeat([X.shape[1]] + [1] * (len(X.shape) - 1))
    mcs = []
    for i in range(levels):
        ssim_per_channel, cs = _ssim(X, Y, win=win, data_range=data_range)
        if i < levels - 1:
            mcs.append(torch.relu(cs))
            padding = [s % 2 for s in X.shape[2:]]
            X = F.avg_pool2d(X, kernel_size=2, padding=padding)
            Y = F.avg_pool2d(Y, kernel_size=2, padding=padding)
    ssim_per_channel = torch.relu(ssim_per_channel)
    mcs_and_ssim = torch.stack(mcs + [ssim_per_channel], dim=0)
    ms_ssim_val = torch.prod(mcs_and_ssim ** weights.view(-1, 1, 1), dim=0)
    return ms_ssim_val.mean(1)


# ---- memorisation (FlexAE PMS / IMS) ----------------------------------------------------------

def mean_nearest_distance(a, b):
    return float(cdist(a, b).min(axis=1).mean())


def mean_nearest_distance_without_self(a, queries):
    d = cdist(a[:queries], a)
    d[np.arange(queries), np.arange(queries)] = np.inf
    return float(d.min(axis=1).mean())


def nearest(queries, training, count):
    d = cdist(queries, training)
    order = np.argsort(d, axis=1, kind="stable")[:, :count]
    return [[[int(j), float(d[q, j])] for j in order[q]] for q in range(len(queries))]


# ---- precision and recall for distributions: prd_score.py (Sajjadi et al.) -----------------------

def compute_prd(eval_dist, ref_dist, num_angles=1001, epsilon=1e-10):
    slopes_2d = np.expand_dims(np.tan(np.linspace(epsilon, np.pi / 2 - epsilon, num=num_angles)), 1)
    ref_dist_2d = np.expand_dims(ref_dist, 0)
    eval_dist_2d = np.expand_dims(eval_dist, 0)
    precision = np.minimum(ref_dist_2d * slopes_2d, eval_dist_2d).sum(axis=1)
    recall = precision / slopes_2d.flatten()
    max_val = max(np.max(precision), np.max(recall))
    if max_val > 1.001:
        raise ValueError('Detected value > 1.001, this should not happen.')
    return np.clip(precision, 0, 1), np.clip(recall, 0, 1)


def _prd_to_f_beta(precision, recall, beta=1, epsilon=1e-10):
    return (1 + beta ** 2) * (precision * recall) / ((beta ** 2 * precision) + recall + epsilon)


def prd_to_max_f_beta_pair(precision, recall, beta=8):
    return np.max(_prd_to_f_beta(precision, recall, beta)), np.max(_prd_to_f_beta(recall, precision, beta))


def bins(labels, num_clusters):
    return np.histogram(labels, bins=num_clusters, range=[0, num_clusters], density=True)[0]


def k_means_plus_plus(data, k, rng):
    centres = [data[rng.next_int(len(data))]]
    nearest = ((data - centres[0]) ** 2).sum(axis=1)
    for _ in range(1, k):
        cumulative = np.cumsum(nearest)
        chosen = int(np.searchsorted(cumulative, rng.next_double() * cumulative[-1], side="right"))
        centres.append(data[chosen])
        nearest = np.minimum(nearest, ((data - data[chosen]) ** 2).sum(axis=1))
    return np.array(centres)


def lloyd(data, centres, max_iterations, tol=1e-4):
    """scikit-learn's _kmeans_single_lloyd: stop on unchanged labels, or on a total squared centre shift
    <= tol * mean(var(data, axis=0)) and then assign once more."""
    tolerance = np.mean(np.var(data, axis=0)) * tol
    previous = None
    for _ in range(max_iterations):
        labels = cdist(data, centres, "sqeuclidean").argmin(axis=1)
        moved = np.array([data[labels == c].mean(axis=0) if (labels == c).any() else centres[c]
                          for c in range(len(centres))])
        if previous is not None and (labels == previous).all():
            return labels
        shift = ((moved - centres) ** 2).sum()
        centres = moved
        if shift <= tolerance:
            break
        previous = labels
    return cdist(data, centres, "sqeuclidean").argmin(axis=1)


def prd_f_betas(eval_data, ref_data, num_clusters, num_angles, num_runs, seed, max_iterations):
    n = min(len(eval_data), len(ref_data))
    joint = np.vstack([eval_data[:n], ref_data[:n]])
    precisions, recalls, runs = [], [], []
    for run in range(num_runs):
        labels = lloyd(joint, k_means_plus_plus(joint, num_clusters, JavaRandom(seed + run)), max_iterations)
        precision, recall = compute_prd(bins(labels[:n], num_clusters), bins(labels[n:], num_clusters), num_angles)
        precisions.append(precision)
        recalls.append(recall)
        runs.append([int(v) for v in labels])
    f8, f1_8 = prd_to_max_f_beta_pair(np.mean(precisions, axis=0), np.mean(recalls, axis=0), beta=8)
    return float(f8), float(f1_8), runs


# ---- fixture data -----------------------------------------------------------------------------

def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def matrix_json(a):
    a32 = np.ascontiguousarray(a, dtype="<f4")
    return {"rows": a.shape[0], "columns": a.shape[1], "data": base64.b64encode(a32.tobytes()).decode()}


def images_json(u8):
    return {"count": u8.shape[0], "channels": u8.shape[1], "height": u8.shape[2], "width": u8.shape[3],
            "data": base64.b64encode(np.ascontiguousarray(u8, dtype=np.uint8).tobytes()).decode()}


def unit(u8):
    return torch.from_numpy((u8.astype(np.float32) / np.float32(255)).astype(np.float64))


def smooth_images(rs, count, channels, height, width, sigma):
    noise = rs.rand(count, channels, height, width)
    smooth = np.stack([[blur(noise[i, c], sigma) for c in range(channels)] for i in range(count)])
    lo = smooth.min(axis=(1, 2, 3), keepdims=True)
    hi = smooth.max(axis=(1, 2, 3), keepdims=True)
    return np.round((smooth - lo) / (hi - lo) * 255).astype(np.uint8)


def degraded(rs, u8, noise):
    return np.clip(np.round(u8 + rs.randn(*u8.shape) * noise), 0, 255).astype(np.uint8)


def main():
    rs = np.random.RandomState(SEED)
    d = 24
    mixing = rs.randn(d, d) / np.sqrt(d)
    real = f32(rs.randn(600, d) @ mixing + 0.5)
    generated = f32((rs.randn(500, d) * 1.15 + 0.25) @ mixing + 0.5)
    training = f32(rs.randn(400, d) @ mixing + 0.5)

    mu1, s1 = statistics(real)
    mu2, s2 = statistics(generated)
    fid_full = pytorch_fid_distance(mu1, s1, mu2, s2)
    fid_full_eigh = eigh_fid_distance(mu1, s1, mu2, s2)

    few_a = f32(rs.randn(40, 64) + 0.1)
    few_b = f32(rs.randn(30, 64) * 1.2)
    ma, sa = statistics(few_a)
    mb, sb = statistics(few_b)
    fid_rank_deficient = eigh_fid_distance(ma, sa, mb, sb)
    try:
        fid_rank_deficient_sqrtm = pytorch_fid_distance(ma, sa, mb, sb)
    except ValueError as e:
        fid_rank_deficient_sqrtm = str(e)

    kid_mean, kid_std = kid(real, generated, subsets=10, subset_size=200, seed=11)

    logits = rs.randn(1000, 10) * 2.0
    logits[np.arange(1000), rs.randint(0, 10, 1000)] += 3.0
    probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    probabilities[:5, 0] = 0  # zero entries: p log p = 0
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    probabilities = f32(probabilities)
    is_mean, is_std = inception_score(probabilities, splits=10, seed=2020)
    confidence = torch.from_numpy(probabilities).double().max(dim=1).values.mean().item()

    precision, recall, pr_margin = improved_precision_recall(real, generated, k=3)
    density, coverage, dc_margin = compute_density_coverage(real, generated, nearest_k=5)

    generated_images = smooth_images(rs, 40, 1, 28, 28, 2.0)
    training_images = np.concatenate([smooth_images(rs, 59, 1, 28, 28, 2.0), generated_images[3:4]])
    gen_pixels = unit(generated_images).reshape(40, -1).numpy()
    train_pixels = unit(training_images).reshape(60, -1).numpy()
    queries = [0, 1, 2, 3]

    ssim_cases = []
    for name, count, channels, height, width, noise in [("gray-28x28", 8, 1, 28, 28, 20.0),
                                                       ("rgb-32x32", 4, 3, 32, 32, 35.0),
                                                       ("gray-25x27", 3, 1, 25, 27, 10.0)]:
        x = smooth_images(rs, count, channels, height, width, 1.5)
        y = degraded(rs, x, noise)
        y[-1] = smooth_images(rs, 1, channels, height, width, 1.5)[0]  # one unrelated pair
        ssim_cases.append({"name": name, "x": images_json(x), "y": images_json(y),
                           "ssim": ssim(unit(x), unit(y)).tolist(), "ms_ssim": ms_ssim(unit(x), unit(y)).tolist()})

    pairs = distinct_pairs(40, 50, JavaRandom(3))
    images = unit(generated_images)
    pair_scores = torch.cat([ms_ssim(images[i:i + 1], images[j:j + 1]) for i, j in pairs]).numpy()

    f8, f1_8, prd_labels = prd_f_betas(generated, real, num_clusters=20, num_angles=1001, num_runs=10, seed=2020,
                                       max_iterations=25)

    fixture = {
        "generator": "libs/evaluation/src/test/python/evaluation_reference.py",
        "features": {"real": matrix_json(real), "generated": matrix_json(generated),
                     "training": matrix_json(training)},
        "fid": {"pytorch_fid": fid_full, "eigh": fid_full_eigh,
                "rank_deficient": {"first": matrix_json(few_a), "second": matrix_json(few_b),
                                   "eigh": fid_rank_deficient, "pytorch_fid": fid_rank_deficient_sqrtm}},
        "kid": {"subsets": 10, "subset_size": 200, "seed": 11, "mean": kid_mean, "std": kid_std},
        "inception_score": {"probabilities": matrix_json(probabilities), "splits": 10, "seed": 2020,
                            "mean": is_mean, "std": is_std, "classifier_confidence": confidence},
        "precision_recall": {"k": 3, "precision": precision, "recall": recall, "margin": pr_margin},
        "density_coverage": {"k": 5, "density": density, "coverage": coverage, "margin": dc_margin},
        "memorisation": {
            "generated_images": images_json(generated_images), "training_images": images_json(training_images),
            "pms": mean_nearest_distance(gen_pixels, train_pixels),
            "pms_without_self": {"queries": 20, "value": mean_nearest_distance_without_self(train_pixels, 20)},
            "ims_without_self": {"queries": 100, "value": mean_nearest_distance_without_self(training, 100)},
            "ims": mean_nearest_distance(generated, training),
            "queries": queries, "neighbours": 4,
            "pixel_neighbours": nearest(gen_pixels[queries], train_pixels, 4),
            "feature_neighbours": nearest(generated[queries], training, 4)},
        "ssim": {"cases": ssim_cases},
        "prd": {"clusters": 20, "angles": 1001, "runs": 10, "seed": 2020, "max_iterations": 25,
                "labels": prd_labels, "f8": f8, "f1_8": f1_8},
        "diversity": {"pairs": 50, "seed": 3, "mean": float(pair_scores.mean()), "std": float(pair_scores.std())},
    }
    json.dump(fixture, sys.stdout, indent=1)
    print(file=sys.stdout)
    print("FID %.12g (pytorch-fid) vs %.12g (eigh): relative %.2g; rank-deficient eigh %.12g, pytorch-fid %s"
          % (fid_full, fid_full_eigh, abs(fid_full - fid_full_eigh) / fid_full, fid_rank_deficient,
             fid_rank_deficient_sqrtm), file=sys.stderr)
    print("KID %.6g +- %.3g, IS %.6g +- %.3g" % (kid_mean, kid_std, is_mean, is_std), file=sys.stderr)
    print("precision %.4f recall %.4f (closest distance to a radius %.3g); density %.4f coverage %.4f (%.3g)"
          % (precision, recall, pr_margin, density, coverage, dc_margin), file=sys.stderr)
    print("PRD F8 %.6f F1/8 %.6f" % (f8, f1_8), file=sys.stderr)
    print("PMS %.6f IMS %.6f; diversity %.6f" % (fixture["memorisation"]["pms"], fixture["memorisation"]["ims"],
                                                 fixture["diversity"]["mean"]), file=sys.stderr)


if __name__ == "__main__":
    main()
