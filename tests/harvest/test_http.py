"""The retry policy and rate limit, against a real local HTTP server."""

from __future__ import annotations

import time
from datetime import date

import pytest

from pfocr.harvest import FetchError, HttpClient, HttpPolicy, RateLimiter
from pfocr.testing_harvest import EutilsStandIn, StandInArticle, StandInFigure, png_figure


def _standin(fault: str | None, slow: float = 2.0) -> EutilsStandIn:
    figure = StandInFigure("F1", "fig", "A pathway.", data=png_figure("x"), fault=fault)
    article = StandInArticle(42, date(2024, 1, 1), "T", [figure])
    return EutilsStandIn([article], slow_seconds=slow)


def _url(standin: EutilsStandIn) -> str:
    return standin.base + "/media/PMC42.1/fig.png"


def test_429_is_retried_after_the_servers_retry_after() -> None:
    with _standin("429-once") as standin, HttpClient(HttpPolicy(backoff=0.01)) as http:
        start = time.monotonic()
        answer = http.get(_url(standin))
        assert answer.content.startswith(b"\x89PNG")
        assert time.monotonic() - start >= 0.95  # Retry-After: 1, not the 0.01 s backoff
        assert http.retries == 1 and standin.count("/media/") == 2


def test_5xx_and_timeouts_are_retried_then_succeed() -> None:
    for fault in ("500-once", "timeout-once"):
        policy = HttpPolicy(timeout=0.5, backoff=0.01)
        with _standin(fault) as standin, HttpClient(policy) as http:
            assert http.get(_url(standin)).status == 200
            assert http.retries == 1, fault


def test_a_timeout_on_every_try_is_a_fetch_error_with_the_reason() -> None:
    policy = HttpPolicy(timeout=0.3, tries=2, backoff=0.01)
    with _standin("timeout", slow=1.0) as standin, HttpClient(policy) as http:
        with pytest.raises(FetchError, match="timeout after 2 tries"):
            http.get(_url(standin))
        assert standin.count("/media/") == 2


def test_404_is_final_at_once() -> None:
    with _standin("404") as standin, HttpClient(HttpPolicy(backoff=0.01)) as http:
        with pytest.raises(FetchError) as caught:
            http.get(_url(standin))
        assert caught.value.status == 404 and caught.value.reason == "HTTP 404"
        assert standin.count("/media/") == 1 and http.retries == 0


def test_a_body_over_the_limit_is_refused() -> None:
    with _standin(None) as standin, HttpClient() as http, pytest.raises(FetchError, match="large"):
        http.get(_url(standin), max_bytes=10)


def test_connection_refused_is_retried_and_reported() -> None:
    with _standin(None) as standin:
        url = _url(standin)
    policy = HttpPolicy(tries=2, backoff=0.01)
    with HttpClient(policy) as http, pytest.raises(FetchError, match="connection error after 2"):
        http.get(url)


def test_rate_limiter_spaces_requests() -> None:
    limiter = RateLimiter(20.0)
    start = time.monotonic()
    for _ in range(6):
        limiter.wait()
    assert time.monotonic() - start >= 5 / 20 - 0.01
    unlimited = RateLimiter(0)
    start = time.monotonic()
    for _ in range(100):
        unlimited.wait()
    assert time.monotonic() - start < 0.05
