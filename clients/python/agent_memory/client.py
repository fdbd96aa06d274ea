"""A client of the Agent Memory API on Python's standard library alone."""

from __future__ import annotations

import email.utils
import http.client
import json
import os
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any, Callable, Dict, Generic, Iterator, List, Mapping, Optional, Tuple, TypeVar, Union, cast

from ._version import __version__
from .errors import ErrorDetail, MemoryApiError, MemoryNetworkError
from .types import (
    ApiKey,
    AuditEvent,
    CreatedApiKey,
    Environment,
    KeyUsage,
    Memory,
    Metadata,
    MemoryType,
    RateLimit,
    SearchResults,
    Session,
    Usage,
    UsageReport,
)


DEFAULT_BASE_URL = "http://localhost:3000"
#: API Gateway ends an integration at 29 s, so an answer that has not come by 30 s will not come.
DEFAULT_TIMEOUT = 30.0
RETRIED_STATUSES = frozenset({429, 503})
BACKOFF_BASE = 0.5

T = TypeVar("T")
Query = Mapping[str, Union[str, int, float, bool, None]]


class Page(Generic[T]):
    """One page of a list: ``data`` and ``next_cursor`` (None on the last page). Iterating over it
    yields every item of this page and of every page after it, each fetched when needed."""

    def __init__(self, body: Mapping[str, Any], fetch: Callable[[str], "Page[T]"]) -> None:
        self.data: List[T] = list(body["data"])
        self.next_cursor: Optional[str] = body["next_cursor"]
        self._fetch = fetch

    def next_page(self) -> Optional["Page[T]"]:
        return None if self.next_cursor is None else self._fetch(self.next_cursor)

    def pages(self) -> Iterator["Page[T]"]:
        page: Optional[Page[T]] = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.data


class _Transport:
    """Sends every request of a client: retries 429 and 503 after their Retry-After, but only
    requests safe to send twice, and remembers the last rate-limit headers."""

    def __init__(
        self,
        base_url: str,
        headers: Dict[str, str],
        timeout: Optional[float],
        max_retries: int,
        max_retry_delay: float,
        sleep: Callable[[float], None],
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.headers = headers
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_delay = max_retry_delay
        self.sleep = sleep
        self.last_rate_limit: Optional[RateLimit] = None

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Optional[Query] = None,
        body: Optional[Mapping[str, Any]] = None,
        headers: Optional[Mapping[str, str]] = None,
        repeatable: bool = False,
    ) -> Any:
        url = self.base_url + path
        pairs = [(name, _query_value(value)) for name, value in (query or {}).items() if value is not None]
        if pairs:
            url += "?" + urllib.parse.urlencode(pairs)
        all_headers = {**self.headers, **(headers or {})}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            all_headers["Content-Type"] = "application/json"
        repeatable = repeatable or method in ("GET", "DELETE") or "Idempotency-Key" in all_headers
        attempt = 0
        while True:
            status, response_headers, text = self._send(urllib.request.Request(url, data, all_headers, method=method))
            self._remember(response_headers)
            if 200 <= status < 300:
                return json.loads(text) if text else None
            error = _api_error(status, response_headers, text)
            if not repeatable or attempt >= self.max_retries or status not in RETRIED_STATUSES:
                raise error
            delay = error.retry_after if error.retry_after is not None else BACKOFF_BASE * 2**attempt * (0.5 + random.random() / 2)
            if delay > self.max_retry_delay:
                raise error
            self.sleep(delay)
            attempt += 1

    def _send(self, request: urllib.request.Request) -> Tuple[int, Dict[str, str], str]:
        """One attempt: the status, the headers (names in lower case) and the body."""
        target = f"{request.get_method()} {urllib.parse.urlsplit(request.full_url)._replace(path='', query='').geturl()}"
        try:
            response: Union[http.client.HTTPResponse, urllib.error.HTTPError]
            status: int
            try:
                # For http and https URLs, urlopen answers with an HTTPResponse.
                response = cast(http.client.HTTPResponse, urllib.request.urlopen(request, timeout=self.timeout))
                status = response.status
            except urllib.error.HTTPError as answer:  # a 4xx or 5xx: an answer all the same
                response, status = answer, answer.code
            with response:
                headers = {name.lower(): value for name, value in response.headers.items()}
                return status, headers, response.read().decode("utf-8", "replace")
        except (TimeoutError, socket.timeout) as error:
            raise MemoryNetworkError("TIMEOUT", f"{target}: no answer within {self.timeout} s") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                raise MemoryNetworkError("TIMEOUT", f"{target}: no answer within {self.timeout} s") from error
            raise MemoryNetworkError("NETWORK_ERROR", f"{target}: could not reach the API ({error.reason})") from error
        except OSError as error:
            raise MemoryNetworkError("NETWORK_ERROR", f"{target}: could not reach the API ({error})") from error

    def _remember(self, headers: Mapping[str, str]) -> None:
        figures = {name: _int_header(headers, f"x-ratelimit-{name}") for name in ("limit", "remaining", "reset")}
        if any(value is None for value in figures.values()):
            return
        rate_limit = cast(RateLimit, dict(figures))
        credits_limit = _int_header(headers, "x-credits-limit")
        credits_remaining = _int_header(headers, "x-credits-remaining")
        if credits_limit is not None:
            rate_limit["credits_limit"] = credits_limit
        if credits_remaining is not None:
            rate_limit["credits_remaining"] = credits_remaining
        self.last_rate_limit = rate_limit


