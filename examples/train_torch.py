#!/usr/bin/python3
"""train_torch.py: the seed's PyTorch training (section 5.2: ResNet-18 on
CIFAR-10, SGD lr 0.01 momentum 0.9, batch 64), and capdash-train's cnn and mlp
on Fashion-MNIST, printing capdash's line protocol (see capdash-train(1)) so a
run on a GPU box shows in capdash's run pane exactly as the built-in trainer
does.  CUDA when present, the CPU otherwise.

No downloads and no torchvision needed: IDX files are read with gzip, CIFAR-10
binary batches directly, and ResNet-18 is defined here (torchvision's layout).

    python3 examples/train_torch.py                          # cnn, Fashion-MNIST
    python3 examples/train_torch.py --data ~/cifar-10-batches-bin --format cifar10
    capdash run -- python3 examples/train_torch.py --model resnet18 --data DIR --format cifar10

Exit status: 0 done, 2 usage, 65 bad data, 66 missing data, 130/143 stopped by
SIGINT/SIGTERM.
"""

import argparse
import gzip
import json
import math
import os
import signal
import struct
import sys
import time

PROTO_VERSION = 1
FMNIST = "/usr/share/datasets/fashion-mnist"


def emit(event, **fields):
    """One protocol line: {"capdash":1,"event":...,...}, flushed."""
    obj = {"capdash": PROTO_VERSION, "event": event}
    for k, v in fields.items():
        if isinstance(v, float):
            # Six significant digits, as capdash-train writes them.
            v = float(f"{v:.6g}") if math.isfinite(v) else None
        obj[k] = v
    sys.stdout.write(json.dumps(obj, separators=(",", ":"), ensure_ascii=False) + "\n")
    sys.stdout.flush()


class DataError(Exception):
    def __init__(self, status, msg):
        super().__init__(msg)
        self.status = status


def open_maybe_gz(path):
    for p in (path + ".gz", path):
        if os.path.exists(p):
            return p, (gzip.open(p, "rb") if p.endswith(".gz") else open(p, "rb"))
    raise DataError(66, f"{path}.gz: no such file (nor {os.path.basename(path)}, uncompressed)")


def read_idx(torch, path, ndims, limit):
    name, f = open_maybe_gz(path)
    with f:
        try:
            head = f.read(4 + 4 * ndims)
        except OSError as e:
            raise DataError(65, f"{name}: offset 0: gzip: {e}")
        if len(head) < 4 or head[0] or head[1] or head[2] != 8 or head[3] != ndims:
            raise DataError(65, f"{name}: offset 0: not an IDX file of {ndims} dimensions")
        if len(head) < 4 + 4 * ndims:
            raise DataError(65, f"{name}: offset {len(head)}: truncated header")
        dims = struct.unpack(">" + "I" * ndims, head[4:])
        n = min(dims[0], limit) if limit else dims[0]
        per = 1
        for d in dims[1:]:
            per *= d
        try:
            body = f.read(n * per)
        except OSError as e:
            raise DataError(65, f"{name}: offset {len(head)}: gzip: {e}")
        if len(body) < n * per:
            raise DataError(65, f"{name}: offset {len(head)}: truncated: expected {n * per} bytes, got {len(body)}")
    t = torch.frombuffer(bytearray(body), dtype=torch.uint8)
    return t.reshape((n,) + tuple(dims[1:])), name


def load_mnist(torch, d, train_limit, test_limit):
    sets = []
    for stem, limit in (("train", train_limit), ("t10k", test_limit)):
        x, xn = read_idx(torch, os.path.join(d, f"{stem}-images-idx3-ubyte"), 3, limit)
        y, yn = read_idx(torch, os.path.join(d, f"{stem}-labels-idx1-ubyte"), 1, limit)
        if x.shape[0] != y.shape[0]:
            raise DataError(65, f"{yn}: offset 4: {y.shape[0]} labels, but {xn} has {x.shape[0]} images")
        if y.numel() and int(y.max()) > 9:
            raise DataError(65, f"{yn}: a label is out of range (expected 0 to 9)")
        sets.append((x.unsqueeze(1), y.long()))
    return sets


def load_cifar(torch, d, train_limit, test_limit):
    sets = []
    for files, limit in (([f"data_batch_{i}.bin" for i in range(1, 6)], train_limit),
                         (["test_batch.bin"], test_limit)):
        chunks = []
        have = 0
        for fn in files:
            if limit and have >= limit:
                break
            p = os.path.join(d, fn)
            if not os.path.exists(p):
                raise DataError(66, f"{p}: no such file (expected CIFAR-10's binary batches)")
            with open(p, "rb") as f:
                raw = f.read()
            if len(raw) % 3073:
                raise DataError(65, f"{p}: offset {len(raw) // 3073 * 3073}: truncated: the last record has {len(raw) % 3073} of 3073 bytes")
            t = torch.frombuffer(bytearray(raw), dtype=torch.uint8).reshape(-1, 3073)
            chunks.append(t)
            have += t.shape[0]
        t = torch.cat(chunks)
        if limit:
            t = t[:limit]
        y = t[:, 0].long()
        if y.numel() and int(y.max()) > 9:
            raise DataError(65, f"{d}: a label is out of range (expected 0 to 9)")
        sets.append((t[:, 1:].reshape(-1, 3, 32, 32), y))
    return sets


