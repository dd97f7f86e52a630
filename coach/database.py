"""One place that says which database the coach uses (tracker store and progress store alike),
and how to connect to it."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import QueuePool

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = PROJECT_ROOT / "var" / "coach.db"
# Set by the /forget action once the user confirms; the tracker store then erases, not saves.
ERASE_SLOT = "erase_requested"
# How long a starting process waits for the database before giving up (it may still be booting).
DEFAULT_CONNECT_WAIT_SECONDS = 15.0

logger = logging.getLogger(__name__)


class StoreUnavailable(SystemExit):
    """A store named in the environment cannot be reached: the process must not start (the
    message says which variable to check)."""


def database_url() -> str:
    """`DATABASE_URL` if set, else a SQLite file under var/ (created on first use)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    DEFAULT_SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Rasa and the action server write the same file: WAL lets one read while the other writes.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str | URL, future: bool = True, **kwargs) -> Engine:
    """An engine that replaces dropped connections before use and never puts the values of a
    failed statement (users' messages) into error messages and logs."""
    url = make_url(url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        # Keep connections to the file open between turns (SQLAlchemy 2's default; 1.4 opened
        # one per session: measured 0.3 ms per session here). A file needs no liveness ping.
        kwargs.setdefault("poolclass", QueuePool)
        kwargs.setdefault("connect_args", {}).setdefault("check_same_thread", False)
        pre_ping = False
    else:
        pre_ping = True
    engine = create_engine(
        url, pool_pre_ping=pre_ping, hide_parameters=True, future=future, **kwargs
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def safe_url(url: str | URL) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def wait_until_reachable(url: str | URL, wait: float | None = None) -> None:
    """Returns once the database answers; raises `StoreUnavailable` naming DATABASE_URL if it
    has not answered within `wait` seconds (env `DATABASE_CONNECT_WAIT`, default 15)."""
    if wait is None:
        wait = float(os.environ.get("DATABASE_CONNECT_WAIT", DEFAULT_CONNECT_WAIT_SECONDS))
    url = make_url(url)
    engine = make_engine(url, connect_args=_connect_timeout(url))
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                with engine.connect() as connection:
                    connection.execute(text("SELECT 1"))
                return
            except SQLAlchemyError as error:
                if time.monotonic() >= deadline:
                    reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
                    raise StoreUnavailable(
                        f"Cannot reach the database at {safe_url(url)} ({reason}). "
                        "Check DATABASE_URL (unset it to use the built-in SQLite file) "
                        "and that the database server is running."
                    ) from None
                logger.warning("Database not reachable yet; retrying for %.0f s", wait)
                time.sleep(1)
    finally:
        engine.dispose()


def _connect_timeout(url: URL) -> dict:
    return {"connect_timeout": 3} if url.get_backend_name() == "postgresql" else {}
