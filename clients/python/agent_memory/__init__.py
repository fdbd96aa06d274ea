"""The Python client of the Agent Memory API (standard library only)."""

from ._version import __version__
from .client import MemoryClient, Page
from .errors import ErrorDetail, MemoryApiError, MemoryNetworkError
from .types import (
    ApiKey,
    AuditEvent,
    CreatedApiKey,
    KeyUsage,
    Memory,
    MemoryType,
    RateLimit,
    SearchHit,
    SearchResults,
    Session,
    Usage,
    UsageReport,
)

__all__ = [
    "ApiKey",
    "AuditEvent",
    "CreatedApiKey",
    "ErrorDetail",
    "KeyUsage",
    "Memory",
    "MemoryApiError",
    "MemoryClient",
    "MemoryNetworkError",
    "MemoryType",
    "Page",
    "RateLimit",
    "SearchHit",
    "SearchResults",
    "Session",
    "Usage",
    "UsageReport",
    "__version__",
]
