"""Shared fixtures: a fresh SQLite progress store per test, and one real running stack."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from stack import MODEL, Stack, free_port  # noqa: E402


@pytest.fixture
def database_url(tmp_path, monkeypatch):
    """Point the coach at a new SQLite file for this test only."""
    from actions.progress_store import get_store

    url = f"sqlite:///{tmp_path / 'coach.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    get_store.cache_clear()
    yield url
    get_store.cache_clear()


@pytest.fixture(scope="session")
def stack_factory(tmp_path_factory):
    """Builds stacks (action server + Rasa) on free ports; stops them all at the end."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make test` (it trains the model first)")
    started = []

    def make(database_url: str | None = None, **env) -> Stack:
        folder = tmp_path_factory.mktemp("stack")
        env = {
            "DATABASE_URL": database_url or f"sqlite:///{folder / 'coach.db'}",
            "RASA_TOKEN": "test-token",
            **env,
        }
        stack = Stack(folder / "logs", rasa_port=free_port(), action_port=free_port(), env=env)
        started.append(stack)
        return stack

    yield make
    for stack in started:
        stack.stop()


@pytest.fixture(scope="session")
def stack(stack_factory):
    """One running coach shared by the conversation tests (each test uses its own sender)."""
    return stack_factory().start()


@pytest.fixture(scope="session")
def services() -> dict[str, str]:
    """PostgreSQL and Redis URLs (scripts/test_services.sh starts them where it can)."""
    done = subprocess.run(
        [str(ROOT / "scripts" / "test_services.sh")], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(done.stderr.strip().splitlines()[-1])
    return dict(line.split("=", 1) for line in done.stdout.split() if "=" in line)


@pytest.fixture(scope="session")
def postgres_url(services):
    """A new PostgreSQL database for this test run, dropped at the end."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = make_url(services["POSTGRES_URL"])
    name = f"coach_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture(scope="session")
def redis_env(services) -> dict[str, str]:
    """Environment for a Redis lock store of this test run only (own key prefix)."""
    return {"REDIS_URL": services["REDIS_URL"], "REDIS_KEY_PREFIX": f"t{uuid.uuid4().hex[:10]}"}


# Every table that holds something of a user: Rasa's tracker events and the coach's own.
STORE_TABLES = ("events", "coach_progress", "coach_step_events", "coach_notes")


def stored_rows(url: str, sender_id: str) -> dict[str, int]:
    """How many rows of `sender_id` each store table holds, read from the database itself."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        counts = {
            table: connection.execute(
                text(f"SELECT count(*) FROM {table} WHERE sender_id = :s"), {"s": sender_id}
            ).scalar()
            for table in STORE_TABLES
        }
    engine.dispose()
    return counts


@pytest.fixture
def sender():
    return f"test-{uuid.uuid4().hex[:12]}"


def texts(replies: list[dict]) -> str:
    """Everything the coach said in one turn, as one string."""
    return "\n".join(r.get("text", "") for r in replies)


def slots(stack: Stack, sender_id: str) -> dict:
    return stack.tracker(sender_id)["slots"]


FIRST_HALF = [
    ("hey", "safe right now"),
    ("yes i am", "what ended"),
    ("we argued constantly about small things and stopped really talking", "want them back"),
    ("i love her and i think we could be good together if we communicate", "pushing you"),
    ("no it's my own choice", "Step 1 of 13"),
    ("done, i muted her chat", "Step 2 of 13"),
    ("i want to be more patient and actually listen", "kept that"),
    ("ok next step", "Step 3 of 13"),
    ("finished that", "Step 4 of 13"),
    ("we fought about chores, we could split them and talk every sunday", "kept that"),
]
SECOND_HALF = [
    ("yes", "Step 4 of 13"),
    ("done", "Step 5 of 13"),
    ("i did it", "Step 6 of 13"),
    ("what should i text her?", "•"),
    ("she replied!", "Step 7 of 13"),
    ("what's next", "Step 8 of 13"),
    ("she said she wants to talk", "Step 9 of 13"),
    ("we set a date for saturday, done", "more patient"),
    ("done", "Step 11 of 13"),
    ("next", "Step 12 of 13"),
    ("i'm done with this step", "Step 13 of 13"),
    ("done", "all 13 steps"),
]


def walk(stack, sender, turns):
    for message, expected in turns:
        reply = texts(stack.say(sender, message))
        assert expected in reply, f"after {message!r} the coach said: {reply!r}"


os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
