"""The client's HTTP behaviour against a scripted server on loopback: retries, errors, network failures."""

from __future__ import annotations

import json
import os
import re
import socket
import threading
import unittest
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional, Tuple
from unittest import mock

from agent_memory import MemoryApiError, MemoryClient, MemoryNetworkError

Answer = Tuple[int, Dict[str, str], str]
MEMORY: Dict[str, Any] = {
    "id": "mem_01HZZZZZZZZZZZZZZZZZZZZZZZ",
    "content": "tea",
    "type": "episodic",
    "metadata": {},
    "environment": "live",
    "created_at": "2026-01-01T00:00:00.000Z",
    "updated_at": "2026-01-01T00:00:00.000Z",
}
EMPTY_PAGE: Dict[str, Any] = {"data": [], "next_cursor": None}


def error_answer(status: int, code: str, retry_after: Optional[str] = None) -> Answer:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return status, headers, json.dumps({"error": {"code": code, "message": f"{code} here", "request_id": f"req-{status}"}})


@dataclass
class Sent:
    method: str
    path: str
    #: Names in lower case.
    headers: Dict[str, str]
    body: Optional[str]


class ScriptedServer:
    """Answers each request with the next scripted answer and records what was sent."""

    def __init__(self, answers: List[Answer]) -> None:
        self.answers = list(answers)
        self.requests: List[Sent] = []
        script = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8") if length else None
                script.requests.append(Sent(self.command, self.path, {name.lower(): value for name, value in self.headers.items()}, body))
                status, headers, text = script.answers.pop(0)
                data = text.encode("utf-8")
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PATCH = do_DELETE = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class TransportTest(unittest.TestCase):
    def serve(self, *answers: Answer) -> ScriptedServer:
        server = ScriptedServer(list(answers))
        self.addCleanup(server.close)
        return server

    def client(self, server: ScriptedServer, max_retries: int = 2, max_retry_delay: float = 60.0) -> Tuple[MemoryClient, List[float]]:
        sleeps: List[float] = []
        client = MemoryClient(
            "mem_live_test", base_url=server.url, max_retries=max_retries, max_retry_delay=max_retry_delay, sleep=sleeps.append
        )
        return client, sleeps


