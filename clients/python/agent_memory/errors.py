"""One error type for every failure of a call."""

from __future__ import annotations

from typing import List, Literal, Optional, TypedDict


class ErrorDetail(TypedDict):
    """One problem of a VALIDATION_ERROR: the field (``scopes[1]``, ``metadata.source``) and what is wrong."""

    field: str
    issue: str


class MemoryApiError(Exception):
    """The API refused a request: its status, machine-readable code, message and request id (quote it to support)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        request_id: Optional[str] = None,
        details: Optional[List[ErrorDetail]] = None,
        retry_after: Optional[float] = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.request_id = request_id
        self.details: List[ErrorDetail] = details or []
        #: Seconds to wait before trying again, from Retry-After (429 and 503 answers).
        self.retry_after = retry_after

    def __str__(self) -> str:
        suffix = f" (request {self.request_id})" if self.request_id else ""
        return f"{self.status} {self.code}: {self.message}{suffix}"


class MemoryNetworkError(MemoryApiError):
    """No answer came: the connection was refused or broke, the host name did not resolve
    (code NETWORK_ERROR), or the timeout passed first (code TIMEOUT). Status 0, so one
    ``except MemoryApiError`` catches every failure of a call; ``__cause__`` holds what urllib raised."""

    def __init__(self, code: Literal["NETWORK_ERROR", "TIMEOUT"], message: str) -> None:
        super().__init__(0, code, message)
