"""Rasa's Redis lock store, configured from `REDIS_URL`, with each lock update made atomic.

Several Rasa instances serve one conversation in turn only if they agree on who holds its lock.
The stock store reads a lock, changes it in Python and writes it back; two instances doing that
at once can hand out the same ticket or delete a lock another instance is waiting on (a
LockError for the user). Here every change is one Redis transaction (WATCH/MULTI), retried when
another instance changed the lock in between.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore

from coach.database import StoreUnavailable

# Result of a change: the lock to store (None: delete it) and the value to return.
Change = Callable[[TicketLock | None], tuple[TicketLock | None, Any]]


def redis_settings(url: str) -> dict[str, Any]:
    """RedisLockStore's arguments from a redis:// or rediss:// URL (db from the path, default 1)."""
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss"):
        scheme = parts.scheme or "no scheme"
        raise StoreUnavailable(f"REDIS_URL must start with redis:// or rediss://, not {scheme}")
    db = parts.path.strip("/")
    return {
        "host": parts.hostname or "localhost",
        "port": parts.port or 6379,
        "db": int(db) if db else 1,
        "username": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
        "use_ssl": parts.scheme == "rediss",
    }


class RedisUrlLockStore(RedisLockStore):
    """The lock store shared by all Rasa instances, at `REDIS_URL`."""

    def __init__(self, endpoint_config: Any = None) -> None:
        url = os.environ.get("REDIS_URL", "").strip()
        if not url:
            raise StoreUnavailable(
                "This lock store needs REDIS_URL (e.g. redis://localhost:6379/1)"
            )
        super().__init__(key_prefix=os.environ.get("REDIS_KEY_PREFIX"), **redis_settings(url))
        try:
            self.red.ping()
        except redis.RedisError as error:
            raise StoreUnavailable(
                f"Cannot reach Redis for the lock store ({error}). Check REDIS_URL "
                "(unset it to run a single Rasa instance without Redis)."
            ) from None

    def _change(self, conversation_id: str, change: Change) -> Any:
        key = self.key_prefix + conversation_id
        result = None

        def transaction(pipe: redis.client.Pipeline) -> None:
            nonlocal result
            raw = pipe.get(key)
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            lock, result = change(lock)
            pipe.multi()
            if lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, lock.dumps())

        self.red.transaction(transaction, key)
        return result

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        return self._change(conversation_id, issue)

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Gives the ticket back; the lock goes once nobody else holds a ticket."""

        def give_back(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
                if not lock.is_someone_waiting():
                    lock = None
            return lock, None

        self._change(conversation_id, give_back)
