"""Two Rasa instances, one action server, PostgreSQL for both stores and Redis for the locks."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import FIRST_HALF, SECOND_HALF, STORE_TABLES, slots, stored_rows, texts

from coach.turns import NOT_SAVED_REPLY, TROUBLE_REPLY

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
def pair(stack_factory, postgres_url, redis_env):
    """Instance A (with the action server) and instance B (Rasa only, same action server)."""
    first = stack_factory(database_url=postgres_url, **redis_env).start()
    second = stack_factory(database_url=postgres_url, **redis_env)
    second.action_port = first.action_port
    second.start_rasa()
    return first, second


def test_turns_alternating_between_instances_see_each_others_state(pair, sender):
    turns = [*FIRST_HALF, ("hi, i'm back", "Welcome back"), *SECOND_HALF]
    for number, (message, expected) in enumerate(turns):
        here, there = pair[number % 2], pair[(number + 1) % 2]
        reply = texts(here.say(sender, message))
        assert expected in reply, f"turn {number} ({message!r}) on instance {number % 2}: {reply}"
        assert slots(there, sender)["current_step"] == slots(here, sender)["current_step"]
    assert slots(pair[0], sender)["current_step"] == 13
    # Step 10 recalled the notes written at steps 2 and 4 on the other instance.
    assert "more patient" in texts(pair[1].say(sender, "go to step 10"))


def test_twenty_messages_at_once_are_all_answered_in_one_order(pair, sender):
    pair[0].say(sender, "hi")
    messages = [f"where am i? ({n})" for n in range(20)]

    def send(number: int) -> str:
        return texts(pair[number % 2].say(sender, messages[number], timeout=120))

    with ThreadPoolExecutor(max_workers=20) as pool:
        replies = list(pool.map(send, range(20)))

    assert all(replies), "every message gets an answer"
    assert not [r for r in replies if TROUBLE_REPLY in r or NOT_SAVED_REPLY in r]
    events = pair[1].tracker(sender)["events"]
    said = [e["text"] for e in events if e["event"] == "user"]
    assert sorted(said[1:]) == sorted(messages), "each message stored exactly once"
    # One turn at a time: every user message is followed by the coach's answer and a listen
    # before the next user message starts.
    turn: list[str] = []
    for event in events[1:]:
        if event["event"] == "user":
            assert not turn or turn[-1] == "action_listen", f"turns interleaved: {turn}"
            turn = []
        elif event["event"] == "action":
            turn.append(event["name"])
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(stamps)
    for stack in pair:
        log = (stack.log_dir / "rasa.log").read_text()
        assert "LockError" not in log and "Could not acquire lock" not in log


def test_forget_erases_every_row_of_the_user_in_postgresql(pair, postgres_url, sender):
    for message, _ in FIRST_HALF[:7]:  # up to the note at step 2
        pair[0].say(sender, message)
    before = stored_rows(postgres_url, sender)
    assert before["events"] and before["coach_progress"] and before["coach_notes"]

    assert "delete everything" in texts(pair[1].say(sender, "/forget"))
    assert "deleted" in texts(pair[0].say(sender, "yes")).lower()
    assert stored_rows(postgres_url, sender) == dict.fromkeys(STORE_TABLES, 0)


def test_nul_bytes_and_control_characters_are_stored_cleanly_in_postgresql(pair, sender):
    reply = texts(pair[0].say(sender, "hi\x00 there\x07\x1b[31m"))
    assert reply and NOT_SAVED_REPLY not in reply
    stored = [e["text"] for e in pair[1].tracker(sender)["events"] if e["event"] == "user"]
    assert stored == ["hi  there"]
