"""The coach's own records per user: step history with dates, the no-contact start, notes.

SQLAlchemy 1.4 over the database named by `DATABASE_URL` (SQLite under var/ by default).
The engine is built once per process; every call opens its own short session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Column, DateTime, Integer, String, Text, delete, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import declarative_base, sessionmaker

from coach.database import database_url, make_engine

NOTE_MAX_CHARS = 1000

Base = declarative_base()


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class UserProgress(Base):
    __tablename__ = "coach_progress"
    sender_id = Column(String(255), primary_key=True)
    current_step = Column(Integer, nullable=False, default=0)
    space_started_at = Column(DateTime, nullable=True)
    updated_at = Column(DateTime, nullable=False, default=utcnow)


class StepEvent(Base):
    __tablename__ = "coach_step_events"
    id = Column(Integer, primary_key=True, autoincrement=True)
    sender_id = Column(String(255), nullable=False, index=True)
    step = Column(Integer, nullable=False)
    kind = Column(
        String(32), nullable=False
    )  # entered, completed, skipped, went_back, restarted...
    at = Column(DateTime, nullable=False, default=utcnow)


class Note(Base):
    __tablename__ = "coach_notes"
    id = Column(Integer, primary_key=True, autoincrement=True)
    sender_id = Column(String(255), nullable=False, index=True)
    step = Column(Integer, nullable=False)
    text = Column(Text, nullable=False)
    at = Column(DateTime, nullable=False, default=utcnow)


@dataclass
class Progress:
    """What the coach knows about one user, read in one go."""

    current_step: int = 0
    space_started_at: dt.datetime | None = None
    notes: dict[int, str] = field(default_factory=dict)

    def space_day(self, now: dt.datetime | None = None) -> int | None:
        """Day N of giving them space (day 1 is the day step 1 began)."""
        if self.space_started_at is None:
            return None
        return ((now or utcnow()) - self.space_started_at).days + 1


class ProgressStore:
    """Reads and writes the coach's records; one short session per call."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = make_engine(url)
        Base.metadata.create_all(self.engine)
        self._session = sessionmaker(self.engine, future=True, expire_on_commit=False)

    def record_step(self, sender_id: str, step: int, kind: str, now: dt.datetime | None = None):
        """Remember that the user moved to `step` (and how), starting the space clock at step 1."""
        now = now or utcnow()
        with self._session.begin() as session:
            row = session.get(UserProgress, sender_id)
            if row is None:
                row = UserProgress(sender_id=sender_id, current_step=0)
                session.add(row)
            if step == 1 and (row.space_started_at is None or kind == "restarted"):
                row.space_started_at = now
            row.current_step = step
            row.updated_at = now
            session.add(StepEvent(sender_id=sender_id, step=step, kind=kind, at=now))

    def record_event(self, sender_id: str, step: int, kind: str) -> None:
        """Remember something that happened at a step without moving (no reply, not interested)."""
        with self._session.begin() as session:
            session.add(StepEvent(sender_id=sender_id, step=step, kind=kind, at=utcnow()))

    def save_note(self, sender_id: str, step: int, text: str) -> None:
        with self._session.begin() as session:
            session.add(Note(sender_id=sender_id, step=step, text=text.strip()[:NOTE_MAX_CHARS]))

    def progress(self, sender_id: str) -> Progress:
        """The user's step, space start and latest note per step (two queries)."""
        with self._session() as session:
            row = session.get(UserProgress, sender_id)
            notes = session.execute(
                select(Note.step, Note.text).where(Note.sender_id == sender_id).order_by(Note.id)
            ).all()
        if row is None:
            return Progress(notes=dict(notes))
        return Progress(row.current_step, row.space_started_at, dict(notes))

    def history(self, sender_id: str) -> list[tuple[int, str, dt.datetime]]:
        with self._session() as session:
            rows = session.execute(
                select(StepEvent.step, StepEvent.kind, StepEvent.at)
                .where(StepEvent.sender_id == sender_id)
                .order_by(StepEvent.id)
            ).all()
        return [tuple(r) for r in rows]

    def forget(self, sender_id: str) -> None:
        """Delete everything the coach recorded about this user."""
        with self._session.begin() as session:
            for table in (Note, StepEvent, UserProgress):
                session.execute(delete(table).where(table.sender_id == sender_id))


@cache
def get_store(url: str | None = None) -> ProgressStore:
    """The process-wide store for `url` (default: `DATABASE_URL`), built on first use."""
    return ProgressStore(url or database_url())
