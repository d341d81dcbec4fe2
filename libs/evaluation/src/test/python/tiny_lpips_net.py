"""Writes the tiny TorchScript LPIPS-shaped network that LpipsNetworkTest loads, and the distances torch
gives for the first SSIM case of evaluation-reference.json (8 grayscale 28 x 28 pairs).

A stand-in for a user's LPIPS (Zhang et al. 2018, `lpips.LPIPS`): forward(in0, in1) on N x 3 x H x W
in [-1, 1], two conv layers whose activations are unit-normalised over channels, squared differences
weighted per channel (the "lin" layers), averaged over space and summed over layers: N x 1 x 1 x 1, as
lpips.LPIPS returns. Fixed weights (seed 0). The pairs are fed as LpipsNetwork feeds them: uint8 / 127.5 - 1
in float32, grayscale repeated to 3 channels. Regenerate with Debian's torch, from the repository root:

    /usr/bin/python3 libs/evaluation/src/test/python/tiny_lpips_net.py \\
        libs/evaluation/src/test/resources/dev/aegan/evaluation/features/tiny-lpips.pt \\
        > libs/evaluation/src/test/resources/dev/aegan/evaluation/features/tiny-lpips.json
"""
import base64
import json
import sys

import numpy as np
import torch
from torch import nn


class TinyLpips(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, kernel_size=3, padding=1)
        self.conv2 = nn.Conv2d(8, 16, kernel_size=3, stride=2, padding=1)
        self.lin1 = nn.Conv2d(8, 1, kernel_size=1, bias=False)
        self.lin2 = nn.Conv2d(16, 1, kernel_size=1, bias=False)
        with torch.no_grad():
            self.lin1.weight.abs_()
            self.lin2.weight.abs_()

    @staticmethod
    def normalised(x):
        return x / (torch.sqrt(torch.sum(x ** 2, dim=1, keepdim=True)) + 1e-10)

    def forward(self, in0, in1):
        a1 = torch.relu(self.conv1(in0))
        b1 = torch.relu(self.conv1(in1))
        a2 = torch.relu(self.conv2(a1))
        b2 = torch.relu(self.conv2(b1))
        d1 = self.lin1((self.normalised(a1) - self.normalised(b1)) ** 2).mean(dim=[2, 3], keepdim=True)
        d2 = self.lin2((self.normalised(a2) - self.normalised(b2)) ** 2).mean(dim=[2, 3], keepdim=True)
        return d1 + d2


def images(node):
    u8 = np.frombuffer(base64.b64decode(node["data"]), dtype=np.uint8)
    u8 = u8.reshape(node["count"], node["channels"], node["height"], node["width"])
    return torch.from_numpy((u8.astype(np.float64) / 127.5 - 1.0).astype(np.float32)).repeat(1, 3, 1, 1)


torch.manual_seed(0)
network = torch.jit.script(TinyLpips().eval())
network.save(sys.argv[1])
case = json.load(open("libs/evaluation/src/test/resources/dev/aegan/evaluation/evaluation-reference.json"))["ssim"]["cases"][0]
with torch.no_grad():
    distances = network(images(case["x"]), images(case["y"])).flatten().double()
json.dump({"generator": "libs/evaluation/src/test/python/tiny_lpips_net.py", "case": case["name"],
           "distances": distances.tolist(), "mean": distances.mean().item()}, sys.stdout, indent=1)
print()
