"""Writes the TorchScript module behind dev.aegan.models.nn.InputGradients: d(sum y)/dx with
create_graph=True, so that a loss built from the gradient (a WGAN-GP or R1 penalty) back-propagates
into the network that computed y (second-order autograd).

Why a TorchScript module: DJL 0.35.1's GradientCollector has no create_graph, and
JniUtils.backward(..., createGraph=true) leaks about 3 MB per call (GradientPenaltyMemoryTest measures it). The module has no
parameters and runs inside the caller's GradientCollector on the caller's device.

Run with Debian's torch 1.13 (the first python3 on PATH may lack it), from the repository root:

    /usr/bin/python3 libs/models/src/main/python/input_gradient_module.py \
        libs/models/src/main/resources/dev/aegan/models/nn/input-gradient.pt

libtorch 2.7.1 (DJL's) loads what torch 1.13 saves; InputGradientsTest checks the loaded module.
"""
import sys
from typing import List

import torch


class InputGradient(torch.nn.Module):
    def forward(self, y: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
        outputs: List[torch.Tensor] = [y.sum()]
        inputs: List[torch.Tensor] = [x]
        # retain_graph defaults to create_graph: the caller's backward still needs y's graph.
        gradient = torch.autograd.grad(outputs, inputs, create_graph=True)[0]
        assert gradient is not None
        return gradient


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: input_gradient_module.py OUTPUT.pt")
    torch.jit.script(InputGradient()).save(sys.argv[1])


if __name__ == "__main__":
    main()
