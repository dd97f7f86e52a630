"""The SQL tracker store keeps recent trackers in memory: what it hands out must always be what
the database holds, whoever wrote it last (another instance, a failed turn, /forget)."""

import asyncio
import json

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from coach.action_validation import slim_events
from coach.tracker_store import UrlSQLTrackerStore
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


@pytest.fixture
def stores(tmp_path, monkeypatch, domain):
    """Two stores on one database file, like two Rasa instances."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'trackers.db'}")
    return UrlSQLTrackerStore(domain=domain), UrlSQLTrackerStore(domain=domain)


def run(coroutine):
    return asyncio.new_event_loop().run_until_complete(coroutine)


def turn(tracker, text, step):
    """What one user turn appends: the message, an action, a slot, the reply, listen."""
    tracker.update(UserUttered(text, {"name": "step_done", "confidence": 0.9}))
    tracker.update(ActionExecuted("action_advance_step"))
    tracker.update(SlotSet("current_step", step))
    tracker.update(BotUttered(f"Step {step} of 13"))
    tracker.update(ActionExecuted("action_listen"))


def stored_events(store, sender):
    """The events as the database holds them (what any instance would read)."""
    with store.session_scope() as session:
        rows = store._event_query(session, sender, fetch_events_from_all_sessions=True).all()
        return [json.loads(row.data) for row in rows]


def new_conversation(store, domain, sender):
    tracker = DialogueStateTracker(sender, domain.slots)
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    run(store.save(tracker))
    return tracker


def after_one_turn(store, domain, sender):
    """A conversation with one saved turn (step 1), the store now remembering its tracker."""
    new_conversation(store, domain, sender)
    tracker = run(store.retrieve(sender))
    turn(tracker, "done", 1)
    run(store.save(tracker))


def test_each_turn_stores_its_events_once_and_a_restart_reads_the_same(stores, domain):
    store, _ = stores
    new_conversation(store, domain, "u1")
    for step in range(1, 5):
        tracker = run(store.retrieve("u1"))
        assert tracker.get_slot("current_step") == (step - 1 or 0)
        turn(tracker, "done", step)
        run(store.save(tracker))
    assert len(stored_events(store, "u1")) == 3 + 4 * 5
    remembered = run(store.retrieve("u1"))  # from memory
    restarted = UrlSQLTrackerStore(domain=domain)  # a new process reads only the database
    again = run(restarted.retrieve("u1"))
    assert again.get_slot("current_step") == remembered.get_slot("current_step") == 4
    assert [e.as_dict() for e in again.events] == [e.as_dict() for e in remembered.events]
    assert [e.as_dict() for e in again.events] == stored_events(store, "u1")[1:]


def test_a_turn_written_by_another_instance_is_seen(stores, domain):
    first, second = stores
    after_one_turn(first, domain, "u2")
    other = run(second.retrieve("u2"))
    turn(other, "next please", 2)
    run(second.save(other))
    back = run(first.retrieve("u2"))
    assert back.get_slot("current_step") == 2
    assert back.latest_message.text == "next please"
    turn(back, "done", 3)
    run(first.save(back))
    texts = [e["text"] for e in stored_events(first, "u2") if e["event"] == "user"]
    assert texts == ["done", "next please", "done"]


def test_a_turn_that_never_saved_leaves_no_trace(stores, domain):
    store, _ = stores
    after_one_turn(store, domain, "u3")
    failed = run(store.retrieve("u3"))
    turn(failed, "this turn fails before it is saved", 2)  # and is never saved
    again = run(store.retrieve("u3"))
    assert again.get_slot("current_step") == 1
    assert again.latest_message.text == "done"


def test_a_forgotten_user_is_not_served_from_memory(stores, domain):
    store, _ = stores
    after_one_turn(store, domain, "u4")
    store.erase("u4")
    assert run(store.retrieve("u4")) is None
    assert stored_events(store, "u4") == []


def test_the_action_server_gets_earlier_turns_without_their_words():
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "my secret", "parse_data": {"intent": {"name": "x"}}},
        {"event": "bot", "text": "Step 1", "data": {"buttons": []}},
        {"event": "slot", "name": "current_step", "value": 1},
        {"event": "user", "text": "done", "parse_data": {"intent": {"name": "step_done"}}},
        {"event": "slot", "name": "requested_step", "value": 2},
    ]
    slim = slim_events(events)
    assert slim[1] == {"event": "user"} and slim[2] == {"event": "bot"}
    assert "my secret" not in json.dumps(slim)
    assert slim[3:] == events[3:]  # slots, the current message and what follows it: whole