def make_synthetic(torch, cifar, train_limit, test_limit, seed=0x43415044):
    """Ten classes of gratings (angle k x 18 degrees, 3 to 4.5 cycles) with
    random phase, position, contrast and noise, like capdash-train's
    synthetic set (same recipe, not byte-identical)."""
    c, hw = (3, 32) if cifar else (1, 28)
    g = torch.Generator().manual_seed(seed)
    out = []
    for n in (train_limit or 12000, test_limit or 2000):
        y = torch.randint(0, 10, (n,), generator=g)
        ang = (y.float() + (torch.rand(n, generator=g) - 0.5) * 0.6) * math.pi / 10
        freq = (3.0 + (y % 3).float() * 0.75) * 2 * math.pi / hw
        phase = torch.rand(n, generator=g) * 2 * math.pi
        amp = 0.4 + 0.6 * torch.rand(n, generator=g)
        cy = hw / 2 + (torch.rand(n, generator=g) - 0.5) * hw / 3
        cx = hw / 2 + (torch.rand(n, generator=g) - 0.5) * hw / 3
        yy, xx = torch.meshgrid(torch.arange(hw).float(), torch.arange(hw).float(), indexing="ij")
        dy = yy[None] - cy[:, None, None]
        dx = xx[None] - cx[:, None, None]
        env = torch.exp(-(dx * dx + dy * dy) / (2 * (hw / 5) ** 2))
        grat = torch.cos(freq[:, None, None] * (dx * torch.cos(ang)[:, None, None]
                                                + dy * torch.sin(ang)[:, None, None]) + phase[:, None, None])
        v = 128 + 110 * amp[:, None, None] * env * grat
        v = v[:, None].expand(n, c, hw, hw) + (torch.rand(n, c, hw, hw, generator=g) - 0.5) * 120
        out.append((v.clamp(0, 255).to(torch.uint8), y))
    return out


def build_model(torch, arch, c, hw, classes):
    nn = torch.nn
    if arch == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(c * hw * hw, 256), nn.ReLU(), nn.Linear(256, classes))
    if arch == "cnn":
        q = hw // 4
        return nn.Sequential(
            nn.Conv2d(c, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(64 * q * q, 1024), nn.ReLU(), nn.Linear(1024, classes))

    class Block(nn.Module):
        def __init__(self, cin, cout, stride):
            super().__init__()
            self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(cout)
            self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
            self.bn2 = nn.BatchNorm2d(cout)
            self.down = None
            if stride != 1 or cin != cout:
                self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

        def forward(self, x):
            y = torch.relu(self.bn1(self.conv1(x)))
            y = self.bn2(self.conv2(y))
            return torch.relu(y + (self.down(x) if self.down is not None else x))

    # ResNet-18 in torchvision.models.resnet18's layout, as the seed uses it.
    layers = [nn.Conv2d(c, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for cout, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
        layers += [Block(cin, cout, stride), Block(cout, cout, 1)]
        cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, classes)]
    return nn.Sequential(*layers)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", choices=("mlp", "cnn", "resnet18"),
                   help="network (default: resnet18 for cifar10, cnn otherwise)")
    p.add_argument("--data", help=f"dataset directory or 'synthetic' (default {FMNIST})")
    p.add_argument("--format", choices=("mnist", "cifar10"), default="mnist")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=0.01)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--weight-decay", type=float, default=0.0)
    p.add_argument("--threads", type=int, help="CPU threads (torch.set_num_threads)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--limit", type=int, default=0, help="use only the first N training samples")
    p.add_argument("--test-limit", type=int, default=0, help="evaluate on the first N test samples")
    p.add_argument("--log-every", type=int, default=100)
    p.add_argument("--steps", type=int, default=0, help="stop after N steps (then evaluate)")
    p.add_argument("--device", default="auto", help="auto (cuda if present), cpu, cuda, cuda:1, ...")
    a = p.parse_args(argv)
    for k in ("epochs", "batch", "log_every"):
        if getattr(a, k) < 1:
            p.error(f"--{k.replace('_', '-')}: expected a whole number >= 1")
    for k in ("limit", "test_limit", "steps"):
        if getattr(a, k) < 0:
            p.error(f"--{k.replace('_', '-')}: expected a whole number >= 0")
    if not a.lr > 0 or not 0 <= a.momentum < 1 or a.weight_decay < 0:
        p.error("--lr must be > 0, --momentum in [0, 1), --weight-decay >= 0")
    if a.model is None:
        a.model = "resnet18" if a.format == "cifar10" else "cnn"
    return a


