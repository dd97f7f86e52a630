"""Deletes conversations nobody has touched for RETENTION_DAYS days (default 90).

A conversation is one sender id: its tracker events and its progress rows (steps, notes) go
together, and only when none of them is newer than the cut-off. `make purge` runs this against
DATABASE_URL; run it daily (cron, or a Kubernetes CronJob, see deploy/README.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from sqlalchemy import Table, column, delete, exists, func, inspect, select, table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actions.progress_store import Note, StepEvent, UserProgress  # noqa: E402
from coach.database import database_url, make_engine, safe_url  # noqa: E402

DEFAULT_RETENTION_DAYS = 90
# Rasa's tracker store table: timestamps are seconds since the epoch.
EVENTS = table("events", column("sender_id"), column("timestamp"))
# The coach's own tables and the column that says when each row was last touched.
PROGRESS = [(UserProgress, "updated_at"), (StepEvent, "at"), (Note, "at")]


def retention_days(value: str | None = None) -> int:
    raw = value if value is not None else os.environ.get("RETENTION_DAYS", "")
    days = int(raw) if raw.strip() else DEFAULT_RETENTION_DAYS
    if days < 1:
        raise SystemExit(f"RETENTION_DAYS must be a whole number of days >= 1, not {raw!r}")
    return days


def stale_senders(connection, tables: set[str], cutoff: dt.datetime) -> set[str]:
    """Senders with rows somewhere and no row newer than `cutoff` anywhere."""
    seen: set[str] = set()
    recent: set[str] = set()
    sources = [(EVENTS, EVENTS.c.timestamp, cutoff.replace(tzinfo=dt.timezone.utc).timestamp())]
    sources += [(m.__table__, getattr(m, c), cutoff.replace(tzinfo=None)) for m, c in PROGRESS]
    for source, when, limit in sources:
        if source.name not in tables:
            continue
        rows = connection.execute(
            select(source.c.sender_id, func.max(when)).group_by(source.c.sender_id)
        )
        for sender, latest in rows:
            seen.add(sender)
            if latest is not None and latest >= limit:
                recent.add(sender)
    return seen - recent


def still_stale(target: Table, tables: set[str], cutoff: dt.datetime) -> list:
    """Conditions re-checked in each DELETE: the sender has had no turn and no progress since
    `cutoff`, so a user who comes back while the purge runs keeps everything."""
    events = EVENTS.alias("recent_events")
    progress = UserProgress.__table__.alias("recent_progress")
    conditions = []
    if EVENTS.name in tables:
        since = cutoff.replace(tzinfo=dt.timezone.utc).timestamp()
        conditions.append(
            ~exists().where(events.c.sender_id == target.c.sender_id, events.c.timestamp >= since)
        )
    if UserProgress.__tablename__ in tables:
        conditions.append(
            ~exists().where(
                progress.c.sender_id == target.c.sender_id,
                progress.c.updated_at >= cutoff.replace(tzinfo=None),
            )
        )
    return conditions


def purge(url: str, days: int, now: dt.datetime | None = None, dry_run: bool = False) -> int:
    """Deletes every stale conversation; returns how many senders were removed."""
    cutoff = (now or dt.datetime.now(dt.timezone.utc)) - dt.timedelta(days=days)
    engine = make_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
        with engine.begin() as connection:
            stale = sorted(stale_senders(connection, tables, cutoff))
            if dry_run:
                return len(stale)
            targets: list[Table] = [m.__table__ for m, _ in reversed(PROGRESS)] + [EVENTS]
            for start in range(0, len(stale), 500):
                chunk = stale[start : start + 500]
                for target in targets:
                    if target.name in tables:
                        connection.execute(
                            delete(target).where(
                                target.c.sender_id.in_(chunk),
                                *still_stale(target, tables, cutoff),
                            )
                        )
        return len(stale)
    finally:
        engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", help="override RETENTION_DAYS")
    parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    args = parser.parse_args()
    days = retention_days(args.days)
    url = database_url()
    removed = purge(url, days, dry_run=args.dry_run)
    verb = "Would remove" if args.dry_run else "Removed"
    print(f"{verb} {removed} conversation(s) untouched for {days}+ days from {safe_url(url)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
