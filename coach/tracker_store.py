"""Rasa's SQL tracker store, configured from one `DATABASE_URL` (SQLite file by default)."""

import functools
import itertools
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import SessionStarted
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy import func
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

    It also keeps the trackers it saved last (`RECENT_TRACKERS` conversations) so that the next
    turn need not read and replay every event of the session: one indexed query checks that the
    conversation's newest stored event is still the one this process wrote (another instance,
    `/forget` or `make purge` may have changed it), else the tracker is read from the database
    as usual. A tracker is handed out at most once (taken out on retrieve, put back on save), so
    a turn that fails before saving leaves nothing stale behind. Saving inserts only the events
    added since retrieve, without the stock store's count query.
    """

    RECENT_TRACKERS = 500

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
        # sender id -> (id of its newest stored event, number of events, tracker as saved)
        self._recent: OrderedDict[str, tuple[int, int, Any]] = OrderedDict()

    retrieve_full_tracker = _stops_turn_on_failure(SQLTrackerStore.retrieve_full_tracker)

    @property
    def domain(self) -> Any:
        return self._domain

    @domain.setter
    def domain(self, domain: Any) -> None:
        """A new model (`PUT /model`) may bring other slots: trackers built before are dropped."""
        SQLTrackerStore.domain.fset(self, domain)
        self._recent = OrderedDict()

    def _newest_event_id(self, session: Any, sender_id: str) -> int | None:
        return (
            session.query(func.max(self.SQLEvent.id))
            .filter(self.SQLEvent.sender_id == sender_id)
            .scalar()
        )

    @_stops_turn_on_failure
    async def retrieve(self, sender_id: str) -> Any:
        """The tracker of the conversation's latest session (None if there is none)."""
        recent = self._recent.pop(sender_id, None)
        with self.session_scope() as session:
            newest = self._newest_event_id(session, sender_id)
        if recent is not None and newest is not None and recent[0] == newest:
            _, stored, tracker = recent
            if len(tracker.events) == stored:
                self._hand_out(tracker, newest, stored)
                return tracker
        tracker = await super().retrieve(sender_id)
        if tracker is not None and newest is not None:
            self._hand_out(tracker, newest, len(tracker.events))
        return tracker

    @staticmethod
    def _hand_out(tracker: Any, newest: int, stored: int) -> None:
        # What the database held when the tracker was read: save() inserts only what follows.
        tracker.coach_stored = (newest, stored)

    @_stops_turn_on_failure
    async def save(self, tracker: Any) -> None:
        """Saves the turn, unless the user just asked to be forgotten: then erases them."""
        self._recent.pop(tracker.sender_id, None)
        handed_out = getattr(tracker, "coach_stored", None)
        tracker.coach_stored = None
        if tracker.get_slot(ERASE_SLOT):
            self.erase(tracker.sender_id)
        elif handed_out is None:
            await super().save(tracker)  # not retrieved here: the stock store counts what's new
        else:
            await self._save_new_events(tracker, *handed_out)
        mark_saved()

    async def _save_new_events(self, tracker: Any, newest: int, stored: int) -> None:
        """Inserts the events added since `retrieve` and keeps the tracker for the next turn."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows = [
                self._row(tracker.sender_id, event)
                for event in itertools.islice(tracker.events, stored, None)
            ]
            session.add_all(rows)
            session.flush()  # assigns the rows' ids
            if rows:
                newest = rows[-1].id
            session.commit()
        sessions = sum(isinstance(event, SessionStarted) for event in tracker.events)
        if sessions <= 1:  # a tracker read back holds only its latest session: keep it alike
            self._recent[tracker.sender_id] = (newest, len(tracker.events), tracker)
            while len(self._recent) > self.RECENT_TRACKERS:
                self._recent.popitem(last=False)

    def _row(self, sender_id: str, event: Any) -> Any:
        """The stored form of `event`, as the stock store writes it."""
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    def erase(self, sender_id: str) -> None:
        """Deletes every stored event of this conversation, in all its sessions."""
        self._recent.pop(sender_id, None)
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
