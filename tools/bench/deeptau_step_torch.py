#!/usr/bin/python3
"""PyTorch peer of the Java adversarial training step (BENCHMARKS.md): the same DeepTau network (presets small and
v2p5 of NetworkSettings), 250 main + 100 control-region rows of the v2p5 input shapes, BatchNorm over the mixed batch,
tau_crossentropy_v2 and the weighted BCE, two gradients, delta_common = k1*g_C - k2*g_A, two NAdam updates.

Usage: /usr/bin/python3 tools/bench/deeptau_step_torch.py <small|v2p5> <threads> <steps>
"""
import math
import resource
import sys
import time

import torch
import torch.nn as nn

PRESETS = {
    "v2p5": dict(tau=(1.4, "2*n*(1+drop)", "n*(1+drop)", None), comp=(1.6, "2*n*(1+drop)", "n*(1+drop)", None),
                 merge=(1.6, "n", "64", None), dense=(1.0, "200", "200", 4)),
    "small": dict(tau=(1.4, "n*(1+drop)", "n/2", None), comp=(1.6, "n/2", "n/4", None),
                  merge=(1.6, "n/2", "16", None), dense=(1.0, "64", "64", 4)),
}
DROP = 0.2


def sizes(setup, n):
    rate, first, last, min_layers = setup
    f = int(math.ceil(eval(first, {}, {"n": n, "drop": DROP})))
    l = int(math.ceil(eval(last, {}, {"n": n, "drop": DROP})))
    out, cur, k = [], f, 1
    while True:
        out.append(cur)
        k += 1
        if cur > l:
            cur = max(l, int(cur / rate))
        elif min_layers is None or k > min_layers:
            break
    return out


class Block(nn.Module):
    def __init__(self, n_in, n_out, conv=0):
        super().__init__()
        if conv:
            self.lin = nn.Conv2d(n_in, n_out, conv)
            self.bn = nn.BatchNorm2d(n_out, eps=1e-3, momentum=0.01)
            self.act = nn.PReLU(n_out, init=0.0)
        else:
            self.lin = nn.Linear(n_in, n_out)
            self.bn = nn.BatchNorm1d(n_out, eps=1e-3, momentum=0.01)
            self.act = nn.PReLU(n_out, init=0.0)
        nn.init.kaiming_uniform_(self.lin.weight, nonlinearity="relu")
        nn.init.zeros_(self.lin.bias)
        self.drop = nn.Dropout(DROP)

    def forward(self, x):
        return self.drop(self.act(self.bn(self.lin(x))))


def chain(n, widths, conv=0):
    layers = []
    for w in widths:
        layers.append(Block(n, w, conv))
        n = w
    return nn.Sequential(*layers), n


class DeepTau(nn.Module):
    def __init__(self, p):
        super().__init__()
        self.tau, nt = chain(43, sizes(p["tau"], 43))
        self.locs = nn.ModuleDict()
        width = nt
        for loc, grid in (("inner", 11), ("outer", 21)):
            comps = nn.ModuleList()
            total = 0
            for c in (86, 64, 38):
                seq, n = chain(c, sizes(p["comp"], c), conv=1)
                comps.append(seq)
                total += n
            merge, n = chain(total, sizes(p["merge"], total), conv=1)
            convs, g = [], grid
            while g > 1:
                w = min(g, 3)
                convs.append(Block(n, n, conv=w))
                g -= w - 1
            self.locs[loc] = nn.ModuleList([comps, merge, nn.Sequential(*convs)])
            width += n
        self.head, nh = chain(width, sizes(p["dense"], width))
        self.last = nn.Linear(nh, 4)
        self.adv, na = chain(width, sizes(p["dense"], width))
        self.adv_last = nn.Linear(na, 1)

    def common(self, xs):
        feats = [self.tau(xs[0])]
        for i, loc in enumerate(("inner", "outer")):
            comps, merge, convs = self.locs[loc]
            h = torch.cat([comps[j](xs[1 + 3 * i + j]) for j in range(3)], dim=1)
            feats.append(torch.flatten(convs(merge(h)), 1))
        return torch.cat(feats, dim=1)

    def forward(self, xs):
        f = self.common(xs)
        return torch.softmax(self.last(self.head(f)), 1), torch.sigmoid(self.adv_last(self.adv(f)))


