"""HTTP for remote services: timeouts, a rate limit per service, and one retry policy.

Every request goes through :meth:`HttpClient.get`: the service's :class:`RateLimiter`
spaces requests (NCBI allows 3 a second, 10 with an API key), and tenacity retries
connection errors, timeouts, 429 and 5xx answers with exponential backoff and jitter,
honouring a ``Retry-After`` header. Other answers (404, 403, 400) are final at once. What
is still failing after the last try is a :class:`FetchError` whose ``reason`` is what the
ledger records (``HTTP 404``, ``timeout``, ``connection error``, ``too large``).
"""

from __future__ import annotations

import email.utils
import logging
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

import httpx
import tenacity

__all__ = ["FetchError", "HttpClient", "HttpPolicy", "RateLimiter", "Response"]

logger = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: The longest ``Retry-After`` pfocr waits for; a longer one is cut to this.
MAX_RETRY_AFTER = 300.0


class FetchError(Exception):
    """A request that failed for good.

    :param url: the URL
    :param reason: a short reason for the ledger (``HTTP 404``, ``timeout``, ...)
    :param status: the HTTP status, when there was an answer
    """

    def __init__(self, url: str, reason: str, status: int | None = None) -> None:
        self.url = url
        self.reason = reason
        self.status = status
        super().__init__(f"{url}: {reason}")


class _Retryable(Exception):
    """An answer worth retrying (429, 5xx), with the server's ``Retry-After`` if any."""

    def __init__(self, status: int, retry_after: float | None) -> None:
        self.status = status
        self.retry_after = retry_after
        super().__init__(f"HTTP {status}")


class RateLimiter:
    """At most ``per_second`` requests a second, spaced evenly, shared by threads.

    :param per_second: the rate; 0 or less means no limit
    """

    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        """Block until the next request may be sent."""
        if self.interval == 0:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            time.sleep(slot - now)


@dataclass(frozen=True)
class HttpPolicy:
    """Timeouts and retries of a client.

    :param timeout: seconds for connecting and for each read
    :param tries: attempts per request, the first included
    :param backoff: the first retry's wait in seconds, doubled each time (with jitter)
    :param max_backoff: the longest wait between tries
    :param user_agent: the ``User-Agent`` header
    """

    timeout: float = 30.0
    tries: int = 5
    backoff: float = 1.0
    max_backoff: float = 60.0
    user_agent: str = "pfocr-harvest (+https://github.com/pfocr)"


@dataclass(frozen=True)
class Response:
    """A successful answer, read whole."""

    url: str
    status: int
    headers: dict[str, str]
    content: bytes = field(repr=False)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max((when - datetime.now(UTC)).total_seconds(), 0.0), MAX_RETRY_AFTER)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, _Retryable):
        return f"HTTP {exc.status}"
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    if isinstance(exc, httpx.ConnectError):
        return "connection error"
    if isinstance(exc, httpx.TransportError):
        return f"transport error ({type(exc).__name__})"
    return type(exc).__name__


class HttpClient:
    """A blocking HTTP client with the retry policy; safe to share between threads.

    :param policy: timeouts and retries
    :param transport: an httpx transport (tests and stand-ins), or the default one
    """

    def __init__(
        self, policy: HttpPolicy | None = None, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.policy = policy or HttpPolicy()
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.policy.timeout),
            headers={"User-Agent": self.policy.user_agent},
            follow_redirects=True,
            transport=transport,
        )
        self.requests = 0
        self.retries = 0

    def close(self) -> None:
        """Close the connections."""
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _wait(self, state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return exc.retry_after
        backoff: float = self.policy.backoff * 2.0 ** (state.attempt_number - 1)
        return min(backoff, self.policy.max_backoff) * random.uniform(0.5, 1.0)

    def _log_retry(self, state: tenacity.RetryCallState) -> None:
        self.retries += 1
        exc = state.outcome.exception() if state.outcome is not None else None
        wait = state.next_action.sleep if state.next_action is not None else 0.0
        url = state.args[0] if state.args else "?"
        logger.info("retrying %s in %.1f s (%s)", url, wait, _reason(exc) if exc else "?")

    def get(
        self,
        url: str,
        params: dict[str, Any] | None = None,
        *,
        limiter: RateLimiter | None = None,
        max_bytes: int | None = None,
    ) -> Response:
        """GET a URL with the retry policy.

        :param url: the URL
        :param params: query parameters
        :param limiter: the service's rate limiter, waited on before every try
        :param max_bytes: refuse a body larger than this (``too large``)
        :returns: the 2xx answer
        :raises FetchError: for a final answer that is not 2xx, or when every try failed
        """
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.policy.tries),
            wait=self._wait,
            retry=tenacity.retry_if_exception_type((_Retryable, httpx.TransportError)),
            before_sleep=self._log_retry,
            reraise=True,
        )
        try:
            return retrying(self._once, url, params, limiter, max_bytes)
        except (_Retryable, httpx.TransportError) as exc:
            status = exc.status if isinstance(exc, _Retryable) else None
            tries = self.policy.tries
            raise FetchError(url, f"{_reason(exc)} after {tries} tries", status) from None

    def _once(
        self,
        url: str,
        params: dict[str, Any] | None,
        limiter: RateLimiter | None,
        max_bytes: int | None,
    ) -> Response:
        if limiter is not None:
            limiter.wait()
        self.requests += 1
        with self._client.stream("GET", url, params=params) as answer:
            if answer.status_code in RETRY_STATUSES:
                raise _Retryable(
                    answer.status_code, _retry_after(answer.headers.get("retry-after"))
                )
            if not 200 <= answer.status_code < 300:
                raise FetchError(str(answer.url), f"HTTP {answer.status_code}", answer.status_code)
            declared = answer.headers.get("content-length", "")
            if max_bytes is not None and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(str(answer.url), f"too large ({declared} bytes)")
            chunks: list[bytes] = []
            size = 0
            for chunk in answer.iter_bytes():
                size += len(chunk)
                if max_bytes is not None and size > max_bytes:
                    raise FetchError(str(answer.url), f"too large (over {max_bytes} bytes)")
                chunks.append(chunk)
            return Response(
                url=str(answer.url),
                status=answer.status_code,
                headers=dict(answer.headers),
                content=b"".join(chunks),
            )
