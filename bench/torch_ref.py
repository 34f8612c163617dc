#!/usr/bin/python3
"""The same models and step as capdash-train's network, in PyTorch, for
bench/40-trainer.sh: batch 64, SGD lr 0.01 momentum 0.9, synthetic data,
timed after a warm-up.  Prints "samples_per_s N" and "peak_rss_mb N".

usage: torch_ref.py cnn|mlp THREADS SECONDS
"""
import resource
import sys
import time

import torch
from torch import nn


def model(name):
    if name == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(),
                             nn.Linear(256, 10))
    return nn.Sequential(
        nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(3136, 1024), nn.ReLU(), nn.Linear(1024, 10))


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "cnn"
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    secs = float(sys.argv[3]) if len(sys.argv) > 3 else 5
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    net = model(name)
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    lossf = nn.CrossEntropyLoss()
    xs = [torch.rand(64, 1, 28, 28) for _ in range(8)]
    ys = [torch.randint(0, 10, (64,)) for _ in range(8)]

    def step(i):
        opt.zero_grad(set_to_none=True)
        loss = lossf(net(xs[i % 8]), ys[i % 8])
        loss.backward()
        opt.step()

    for i in range(5):
        step(i)
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < secs:
        step(n)
        n += 1
    dt = time.perf_counter() - t0
    print(f"samples_per_s {n * 64 / dt:.1f}")
    print(f"peak_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")


if __name__ == "__main__":
    main()
