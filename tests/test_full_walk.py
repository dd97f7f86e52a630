"""One user from "hi" to the end of step 13 in free text, with both servers restarted midway."""

import pytest
from conftest import FIRST_HALF, SECOND_HALF, slots, texts, walk

pytestmark = pytest.mark.stack


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
