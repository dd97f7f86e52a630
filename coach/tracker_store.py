"""Rasa's SQL tracker store, configured from one `DATABASE_URL` (SQLite file by default)."""

from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.engine import make_url

from coach.database import ERASE_SLOT, database_url


class UrlSQLTrackerStore(SQLTrackerStore):
    """Stores every conversation in the database named by `DATABASE_URL`."""

    def __init__(self, domain: Any = None, event_broker: Any = None, **kwargs: Any) -> None:
        url = make_url(database_url())
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

    async def save(self, tracker: Any) -> None:
        """Saves the turn, unless the user just asked to be forgotten: then erases them."""
        if tracker.get_slot(ERASE_SLOT):
            self.erase(tracker.sender_id)
            return
        await super().save(tracker)

    def erase(self, sender_id: str) -> None:
        """Deletes every stored event of this conversation, in all its sessions."""
        with self.session_scope() as session:
            session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