def tau_ce_v2(y, p, sf=(0.4, 1.0, 2.0, 0.6)):
    eps = 1e-7
    x = p.clamp(eps, 1 - eps)
    d = (torch.tanh(70 * (p[:, 2] - 0.1)) + 1) / 2
    h_tau = -y[:, 2] * torch.log(x[:, 2])
    f_cmb = 1.17153 * (-(1 - y[:, 2]) * x[:, 2].pow(0.5) * torch.log(1 - x[:, 2]))
    f = 0
    for i in (0, 1, 3):
        f = f + sf[i] * 1.63636 * (-d * y[:, i] * (1 - x[:, i]).pow(2) * torch.log(x[:, i]))
    return sf[2] * h_tau + (sf[0] + sf[1] + sf[3]) * f_cmb + 5 * f


def main():
    preset, threads, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    net = DeepTau(PRESETS[preset])
    common = [p for n, p in net.named_parameters() if not n.startswith(("head", "last", "adv", "adv_last"))]
    cls = list(net.head.parameters()) + list(net.last.parameters())
    adv = list(net.adv.parameters()) + list(net.adv_last.parameters())
    opt = torch.optim.NAdam(common + cls, lr=1e-3, eps=1e-7, momentum_decay=1e-4)
    opt_adv = torch.optim.NAdam(adv, lr=1e-2, eps=1e-7, momentum_decay=4e-3)
    rows, n_main = 350, 250
    shapes = [(43,), (86, 11, 11), (64, 11, 11), (38, 11, 11), (86, 21, 21), (64, 21, 21), (38, 21, 21)]
    batches = []
    for _ in range(4):
        xs = [torch.randn(rows, *s) * (1 if len(s) == 1 else (torch.rand(rows, *s) < 0.125)) for s in shapes]
        y = torch.zeros(rows, 4)
        y[torch.arange(n_main), torch.randint(0, 4, (n_main,))] = 1
        w = torch.cat([torch.ones(n_main), torch.zeros(rows - n_main)])
        ya = torch.cat([torch.zeros(n_main), (torch.arange(rows - n_main) % 2 == 0).float()]).unsqueeze(1)
        wa = torch.cat([torch.zeros(n_main), torch.ones(rows - n_main)])
        batches.append((xs, y, w, ya, wa))
    net.train()
    k1, k2 = 1.0, 10.0

    def step(b):
        xs, y, w, ya, wa = b
        p, a = net(xs)
        l_class = (w * tau_ce_v2(y, p)).sum() / n_main
        ac = a.clamp(1e-7, 1 - 1e-7)
        bce = -(ya * torch.log(ac) + (1 - ya) * torch.log(1 - ac)).mean(1)
        l_adv = (wa * bce).sum() / (rows - n_main)
        g_c = torch.autograd.grad(l_class, common + cls, retain_graph=True)
        g_a = torch.autograd.grad(l_adv, common + adv)
        nc = len(common)
        for i, prm in enumerate(common):
            prm.grad = k1 * g_c[i] - k2 * g_a[i]
        for i, prm in enumerate(cls):
            prm.grad = g_c[nc + i]
        for i, prm in enumerate(adv):
            prm.grad = g_a[nc + i]
        opt.step()
        opt_adv.step()

    warm = max(3, steps // 10)
    for s in range(warm):
        step(batches[s % 4])
    t0 = time.perf_counter()
    for s in range(steps):
        step(batches[s % 4])
    sec = time.perf_counter() - t0
    n_params = sum(p.numel() for p in net.parameters())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"torch {torch.__version__} preset={preset} threads={threads} params={n_params} steps={steps} "
          f"ms/step={1000 * sec / steps:.1f} taus/s={steps * 350 / sec:.0f} peakRSS={rss}kB")


if __name__ == "__main__":
    main()
