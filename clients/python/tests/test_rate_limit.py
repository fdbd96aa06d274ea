"""A real 429 from a gateway whose tier allows 3 requests a minute: MEMORY_API_LIMITED_URL (the
jest test that runs these files starts one; `npm start` with such a tier in its configuration does too)."""

from __future__ import annotations

import os
import unittest
import uuid
from typing import List

from agent_memory import MemoryApiError, MemoryClient


class RateLimitTest(unittest.TestCase):
    def test_a_429_whose_retry_after_passes_max_retry_delay_is_raised_at_once_with_it(self) -> None:
        url = os.environ.get("MEMORY_API_LIMITED_URL")
        if not url:
            self.fail("set MEMORY_API_LIMITED_URL to a gateway whose free tier allows 3 requests a minute")
        email = f"limited-{uuid.uuid4().hex[:12]}@example.com"
        session = MemoryClient(base_url=url).auth.register(email, "correct horse battery", "Limited")
        key = MemoryClient(token=session["access_token"], base_url=url, max_retries=0).keys.create("limited")
        sleeps: List[float] = []
        agent = MemoryClient(key["key"], base_url=url, max_retry_delay=0.5, sleep=sleeps.append)

        # Four requests span at most two minute windows of three, so one of five is refused.
        with self.assertRaises(MemoryApiError) as caught:
            for _ in range(5):
                agent.memories.list()

        error = caught.exception
        self.assertEqual((error.status, error.code), (429, "RATE_LIMIT_EXCEEDED"))
        self.assertIsNotNone(error.retry_after)
        self.assertGreater(error.retry_after or 0, 0.5)
        self.assertEqual(sleeps, [])


if __name__ == "__main__":
    unittest.main()