class RetryTest(TransportTest):
    def test_retries_a_get_after_the_retry_after_of_a_429(self) -> None:
        server = self.serve(error_answer(429, "RATE_LIMIT_EXCEEDED", "7"), (200, {}, json.dumps(EMPTY_PAGE)))
        client, sleeps = self.client(server)

        page = client.memories.list()

        self.assertEqual(page.data, [])
        self.assertEqual(sleeps, [7.0])
        self.assertEqual(len(server.requests), 2)

    def test_retries_a_create_with_the_same_idempotency_key_after_a_503(self) -> None:
        server = self.serve(error_answer(503, "SERVICE_UNAVAILABLE", "1"), (201, {}, json.dumps(MEMORY)))
        client, sleeps = self.client(server)

        memory = client.memories.create("tea")

        keys = [request.headers["idempotency-key"] for request in server.requests]
        self.assertEqual(memory["id"], MEMORY["id"])
        self.assertEqual(sleeps, [1.0])
        self.assertRegex(keys[0], r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$")
        self.assertEqual(keys, [keys[0], keys[0]])
        self.assertEqual([json.loads(request.body or "") for request in server.requests], [{"content": "tea"}] * 2)

    def test_retries_a_search_which_changes_nothing(self) -> None:
        server = self.serve(error_answer(429, "RATE_LIMIT_EXCEEDED", "2"), (200, {}, json.dumps({"data": [], "complete": True})))
        client, sleeps = self.client(server)

        results = client.memories.search("tea", limit=3)

        self.assertEqual(results, {"data": [], "complete": True})
        self.assertEqual(sleeps, [2.0])
        self.assertEqual(json.loads(server.requests[1].body or ""), {"query": "tea", "limit": 3})

    def test_never_retries_a_post_without_an_idempotency_key(self) -> None:
        server = self.serve(error_answer(429, "RATE_LIMIT_EXCEEDED", "1"), error_answer(429, "RATE_LIMIT_EXCEEDED", "1"))
        client, sleeps = self.client(server)

        with self.assertRaises(MemoryApiError) as create:
            client.memories.create("tea", idempotency_key=False)
        with self.assertRaises(MemoryApiError) as key:
            client.keys.create("agent")

        self.assertEqual((create.exception.status, create.exception.code, create.exception.retry_after), (429, "RATE_LIMIT_EXCEEDED", 1.0))
        self.assertEqual(key.exception.status, 429)
        self.assertNotIn("idempotency-key", server.requests[0].headers)
        self.assertEqual(sleeps, [])

    def test_gives_up_after_max_retries(self) -> None:
        server = self.serve(*[error_answer(503, "SERVICE_UNAVAILABLE", "1")] * 3)
        client, sleeps = self.client(server, max_retries=2)

        with self.assertRaises(MemoryApiError) as caught:
            client.usage()

        self.assertEqual(caught.exception.code, "SERVICE_UNAVAILABLE")
        self.assertEqual(sleeps, [1.0, 1.0])
        self.assertEqual(len(server.requests), 3)

    def test_does_not_wait_longer_than_max_retry_delay(self) -> None:
        server = self.serve(error_answer(429, "QUOTA_EXCEEDED", "86400"))
        client, sleeps = self.client(server, max_retry_delay=60)

        with self.assertRaises(MemoryApiError) as caught:
            client.memories.get("mem_1")

        self.assertEqual((caught.exception.code, caught.exception.retry_after), ("QUOTA_EXCEEDED", 86400.0))
        self.assertEqual(sleeps, [])

    def test_backs_off_when_no_retry_after_comes(self) -> None:
        server = self.serve((503, {}, ""), (200, {}, json.dumps(EMPTY_PAGE)))
        client, sleeps = self.client(server)

        client.keys.list()

        self.assertEqual(len(sleeps), 1)
        self.assertGreaterEqual(sleeps[0], 0.25)
        self.assertLessEqual(sleeps[0], 0.5)

    def test_does_not_retry_a_refusal_other_than_429_and_503(self) -> None:
        server = self.serve(error_answer(500, "INTERNAL_ERROR", "1"))
        client, sleeps = self.client(server)

        with self.assertRaises(MemoryApiError) as caught:
            client.memories.get("mem_1")

        self.assertEqual(caught.exception.status, 500)
        self.assertEqual(sleeps, [])


class RequestTest(TransportTest):
    def test_sends_the_key_filters_and_quoted_ids(self) -> None:
        server = self.serve((200, {}, json.dumps(EMPTY_PAGE)), (200, {}, json.dumps(MEMORY)))
        client, _ = self.client(server)

        client.memories.list(limit=5, metadata={"done": True, "n": 3, "topic": "a b"})
        client.memories.get("mem/../x")

        self.assertEqual(server.requests[0].path, "/v1/memories?limit=5&metadata.done=true&metadata.n=3&metadata.topic=a+b")
        self.assertEqual(server.requests[1].path, "/v1/memories/mem%2F..%2Fx")
        self.assertEqual(server.requests[0].headers["x-api-key"], "mem_live_test")

    def test_walks_every_page_by_cursor(self) -> None:
        pages: List[Dict[str, Any]] = [{"data": [1, 2], "next_cursor": "c1"}, {"data": [3], "next_cursor": "c2"}, EMPTY_PAGE]
        answers: List[Answer] = [(200, {}, json.dumps(page)) for page in pages]
        server = self.serve(*answers)
        client, _ = self.client(server)

        items = list(client.memories.list(limit=2))

        self.assertEqual(items, [1, 2, 3])
        paths = [request.path for request in server.requests]
        self.assertEqual(paths, ["/v1/memories?limit=2", "/v1/memories?limit=2&cursor=c1", "/v1/memories?limit=2&cursor=c2"])

    def test_sends_a_token_and_the_sandbox(self) -> None:
        server = self.serve((200, {}, "{}"))
        client = MemoryClient(token="eyJtoken", environment="test", base_url=server.url + "/")

        client.usage()

        headers = server.requests[0].headers
        self.assertEqual((headers["authorization"], headers["x-environment"]), ("Bearer eyJtoken", "test"))
        self.assertNotIn("x-api-key", headers)
        self.assertEqual(server.requests[0].path, "/v1/usage")

    def test_reads_the_key_and_url_from_the_environment(self) -> None:
        server = self.serve((200, {}, "{}"))
        with mock.patch.dict(os.environ, {"MEMORY_API_KEY": "mem_live_fromenv", "MEMORY_API_URL": server.url}):
            MemoryClient().usage()

        self.assertEqual(server.requests[0].headers["x-api-key"], "mem_live_fromenv")

    def test_refuses_a_key_and_a_token_together(self) -> None:
        with self.assertRaisesRegex(ValueError, "not both"):
            MemoryClient("mem_live_x", token="eyJ")

    def test_remembers_the_rate_limit_headers(self) -> None:
        headers = {
            "X-RateLimit-Limit": "60",
            "X-RateLimit-Remaining": "59",
            "X-RateLimit-Reset": "1700000060",
            "X-Credits-Limit": "1000",
            "X-Credits-Remaining": "990",
        }
        server = self.serve((200, headers, "{}"))
        client, _ = self.client(server)

        before = client.last_rate_limit
        client.usage()

        self.assertIsNone(before)
        expected = {"limit": 60, "remaining": 59, "reset": 1700000060, "credits_limit": 1000, "credits_remaining": 990}
        self.assertEqual(client.last_rate_limit, expected)

    def test_an_answer_without_the_error_shape_keeps_its_status(self) -> None:
        server = self.serve((502, {"Content-Type": "text/html", "x-amzn-RequestId": "gw-1"}, "<html>Bad gateway</html>"))
        client, _ = self.client(server)

        with self.assertRaises(MemoryApiError) as caught:
            client.keys.get("key_1")

        error = caught.exception
        self.assertEqual((error.status, error.code, error.message, error.request_id), (502, "UNKNOWN_ERROR", "HTTP 502", "gw-1"))


class NetworkTest(unittest.TestCase):
    def test_a_refused_connection_is_a_network_error(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]

        with self.assertRaises(MemoryNetworkError) as caught:
            MemoryClient("mem_live_x", base_url=f"http://127.0.0.1:{port}").memories.list()

        error = caught.exception
        self.assertIsInstance(error, MemoryApiError)
        self.assertEqual((error.status, error.code, error.request_id), (0, "NETWORK_ERROR", None))
        self.assertRegex(error.message, rf"^GET http://127\.0\.0\.1:{port}: could not reach the API \(.*refused.*\)$")
        self.assertIsNotNone(error.__cause__)

    def test_a_name_that_does_not_resolve_is_a_network_error(self) -> None:
        with self.assertRaises(MemoryNetworkError) as caught:
            MemoryClient("mem_live_x", base_url="http://agent-memory.invalid").usage()

        self.assertEqual(caught.exception.code, "NETWORK_ERROR")

    def test_no_answer_within_the_timeout_is_a_timeout(self) -> None:
        listener = socket.socket()
        self.addCleanup(listener.close)
        listener.bind(("127.0.0.1", 0))
        listener.listen()

        with self.assertRaises(MemoryNetworkError) as caught:
            MemoryClient("mem_live_x", base_url=f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=0.05).memories.search("tea")

        self.assertEqual((caught.exception.status, caught.exception.code), (0, "TIMEOUT"))
        self.assertTrue(re.match(r"^POST http://127\.0\.0\.1:\d+: no answer within 0\.05 s$", caught.exception.message))


if __name__ == "__main__":
    unittest.main()
