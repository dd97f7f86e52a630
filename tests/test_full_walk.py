"""One user from "hi" to the end of step 13 in free text, with both servers restarted midway."""

import pytest
from conftest import slots, texts

pytestmark = pytest.mark.stack

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


def test_walk_to_step_13_surviving_a_restart_of_both_servers(stack_factory, tmp_path, sender):
    database = f"sqlite:///{tmp_path / 'coach.db'}"
    first = stack_factory(database_url=database).start()
    walk(first, sender, FIRST_HALF)
    assert slots(first, sender)["current_step"] == 4
    first.stop()

    second = stack_factory(database_url=database).start()
    back = texts(second.say(sender, "hi, i'm back"))
    assert "Welcome back" in back and "Step 4 of 13: Think of solutions" in back
    assert slots(second, sender)["current_step"] == 4
    walk(second, sender, SECOND_HALF)
    final = slots(second, sender)
    assert final["current_step"] == 13 and final["safety_concern"] is None


def test_step_10_brings_back_both_notes(stack, sender):
    walk(stack, sender, FIRST_HALF)
    reply = texts(stack.say(sender, "go to step 10"))
    assert "more patient" in reply and "split them" in reply
