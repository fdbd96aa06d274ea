"""Every method against a running gateway: MEMORY_API_URL (`npm start` serves http://localhost:3000)."""

from __future__ import annotations

import os
import time
import unittest
import uuid

from agent_memory import MemoryApiError, MemoryClient

BASE_URL = os.environ.get("MEMORY_API_URL", "http://localhost:3000")
PASSWORD = "correct horse battery"


def unique_email() -> str:
    return f"python-{uuid.uuid4().hex[:12]}@example.com"


class GatewayTest(unittest.TestCase):
    owner: MemoryClient
    owner_token: str
    agent: MemoryClient
    agent_key_id: str
    tenant_id: str

    @classmethod
    def setUpClass(cls) -> None:
        anonymous = MemoryClient(base_url=BASE_URL)
        session = anonymous.auth.register(unique_email(), PASSWORD, "Python Test")
        cls.tenant_id = session["user"]["tenant_id"]
        cls.owner_token = session["access_token"]
        cls.owner = MemoryClient(token=cls.owner_token, base_url=BASE_URL)
        key = cls.owner.keys.create("python agent", scopes=["admin"])
        cls.agent = MemoryClient(key["key"], base_url=BASE_URL)
        cls.agent_key_id = key["id"]


class AuthTest(GatewayTest):
    def test_registers_and_logs_in_and_the_token_manages_keys(self) -> None:
        anonymous = MemoryClient(base_url=BASE_URL)
        email = unique_email()

        registered = anonymous.auth.register(email, PASSWORD, "Ada")
        session = anonymous.auth.login(email, PASSWORD)
        created = MemoryClient(token=session["access_token"], base_url=BASE_URL).keys.create("reader", scopes=["read"])

        self.assertEqual(registered["user"]["email"], email)
        self.assertEqual(session["user"]["tenant_id"], registered["user"]["tenant_id"])
        self.assertEqual(session["token_type"], "Bearer")
        self.assertEqual(created["scopes"], ["memories:read"])
        self.assertTrue(created["key"].startswith("mem_live_"))

    def test_a_wrong_password_is_refused_with_the_apis_error(self) -> None:
        with self.assertRaises(MemoryApiError) as caught:
            MemoryClient(base_url=BASE_URL).auth.login(unique_email(), "not the password")

        self.assertEqual((caught.exception.status, caught.exception.code), (401, "INVALID_CREDENTIALS"))
        self.assertTrue(caught.exception.request_id)


