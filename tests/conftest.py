"""Shared fixtures: a fresh SQLite progress store per test, and one real running stack."""

import os
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


@pytest.fixture
def sender():
    return f"test-{uuid.uuid4().hex[:12]}"


def texts(replies: list[dict]) -> str:
    """Everything the coach said in one turn, as one string."""
    return "\n".join(r.get("text", "") for r in replies)


def slots(stack: Stack, sender_id: str) -> dict:
    return stack.tracker(sender_id)["slots"]


os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
