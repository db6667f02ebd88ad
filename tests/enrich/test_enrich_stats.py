"""The statistics: hypergeometric tail against scipy and exact rationals, BH, odds ratio."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import hypergeom

from pfocr.enrich import (
    bh_fdr,
    bh_fdr_grouped,
    combined_score,
    hypergeom_log_pmf,
    hypergeom_log_sf,
    hypergeom_sf,
    odds_ratio,
)

REL = 1e-9


def exact_sf(big_n: int, big_k: int, n: int, k: int) -> float:
    """P(X >= k) by exact integer arithmetic (int / int rounds correctly)."""
    hi = min(big_k, n)
    top = sum(math.comb(big_k, i) * math.comb(big_n - big_k, n - i) for i in range(k, hi + 1))
    return top / math.comb(big_n, n)


def random_cases(
    seed: int, count: int, max_n: int = 40_000, max_draw: int = 900
) -> list[tuple[int, int, int, int]]:
    """Random (N, K, n, k), k anywhere in the support and one past it."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        big_n = int(rng.integers(2, max_n))
        big_k = int(rng.integers(0, min(big_n, max_draw) + 1))
        n = int(rng.integers(1, min(big_n, max_draw) + 1))
        lo, hi = max(0, n - (big_n - big_k)), min(big_k, n)
        out.append((big_n, big_k, n, int(rng.integers(lo, hi + 2))))
    return out


def test_sf_matches_scipy_on_random_cases() -> None:
    cases = random_cases(7, 3000)
    for big_n in sorted({c[0] for c in cases})[:5]:
        cases.append((big_n, big_n, 1, 1))  # K = N: certain overlap
    worst = 0.0
    for big_n, big_k, n, k in cases:
        ours = float(hypergeom_sf(k, big_n, big_k, n))
        ref = float(hypergeom.sf(k - 1, big_n, big_k, n))
        if ref < 1e-300:
            # subnormals carry fewer digits than 1e-9; scipy's 0 is ours too
            assert ours < 1e-299
            continue
        worst = max(worst, abs(ours - ref) / ref)
    assert worst < REL


def test_sf_is_exact_against_rational_arithmetic() -> None:
    for big_n, big_k, n, k in random_cases(11, 300, max_n=20_000, max_draw=300):
        ref = exact_sf(big_n, big_k, n, k)
        ours = float(hypergeom_sf(k, big_n, big_k, n))
        assert ours == pytest.approx(ref, rel=REL, abs=0.0)


@pytest.mark.parametrize(
    ("big_n", "big_k", "n", "k"),
    [
        (20_000, 300, 300, 105),  # ~1e-150
        (20_000, 300, 300, 180),  # ~1e-290
        (20_000, 300, 300, 191),  # 1.06e-299
        (20_000, 300, 300, 192),  # 3.3e-302
        (20_000, 500, 500, 13),  # just above the mode
        (20_000, 500, 500, 60),
        (20_000, 3, 400, 3),
        (4_999, 1_000, 1_200, 290),  # a big, central case
        (100, 50, 50, 40),
    ],
)
def test_extreme_tails_match_scipy(big_n: int, big_k: int, n: int, k: int) -> None:
    ref = exact_sf(big_n, big_k, n, k)
    assert ref > 1e-303
    assert float(hypergeom_sf(k, big_n, big_k, n)) == pytest.approx(ref, rel=REL, abs=0.0)
    scipy_ref = float(hypergeom.sf(k - 1, big_n, big_k, n))
    assert float(hypergeom_sf(k, big_n, big_k, n)) == pytest.approx(scipy_ref, rel=REL, abs=0.0)


def test_p_below_the_smallest_double_keeps_its_log() -> None:
    # N=20000, K=n=k=300: p = 1/C(20000, 300) ~ exp(-1554), far below 1e-308
    log_p = float(hypergeom_log_sf(300, 20_000, 300, 300))
    assert log_p == pytest.approx(-math.log(math.comb(20_000, 300)), rel=1e-12)
    assert log_p == pytest.approx(float(hypergeom.logsf(299, 20_000, 300, 300)), rel=1e-12)
    assert float(hypergeom_sf(300, 20_000, 300, 300)) == 0.0