def main(argv):
    a = parse_args(argv)
    try:
        import torch
    except ImportError:
        print("train_torch.py: PyTorch is not installed (Debian: apt-get install python3-torch)", file=sys.stderr)
        return 1
    stop = []

    def on_signal(sig, frame):
        stop.append(sig)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    t0 = time.monotonic()
    torch.manual_seed(a.seed)
    if a.threads:
        torch.set_num_threads(a.threads)
    if a.device == "auto":
        dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    else:
        dev = torch.device(a.device)
        if dev.type == "cuda" and not torch.cuda.is_available():
            print("train_torch.py: --device cuda: no CUDA device is available", file=sys.stderr)
            return 2

    data = a.data
    name = "synthetic"
    try:
        if data is None and a.format == "mnist" and os.path.isdir(FMNIST):
            data = FMNIST
        if data is None or data == "synthetic":
            if data is None:
                emit("info", msg=f"no dataset at {FMNIST}: using synthetic data")
            (xtr, ytr), (xte, yte) = make_synthetic(torch, a.format == "cifar10", a.limit, a.test_limit)
        elif not os.path.isdir(data):
            raise DataError(66, f"{data}: no such directory")
        elif a.format == "cifar10":
            name = "cifar10"
            (xtr, ytr), (xte, yte) = load_cifar(torch, data, a.limit, a.test_limit)
        else:
            name = os.path.basename(os.path.normpath(data))
            (xtr, ytr), (xte, yte) = load_mnist(torch, data, a.limit, a.test_limit)
    except DataError as e:
        print(f"train_torch.py: {e}", file=sys.stderr)
        return e.status

    # Normalise by the training set's per-channel mean and std, as capdash-train does.
    xf = xtr.float().div_(255)
    mean = xf.mean(dim=(0, 2, 3), keepdim=True)
    std = xf.std(dim=(0, 2, 3), keepdim=True).clamp_min(1e-6)
    del xf
    c, hw = xtr.shape[1], xtr.shape[2]
    model = build_model(torch, a.model, c, hw, 10).to(dev)
    opt = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=a.momentum, weight_decay=a.weight_decay)
    crit = torch.nn.CrossEntropyLoss()
    mean, std = mean.to(dev), std.to(dev)
    n = xtr.shape[0]
    spe = (n + a.batch - 1) // a.batch
    total = spe * a.epochs
    if a.steps:
        total = min(total, a.steps)
    emit("start", model=a.model, data=name, threads=torch.get_num_threads(), batch=a.batch,
         epochs=a.epochs, total_steps=total, params=sum(p.numel() for p in model.parameters()),
         train_samples=n, test_samples=xte.shape[0], lr=a.lr, momentum=a.momentum,
         weight_decay=a.weight_decay, seed=a.seed, device=str(dev))

    def prep(x):
        return (x.to(dev, non_blocking=True).float().div_(255) - mean) / std

    def evaluate(step, epoch):
        model.eval()
        loss_sum, correct = 0.0, 0
        with torch.no_grad():
            for i in range(0, xte.shape[0], a.batch):
                out = model(prep(xte[i:i + a.batch]))
                y = yte[i:i + a.batch].to(dev)
                loss_sum += float(crit(out, y)) * y.shape[0]
                correct += int((out.argmax(1) == y).sum())
        model.train()
        m = max(1, xte.shape[0])
        emit("eval", step=step, epoch=epoch, epochs=a.epochs, val_loss=loss_sum / m,
             val_acc=correct / m, elapsed=time.monotonic() - t0)

    g = torch.Generator().manual_seed(a.seed)
    step = 0
    status = "ok"
    win_loss, win_steps, win_samples, t_win = 0.0, 0, 0, time.monotonic()
    model.train()
    while step < total and not stop:
        epoch = step // spe
        perm = torch.randperm(n, generator=g)
        for i in range(spe):
            if step >= total or stop:
                break
            idx = perm[i * a.batch:(i + 1) * a.batch]
            x, y = prep(xtr[idx]), ytr[idx].to(dev)
            opt.zero_grad(set_to_none=True)
            loss = crit(model(x), y)
            loss.backward()
            opt.step()
            step += 1
            win_loss += float(loss)
            win_steps += 1
            win_samples += y.shape[0]
            if step % a.log_every == 0 or step == total:
                now = time.monotonic()
                emit("step", step=step, total_steps=total, epoch=epoch + 1, epochs=a.epochs,
                     loss=win_loss / win_steps, lr=a.lr,
                     samples_per_s=win_samples / max(now - t_win, 1e-9), elapsed=now - t0)
                win_loss, win_steps, win_samples, t_win = 0.0, 0, 0, now
            if step % spe == 0 or step == total:
                evaluate(step, epoch + 1)
                t_win = time.monotonic()
    if stop:
        status = "interrupted"
    emit("end", step=step, elapsed=time.monotonic() - t0, status=status)
    if stop:
        return 130 if stop[0] == signal.SIGINT else 143
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