def _query_value(value: Union[str, int, float, bool]) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _int_header(headers: Mapping[str, str], name: str) -> Optional[int]:
    value = headers.get(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _retry_after(headers: Mapping[str, str]) -> Optional[float]:
    """Retry-After in seconds or as an HTTP date."""
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        seconds = float(value)
        return seconds if seconds >= 0 else None
    except ValueError:
        pass
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _api_error(status: int, headers: Mapping[str, str], text: str) -> MemoryApiError:
    """Reads the API's error shape; an answer without it (a proxy's page) keeps its status and gets code UNKNOWN_ERROR."""
    error = _record(_record(_json(text)).get("error"))
    details: List[ErrorDetail] = []
    raw_details = error.get("details")
    for item in cast(List[object], raw_details) if isinstance(raw_details, list) else []:
        field, issue = _record(item).get("field"), _record(item).get("issue")
        if isinstance(field, str) and isinstance(issue, str):
            details.append(ErrorDetail(field=field, issue=issue))
    code, message, request_id = error.get("code"), error.get("message"), error.get("request_id")
    return MemoryApiError(
        status,
        code if isinstance(code, str) else "UNKNOWN_ERROR",
        message if isinstance(message, str) else f"HTTP {status}",
        request_id if isinstance(request_id, str) else headers.get("x-request-id") or headers.get("x-amzn-requestid"),
        details,
        _retry_after(headers),
    )


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _record(value: object) -> Dict[str, object]:
    return cast(Dict[str, object], value) if isinstance(value, dict) else {}


def _quoted(identifier: str) -> str:
    return urllib.parse.quote(identifier, safe="")


def _body(**fields: Any) -> Dict[str, Any]:
    return {name: value for name, value in fields.items() if value is not None}


class Memories:
    def __init__(self, transport: _Transport) -> None:
        self._transport = transport

    def create(
        self,
        content: str,
        *,
        type: Optional[MemoryType] = None,
        metadata: Optional[Metadata] = None,
        idempotency_key: Union[str, bool, None] = None,
    ) -> Memory:
        """Stores a memory. Sends a random Idempotency-Key unless given one (or False), so a retried create never stores twice."""
        key = None if idempotency_key is False else str(uuid.uuid4()) if idempotency_key in (None, True) else str(idempotency_key)
        headers = {} if key is None else {"Idempotency-Key": key}
        body = _body(content=content, type=type, metadata=metadata)
        return cast(Memory, self._transport.request("POST", "/v1/memories", body=body, headers=headers))

    def get(self, memory_id: str) -> Memory:
        return cast(Memory, self._transport.request("GET", f"/v1/memories/{_quoted(memory_id)}"))

    def list(
        self,
        *,
        limit: Optional[int] = None,
        type: Optional[MemoryType] = None,
        metadata: Optional[Metadata] = None,
        cursor: Optional[str] = None,
    ) -> Page[Memory]:
        """The first page (or the page after ``cursor``); iterate over it for every memory of every page.
        ``metadata`` filters on exact values (several are ANDed)."""
        filters = {f"metadata.{name}": value for name, value in (metadata or {}).items()}

        def fetch(at: Optional[str]) -> Page[Memory]:
            query = {"limit": limit, "type": type, **filters, "cursor": at}
            return Page(self._transport.request("GET", "/v1/memories", query=query), fetch)

        return fetch(cursor)

    def update(
        self,
        memory_id: str,
        *,
        content: Optional[str] = None,
        type: Optional[MemoryType] = None,
        metadata: Optional[Metadata] = None,
    ) -> Memory:
        body = _body(content=content, type=type, metadata=metadata)
        return cast(Memory, self._transport.request("PATCH", f"/v1/memories/{_quoted(memory_id)}", body=body))

    def delete(self, memory_id: str) -> None:
        self._transport.request("DELETE", f"/v1/memories/{_quoted(memory_id)}")

    def search(
        self,
        query: str,
        *,
        limit: Optional[int] = None,
        type: Optional[MemoryType] = None,
        metadata: Optional[Metadata] = None,
        **options: Any,
    ) -> SearchResults:
        """Best match first. A search changes nothing, so it is retried like a GET. Further fields of
        the API's search body (a newer API's options) pass through ``options``."""
        body = _body(query=query, limit=limit, type=type, metadata=metadata, **options)
        return cast(SearchResults, self._transport.request("POST", "/v1/memories/search", body=body, repeatable=True))


class Keys:
    def __init__(self, transport: _Transport) -> None:
        self._transport = transport

    def create(
        self,
        name: str,
        *,
        scopes: Optional[List[str]] = None,
        environment: Optional[Environment] = None,
        expires_in_days: Optional[int] = None,
    ) -> CreatedApiKey:
        """The answer's ``key`` is the plaintext, shown this once."""
        body = _body(name=name, scopes=scopes, environment=environment, expires_in_days=expires_in_days)
        return cast(CreatedApiKey, self._transport.request("POST", "/v1/api-keys", body=body))

    def list(
        self,
        *,
        status: Optional[str] = None,
        environment: Optional[Environment] = None,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
    ) -> Page[ApiKey]:
        def fetch(at: Optional[str]) -> Page[ApiKey]:
            query = {"status": status, "environment": environment, "limit": limit, "cursor": at}
            return Page(self._transport.request("GET", "/v1/api-keys", query=query), fetch)

        return fetch(cursor)

    def get(self, key_id: str) -> ApiKey:
        return cast(ApiKey, self._transport.request("GET", f"/v1/api-keys/{_quoted(key_id)}"))

    def revoke(self, key_id: str) -> ApiKey:
        return cast(ApiKey, self._transport.request("DELETE", f"/v1/api-keys/{_quoted(key_id)}"))

    def rotate(self, key_id: str, *, grace_period_seconds: Optional[int] = None) -> CreatedApiKey:
        """A new key replaces this one; the old one keeps working for the grace period (default a day)."""
        body = _body(grace_period_seconds=grace_period_seconds)
        return cast(CreatedApiKey, self._transport.request("POST", f"/v1/api-keys/{_quoted(key_id)}/rotate", body=body))

    def usage(self, key_id: str, *, days: Optional[int] = None) -> KeyUsage:
        return cast(KeyUsage, self._transport.request("GET", f"/v1/api-keys/{_quoted(key_id)}/usage", query={"days": days}))


class Audit:
    def __init__(self, transport: _Transport) -> None:
        self._transport = transport

    def list(
        self,
        *,
        type: Optional[str] = None,
        key_id: Optional[str] = None,
        environment: Optional[Environment] = None,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
    ) -> Page[AuditEvent]:
        """Newest first; ``environment`` picks the key events of one sandbox, with the account events."""

        def fetch(at: Optional[str]) -> Page[AuditEvent]:
            query = {"type": type, "key_id": key_id, "environment": environment, "limit": limit, "cursor": at}
            return Page(self._transport.request("GET", "/v1/audit-events", query=query), fetch)

        return fetch(cursor)


class Auth:
    def __init__(self, transport: _Transport) -> None:
        self._transport = transport

    def register(self, email: str, password: str, full_name: str) -> Session:
        """Creates a tenant and its owner; the session's access_token acts as the owner for an hour."""
        body = {"email": email, "password": password, "full_name": full_name}
        return cast(Session, self._transport.request("POST", "/v1/auth/register", body=body))

    def login(self, email: str, password: str) -> Session:
        return cast(Session, self._transport.request("POST", "/v1/auth/login", body={"email": email, "password": password}))


class MemoryClient:
    """A client of the Agent Memory API. Every method returns the answer's JSON body (typed
    dictionaries) or raises MemoryApiError (MemoryNetworkError, status 0, when no answer came).

    api_key: sent as X-API-Key; default MEMORY_API_KEY unless a token is given.
    token: an access token from auth.register / auth.login or a trusted identity provider.
    base_url: default MEMORY_API_URL, else http://localhost:3000.
    environment: the sandbox an owner token acts in ("live" or "test"); a key acts in its own.
    timeout: seconds one attempt may wait for the connection and for each read (None: for ever).
    max_retries: retries after a 429 or 503, only of requests safe to send twice.
    max_retry_delay: a Retry-After longer than this (seconds) is not waited for.
    sleep: how the client waits before a retry.
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        *,
        token: Optional[str] = None,
        base_url: Optional[str] = None,
        environment: Optional[Environment] = None,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
        max_retries: int = 2,
        max_retry_delay: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if api_key is not None and token is not None:
            raise ValueError("Give an api_key or a token, not both")
        key = api_key if api_key is not None else (os.environ.get("MEMORY_API_KEY") if token is None else None)
        headers = {"Accept": "application/json", "User-Agent": f"agent-memory-python/{__version__}"}
        if key:
            headers["X-API-Key"] = key
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if environment:
            headers["X-Environment"] = environment
        url = base_url or os.environ.get("MEMORY_API_URL") or DEFAULT_BASE_URL
        self._transport = _Transport(url, headers, timeout, max_retries, max_retry_delay, sleep)
        self.memories = Memories(self._transport)
        self.keys = Keys(self._transport)
        self.audit = Audit(self._transport)
        self.auth = Auth(self._transport)

    def usage(self) -> Usage:
        """The tenant's usage and limits."""
        return cast(Usage, self._transport.request("GET", "/v1/usage"))

    def usage_report(self, *, days: Optional[int] = None) -> UsageReport:
        """The tenant's usage and the requests per day of each key of the sandbox, in one request (keys:manage)."""
        return cast(UsageReport, self._transport.request("GET", "/v1/usage/daily", query={"days": days}))

    @property
    def last_rate_limit(self) -> Optional[RateLimit]:
        """The rate-limit headers of the last answer that carried them (None before the first)."""
        return self._transport.last_rate_limit
