"""Rasa's SQL tracker store, configured from one `DATABASE_URL` (SQLite file by default)."""

import functools
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from coach import action_validation
from coach.database import ERASE_SLOT, database_url, make_engine, wait_until_reachable
from coach.turns import mark_saved, raise_if_in_turn

# Rasa imports this module at start: validate action-server replies with a cached validator.
action_validation.install()


def _stops_turn_on_failure(method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(method)
    async def call(self: SQLTrackerStore, *args: Any) -> Any:
        try:
            return await method(self, *args)
        except Exception as error:
            raise_if_in_turn(error)
            raise

    return call


class UrlSQLTrackerStore(SQLTrackerStore):
    """Stores every conversation in the database named by `DATABASE_URL`.

    Unlike the stock store, it refuses to start when the database cannot be reached (the stock
    one logs and carries on, losing every turn), replaces connections the database dropped, and
    keeps users' messages out of SQL error messages. A failure during a user's turn stops the
    turn (see `coach.turns.StoreFailed`) instead of starting the user over in memory.
    """

    def __init__(self, domain: Any = None, event_broker: Any = None, **kwargs: Any) -> None:
        url = make_url(database_url())
        wait_until_reachable(url)
        kwargs.pop("host", None)  # endpoints.yml has no url: the environment decides
        super().__init__(
            domain=domain,
            dialect=url.drivername,
            host=url.host,
            port=url.port,
            db=url.database,
            username=url.username,
            password=url.password,
            query=dict(url.query) or None,
            event_broker=event_broker,
            **kwargs,
        )
        self.engine.dispose()
        self.engine = make_engine(url, future=False, **create_engine_kwargs(url))
        self.sessionmaker = sessionmaker(bind=self.engine)

    retrieve = _stops_turn_on_failure(SQLTrackerStore.retrieve)
    retrieve_full_tracker = _stops_turn_on_failure(SQLTrackerStore.retrieve_full_tracker)

    @_stops_turn_on_failure
    async def save(self, tracker: Any) -> None:
        """Saves the turn, unless the user just asked to be forgotten: then erases them."""
        if tracker.get_slot(ERASE_SLOT):
            self.erase(tracker.sender_id)
        else:
            await super().save(tracker)
        mark_saved()

    def erase(self, sender_id: str) -> None:
        """Deletes every stored event of this conversation, in all its sessions."""
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
