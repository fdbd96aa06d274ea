"""The API's answers as typed dictionaries (the JSON as the API sends it, field for field)."""

from __future__ import annotations

from typing import Dict, List, Literal, Optional, TypedDict, Union

MemoryType = Literal["episodic", "semantic", "procedural", "working"]
Environment = Literal["live", "test"]
MetadataValue = Union[str, int, float, bool]
Metadata = Dict[str, MetadataValue]


class Memory(TypedDict):
    id: str
    content: str
    type: MemoryType
    metadata: Metadata
    environment: Environment
    created_at: str
    updated_at: str


class SearchHit(TypedDict):
    memory: Memory
    score: float


class SearchResults(TypedDict):
    data: List[SearchHit]
    #: False when the search read fewer memories than the tenant holds (the search cap).
    complete: bool


class ApiKey(TypedDict):
    id: str
    name: str
    environment: Environment
    scopes: List[str]
    #: The first characters of the key, to recognise it.
    start: str
    status: Literal["active", "expired", "revoked"]
    created_at: str
    expires_at: Optional[str]
    last_used_at: Optional[str]
    revoked_at: Optional[str]
    #: The key this one was rotated from.
    replaces: Optional[str]
    #: The key that replaced this one at rotation; this one works until expires_at (the grace period).
    replaced_by: Optional[str]


class CreatedApiKey(ApiKey):
    #: The plaintext key, shown this once.
    key: str


class UsageReportKey(TypedDict):
    id: str
    name: str
    start: str
    status: Literal["active", "expired", "revoked"]
    #: Requests per day, one entry per reported day.
    requests: List[int]
    total: int


class UsageReport(TypedDict):
    usage: "Usage"
    #: The sandbox whose keys are reported.
    environment: Environment
    #: The UTC days reported, oldest first.
    days: List[str]
    #: The keys of the sandbox that could have been used in the period, newest first.
    keys: List[UsageReportKey]
    total: int


class KeyUsageDay(TypedDict):
    date: str
    requests: int


class KeyUsage(TypedDict):
    key_id: str
    days: List[KeyUsageDay]
    total: int


class User(TypedDict):
    id: str
    email: str
    full_name: str
    tenant_id: str
    created_at: str


class Session(TypedDict):
    access_token: str
    token_type: Literal["Bearer"]
    #: Seconds until the access token expires.
    expires_in: int
    user: User


class Usage(TypedDict):
    tenant_id: str
    tier: str
    period: Dict[str, str]
    #: limit and remaining are None where the tier is unlimited.
    credits: Dict[str, Optional[int]]
    rate_limit: Dict[str, int]
    keys: Dict[str, int]


class AuditEvent(TypedDict):
    id: str
    type: str
    occurred_at: str
    #: Who acted: {"type": "user" | "key" | "operator", "id": ...}.
    actor: Dict[str, str]
    key_id: Optional[str]
    environment: Optional[Environment]
    source_ip: Optional[str]
    user_agent: Optional[str]
    details: Dict[str, object]


class _RateLimitWindow(TypedDict):
    limit: int
    remaining: int
    #: Unix seconds when the minute window resets.
    reset: int


class RateLimit(_RateLimitWindow, total=False):
    """The rate-limit headers of the last answer that carried them; no credits where the tier is unlimited."""

    credits_limit: int
    credits_remaining: int
