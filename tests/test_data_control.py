"""The user's data: old conversations are purged, and logs never hold what users wrote."""

import subprocess
import sys

import pytest
from conftest import FIRST_HALF, ROOT, STORE_TABLES, stored_rows, texts, walk
from sqlalchemy import create_engine, text

pytestmark = pytest.mark.stack

# The column that says when each of the STORE_TABLES rows was written.
TOUCHED_AT = {
    "events": "timestamp",
    "coach_progress": "updated_at",
    "coach_step_events": "at",
    "coach_notes": "at",
}


def back_date(url: str, sender: str, days: int) -> None:
    """Make every stored row of `sender` look `days` older (SQLite)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        for table, column in TOUCHED_AT.items():
            older = (
                f"{column} - {days * 86400}"
                if table == "events"
                else f"datetime({column}, '-{days} days')"
            )
            connection.execute(
                text(f"UPDATE {table} SET {column} = {older} WHERE sender_id = :s"), {"s": sender}
            )
    engine.dispose()


def purge(url: str, days: str) -> str:
    """`make purge`'s script, as an operator runs it."""
    env = {"DATABASE_URL": url, "RETENTION_DAYS": days, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "purge.py")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_make_purge_removes_only_conversations_older_than_retention_days(stack):
    url = stack.env["DATABASE_URL"]
    old, older_than_30, fresh = "purge-100-days", "purge-40-days", "purge-fresh"
    for sender in (old, older_than_30, fresh):
        walk(stack, sender, FIRST_HALF[:7])  # step 2, with a note
    back_date(url, old, 100)
    back_date(url, older_than_30, 40)

    assert "Removed 1 conversation" in purge(url, "")  # default: 90 days
    assert stored_rows(url, old) == dict.fromkeys(STORE_TABLES, 0)
    assert all(stored_rows(url, older_than_30).values()) and all(stored_rows(url, fresh).values())

    assert "Removed 1 conversation" in purge(url, "30")
    assert stored_rows(url, older_than_30) == dict.fromkeys(STORE_TABLES, 0)
    assert "Step 2 of 13" in texts(stack.say(fresh, "where am i?"))
    assert "safe right now" in texts(stack.say(old, "hi"))  # a purged user starts afresh


def test_retention_days_must_be_a_positive_number(tmp_path):
    with pytest.raises(subprocess.CalledProcessError) as refused:
        purge(f"sqlite:///{tmp_path / 'x.db'}", "0")
    assert "RETENTION_DAYS" in refused.value.stderr


def test_logs_never_contain_what_users_wrote(stack):
    secret = "quokka-marmalade"
    sender = "log-privacy"
    for message in (
        f"hi {secret}",
        "yes",
        f"we split because of {secret} and distance",
        f"i want her back because {secret}",
        "no my own choice",
        "done",
        f"my note is {secret}",
        f"{secret} {secret} asdf qwerty",
        f"he hits me {secret}",
    ):
        assert texts(stack.say(sender, message))
    for log in stack.log_dir.glob("*.log"):
        assert secret not in log.read_text(errors="replace"), f"{log.name} holds a user's words"