class MemoriesTest(GatewayTest):
    def test_creates_gets_updates_searches_and_deletes(self) -> None:
        tag = uuid.uuid4().hex

        memory = self.agent.memories.create("The user prefers green tea", type="semantic", metadata={"tag": tag, "n": 1})
        fetched = self.agent.memories.get(memory["id"])
        updated = self.agent.memories.update(memory["id"], content="The user prefers oolong tea")
        # Search is indexed from the table's stream within about a second: wait for the update to be found.
        hits = self.agent.memories.search("oolong tea", metadata={"tag": tag})
        for _ in range(20):
            if hits["data"]:
                break
            time.sleep(0.25)
            hits = self.agent.memories.search("oolong tea", metadata={"tag": tag})
        self.agent.memories.delete(memory["id"])
        with self.assertRaises(MemoryApiError) as gone:
            self.agent.memories.get(memory["id"])

        self.assertRegex(memory["id"], r"^mem_[0-9A-Z]{26}$")
        self.assertEqual((memory["type"], memory["metadata"], memory["environment"]), ("semantic", {"tag": tag, "n": 1}, "live"))
        self.assertEqual(fetched, memory)
        self.assertEqual((updated["id"], updated["content"]), (memory["id"], "The user prefers oolong tea"))
        self.assertEqual([hit["memory"]["id"] for hit in hits["data"]], [memory["id"]])
        self.assertGreater(hits["data"][0]["score"], 0)
        self.assertEqual((gone.exception.status, gone.exception.code), (404, "NOT_FOUND"))
        self.assertRegex(gone.exception.request_id or "", r"^[0-9a-f-]{36}$")

    def test_a_create_sent_twice_with_one_idempotency_key_stores_once(self) -> None:
        tag = uuid.uuid4().hex
        key = str(uuid.uuid4())

        first = self.agent.memories.create("once", metadata={"tag": tag}, idempotency_key=key)
        second = self.agent.memories.create("once", metadata={"tag": tag}, idempotency_key=key)

        self.assertEqual(second["id"], first["id"])
        self.assertEqual([item["id"] for item in self.agent.memories.list(metadata={"tag": tag})], [first["id"]])

    def test_iterates_every_page_and_reads_the_first_alone(self) -> None:
        tag = uuid.uuid4().hex
        ids = [self.agent.memories.create(f"note {i}", metadata={"tag": tag})["id"] for i in range(5)]

        first = self.agent.memories.list(limit=2, metadata={"tag": tag})
        every = [memory["id"] for memory in self.agent.memories.list(limit=2, metadata={"tag": tag})]
        pages = [len(page.data) for page in self.agent.memories.list(limit=2, metadata={"tag": tag}).pages()]

        self.assertEqual(len(first.data), 2)
        self.assertIsNotNone(first.next_cursor)
        self.assertEqual(every, list(reversed(ids)))
        self.assertEqual(sum(pages), 5)
        self.assertEqual(pages[:3], [2, 2, 1])

    def test_a_bad_body_is_a_validation_error_naming_the_fields(self) -> None:
        with self.assertRaises(MemoryApiError) as caught:
            self.agent.memories.create("", type="dream", idempotency_key=False)  # type: ignore[arg-type]

        error = caught.exception
        self.assertEqual((error.status, error.code), (400, "VALIDATION_ERROR"))
        self.assertEqual(sorted(detail["field"] for detail in error.details), ["content", "type"])

    def test_a_key_without_the_scope_is_refused(self) -> None:
        reader = MemoryClient(self.owner.keys.create("read only", scopes=["read"])["key"], base_url=BASE_URL)

        with self.assertRaises(MemoryApiError) as caught:
            reader.memories.create("not allowed")

        self.assertEqual((caught.exception.status, caught.exception.code), (403, "INSUFFICIENT_SCOPE"))

    def test_an_owner_token_acts_in_the_test_sandbox_when_asked(self) -> None:
        sandbox = MemoryClient(token=self.owner_token, environment="test", base_url=BASE_URL)

        memory = sandbox.memories.create("only in test")

        self.assertEqual(memory["environment"], "test")
        with self.assertRaises(MemoryApiError) as caught:
            self.owner.memories.get(memory["id"])
        self.assertEqual(caught.exception.status, 404)


class KeysAndUsageTest(GatewayTest):
    def test_lists_gets_rotates_revokes_and_reads_a_keys_usage(self) -> None:
        key = self.owner.keys.create("to rotate", scopes=["read", "write"])
        MemoryClient(key["key"], base_url=BASE_URL).memories.list()

        listed = [item["id"] for item in self.owner.keys.list(status="active")]
        usage = self.owner.keys.usage(key["id"], days=3)
        rotated = self.owner.keys.rotate(key["id"], grace_period_seconds=0)
        fetched = self.owner.keys.get(rotated["id"])
        revoked = self.owner.keys.revoke(rotated["id"])

        self.assertIn(key["id"], listed)
        self.assertEqual((usage["key_id"], len(usage["days"])), (key["id"], 3))
        self.assertGreaterEqual(usage["total"], 1)
        self.assertEqual(rotated["replaces"], key["id"])
        self.assertNotEqual(rotated["key"], key["key"])
        self.assertEqual((fetched["id"], fetched["status"]), (rotated["id"], "active"))
        self.assertEqual(revoked["status"], "revoked")

    def test_reads_usage_the_audit_trail_and_the_rate_limit_headers(self) -> None:
        usage = self.agent.usage()
        events = self.owner.audit.list(limit=50)
        report = self.owner.usage_report(days=3)

        self.assertEqual(usage["tenant_id"], self.tenant_id)
        self.assertEqual(usage["tier"], "free")
        self.assertIn("key.created", [event["type"] for event in events.data])
        self.assertEqual((report["environment"], len(report["days"]), report["usage"]["tenant_id"]), ("live", 3, self.tenant_id))
        self.assertTrue(all(len(key["requests"]) == 3 for key in report["keys"]))
        self.assertIn(self.agent_key_id, [key["id"] for key in report["keys"]])
        rate_limit = self.agent.last_rate_limit
        self.assertIsNotNone(rate_limit)
        assert rate_limit is not None
        self.assertGreater(rate_limit["limit"], 0)
        self.assertGreaterEqual(rate_limit["remaining"], 0)
        self.assertGreater(rate_limit["reset"], 0)


if __name__ == "__main__":
    unittest.main()
