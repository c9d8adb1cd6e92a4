"""Independent cross-check of the evaluation metrics (scikit-learn, SciPy, NumPy) on the same CSV files.

usage: crosscheck.py PREDICTIONS_CSV CLASS_CSV LO HI BINS
Prints one JSON object: auc_tau_vs_jet, auc_tau_vs_e, auc_tau_vs_mu (sklearn roc_auc_score with sample_weight),
adv_auc, chi2 and ndf (NumPy histograms, data unweighted, simulation weighted, both errors), ks_unit (SciPy ks_2samp,
simulation unweighted), ks_weighted (weighted ECDFs with numpy.searchsorted).
"""
import csv
import json
import sys

import numpy as np
from scipy import stats
from sklearn.metrics import roc_auc_score


def columns(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {k: np.array([float(r[k]) for r in rows]) for k in rows[0]}


def weighted_ks(a, wa, b, wb):
    xs = np.sort(np.concatenate([a, b]))
    ia, ib = np.argsort(a), np.argsort(b)
    ca = np.concatenate([[0.0], np.cumsum(wa[ia])]) / wa.sum()
    cb = np.concatenate([[0.0], np.cumsum(wb[ib])]) / wb.sum()
    fa = ca[np.searchsorted(a[ia], xs, side="right")]
    fb = cb[np.searchsorted(b[ib], xs, side="right")]
    return float(np.max(np.abs(fa - fb)))


p = columns(sys.argv[1])
c = columns(sys.argv[2])
lo, hi, bins = float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
out = {}
probs = np.stack([c["p_e"], c["p_mu"], c["p_tau"], c["p_jet"]], axis=1).astype(np.float32)
for name, k in (("jet", 3), ("e", 0), ("mu", 1)):
    sel = (c["y_class"] == 2) | (c["y_class"] == k)
    score = probs[sel, 2] / (probs[sel, 2] + probs[sel, k])
    out["auc_tau_vs_" + name] = roc_auc_score(c["y_class"][sel] == 2, score, sample_weight=c["weight"][sel])
if "y_pred_adv" in p:
    out["adv_auc"] = roc_auc_score(p["y"] == 1, p["y_pred_adv"], sample_weight=p["weights"])
djet = p["Djet"].astype(np.float32)
data, sim = p["y"] == 1, p["y"] == 0
hd, _ = np.histogram(djet[data], bins=bins, range=(lo, hi))
hs, _ = np.histogram(djet[sim], bins=bins, range=(lo, hi), weights=p["weights"][sim])
hs2, _ = np.histogram(djet[sim], bins=bins, range=(lo, hi), weights=p["weights"][sim] ** 2)
var = hd + hs2
used = var > 0
out["chi2"] = float(np.sum((hd[used] - hs[used]) ** 2 / var[used]))
out["ndf"] = int(np.sum(used))
inwin = (djet >= lo) & (djet <= hi)
a, b = djet[data & inwin], djet[sim & inwin]
out["ks_unit"] = float(stats.ks_2samp(a, b).statistic)
out["ks_weighted"] = weighted_ks(a, np.ones_like(a, dtype=float), b, p["weights"][sim & inwin])
print(json.dumps(out))
