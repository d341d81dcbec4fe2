"""Writes the tiny TorchScript feature network that TorchScriptExtractorTest configures.

A stand-in for a user's Inception: RGB 32 x 32 in [0, 1], returns (features N x 16, logits N x 4),
fixed weights (seed 0). Regenerate with Debian's torch:
    /usr/bin/python3 metrics-service/src/test/python/tiny_feature_net.py \
        metrics-service/src/test/resources/dev/aegan/metrics/features/tiny-feature-net.pt
"""
import sys

import torch
from torch import nn


class TinyFeatureNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, kernel_size=3, stride=2, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(4)
        self.features = nn.Linear(8 * 4 * 4, 16)
        self.logits = nn.Linear(16, 4)

    def forward(self, x):
        if x.shape[1] != 3 or x.shape[2] != 32 or x.shape[3] != 32:
            raise ValueError("TinyFeatureNet takes N x 3 x 32 x 32")
        h = self.pool(torch.relu(self.conv(x))).flatten(1)
        f = torch.relu(self.features(h))
        return f, self.logits(f)


torch.manual_seed(0)
torch.jit.script(TinyFeatureNet().eval()).save(sys.argv[1])
