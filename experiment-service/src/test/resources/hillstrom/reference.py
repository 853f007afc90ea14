"""Reference figures for the Hillstrom e-mail experiment, computed with SciPy, independently of the Java engine.

Run from the project root (needs python3 with scipy and numpy):
    python3 experiment-service/src/test/resources/hillstrom/reference.py ../shared/data/hillstrom.csv \
        > experiment-service/src/test/resources/hillstrom/reference.json

Arms: segment ("Mens E-Mail", "Womens E-Mail", control "No E-Mail"). visit -> click, conversion -> conversion,
spend -> revenue (0 for customers without spend). Two-sided tests, alpha 0.05.
"""
import csv
import json
import math
import sys

import numpy as np
from scipy import stats

ARMS = ["No E-Mail", "Mens E-Mail", "Womens E-Mail"]
rows = {arm: {"visit": [], "conversion": [], "spend": []} for arm in ARMS}
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        arm = rows[row["segment"]]
        arm["visit"].append(int(row["visit"]))
        arm["conversion"].append(int(row["conversion"]))
        arm["spend"].append(float(row["spend"]))

out = {"arms": {}, "comparisons": []}
for name in ARMS:
    data = rows[name]
    n = len(data["visit"])
    entry = {"n": n}
    for metric, column in (("click", "visit"), ("conversion", "conversion")):
        k = int(sum(data[column]))
        ci = stats.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
        entry[metric] = {"count": k, "rate": k / n, "wilsonLower": ci.low, "wilsonUpper": ci.high}
    spend = np.array(data["spend"])
    entry["revenue"] = {"sum": float(spend.sum()), "mean": float(spend.mean()), "sd": float(spend.std(ddof=1))}
    out["arms"][name] = entry

control = rows["No E-Mail"]
pvalues = []
for name in ARMS[1:]:
    treatment = rows[name]
    for metric, column in (("click", "visit"), ("conversion", "conversion")):
        xt, nt = sum(treatment[column]), len(treatment[column])
        xc, nc = sum(control[column]), len(control[column])
        pt, pc = xt / nt, xc / nc
        pooled = (xt + xc) / (nt + nc)
        z = (pt - pc) / math.sqrt(pooled * (1 - pooled) * (1 / nt + 1 / nc))
        chi2, p_chi2, _, _ = stats.chi2_contingency([[xt, nt - xt], [xc, nc - xc]], correction=False)
        se = math.sqrt(pt * (1 - pt) / nt + pc * (1 - pc) / nc)
        zc = stats.norm.ppf(0.975)
        out["comparisons"].append({"treatment": name, "metric": metric, "difference": pt - pc,
                                   "differenceLower": pt - pc - zc * se, "differenceUpper": pt - pc + zc * se,
                                   "lift": pt / pc - 1, "z": z, "zPValue": 2 * stats.norm.sf(abs(z)),
                                   "chiSquare": chi2, "chiSquarePValue": p_chi2})
        pvalues.append(p_chi2)
    welch = stats.ttest_ind(np.array(treatment["spend"]), np.array(control["spend"]), equal_var=False)
    out["comparisons"].append({"treatment": name, "metric": "revenue",
                               "difference": float(np.mean(treatment["spend"]) - np.mean(control["spend"])),
                               "t": float(welch.statistic), "df": float(welch.df), "welchPValue": float(welch.pvalue)})
    pvalues.append(float(welch.pvalue))

order = np.argsort(pvalues)
m = len(pvalues)
holm = [0.0] * m
running = 0.0
for rank, index in enumerate(order):
    running = max(running, min(1.0, (m - rank) * pvalues[index]))
    holm[index] = running
bh = stats.false_discovery_control(pvalues, method="bh")
for comparison, h, b in zip(out["comparisons"], holm, bh):
    comparison["holm"] = h
    comparison["bh"] = float(b)

counts = [out["arms"][name]["n"] for name in ARMS]
srm = stats.chisquare(counts)
out["srm"] = {"chiSquare": float(srm.statistic), "pValue": float(srm.pvalue)}
json.dump(out, sys.stdout, indent=2)
print()