def test_support_edges() -> None:
    # k at or below the support's minimum: certain; above its maximum: impossible
    assert hypergeom_sf([0, 1, 31], 100, 30, 40).tolist() == pytest.approx(
        [1.0, float(hypergeom.sf(0, 100, 30, 40)), 0.0]
    )
    # n = N: X = K for certain
    assert hypergeom_sf([5, 6], 10, 5, 10).tolist() == [1.0, 0.0]
    # K + n > N forces an overlap of at least K + n - N
    assert float(hypergeom_sf(3, 10, 6, 7)) == 1.0


def test_vectorised_broadcasting_matches_scalar_calls() -> None:
    ks = np.array([1, 2, 3, 7])
    sizes = np.array([10, 50, 200, 40])
    together = hypergeom_sf(ks, 5_000, sizes, 120)
    alone = [
        float(hypergeom_sf(int(k), 5_000, int(s), 120)) for k, s in zip(ks, sizes, strict=True)
    ]
    assert together.tolist() == alone
    assert hypergeom_sf(np.array([[1, 2], [3, 4]]), 500, 40, 50).shape == (2, 2)


def test_log_pmf_is_exact() -> None:
    ks = np.arange(0, 60)
    ours = hypergeom_log_pmf(ks, 20_000, 500, 400)
    exact = [
        math.log(math.comb(500, k) * math.comb(19_500, 400 - k) / math.comb(20_000, 400))
        for k in ks.tolist()
    ]
    # absolute error in the log = relative error in the pmf
    assert np.max(np.abs(ours - np.array(exact))) < 1e-12
    assert np.allclose(ours, hypergeom.logpmf(ks, 20_000, 500, 400), rtol=1e-9, atol=0)
    assert hypergeom_log_pmf(501, 20_000, 500, 600) == -np.inf


def naive_bh(p: list[float], m: int | None = None) -> list[float]:
    """Benjamini-Hochberg written out: q_i = min over j >= rank_i of p_(j) m / j."""
    m = len(p) if m is None else m
    order = sorted(range(len(p)), key=lambda i: p[i])
    q = [0.0] * len(p)
    for pos, i in enumerate(order):
        q[i] = min(1.0, min(p[order[j]] * m / (j + 1) for j in range(pos, len(p))))
    return q


def test_bh_matches_a_naive_implementation() -> None:
    rng = np.random.default_rng(3)
    for _ in range(50):
        size = int(rng.integers(1, 60))
        # rounding makes ties, which must share the step-up value
        p = np.round(rng.random(size) ** 3, 2).tolist()
        assert bh_fdr(p).tolist() == pytest.approx(naive_bh(p), rel=1e-12)
        extra = int(rng.integers(0, 40))
        # tests left out with p = 1 enlarge m only
        full = naive_bh([*p, *[1.0] * extra])[:size]
        assert bh_fdr(p, m=size + extra).tolist() == pytest.approx(full, rel=1e-12)


def test_bh_grouped_equals_bh_over_the_expanded_list() -> None:
    values = np.array([1e-8, 0.001, 0.02, 0.3, 1.0])
    counts = np.array([1, 4, 2, 10, 3])
    expanded = np.repeat(values, counts)
    grouped = bh_fdr_grouped(values, counts, 40)
    assert np.repeat(grouped, counts).tolist() == pytest.approx(bh_fdr(expanded, m=40).tolist())
    with pytest.raises(ValueError, match="smaller"):
        bh_fdr_grouped(values, counts, 5)


def test_odds_ratio_is_enrichr_s() -> None:
    # a=3, b=K-k=7, c=n-k=17, d=N-K-n+k=973: (a d) / (b c)
    assert float(odds_ratio(3, 1000, 10, 20)) == pytest.approx(3 * 973 / (7 * 17))
    # query inside the set: b c = 0, divided by max(b c, 1)
    assert float(odds_ratio(5, 1000, 10, 5)) == pytest.approx(5 * 990)
    score = combined_score(math.log(1e-5), 4.0)
    assert float(score) == pytest.approx(-math.log(1e-5) * 4.0)


def test_huge_populations_use_the_series() -> None:
    # N beyond the Stirling table: the same values, no giant allocation
    big = float(hypergeom_log_sf(30, 5_000_000, 4_000, 2_000))
    ref = float(hypergeom.logsf(29, 5_000_000, 4_000, 2_000))
    assert big == pytest.approx(ref, rel=1e-9)
