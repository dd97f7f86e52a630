"""Moving a user between steps: the checks that may stop a move, the store, and what is said."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import say
from actions.progress_store import get_store
from actions.steps import (
    CONTACT_STEPS,
    NOTE_STEPS,
    STEP_TITLES,
    TOTAL_STEPS,
    as_step,
    progress_bar,
)

CHECKINS = {6: "step_6_checkin", 8: "step_8_checkin"}


def current_step(tracker: Tracker) -> int:
    return as_step(tracker.get_slot("current_step"))


def blocked(
    step: int, dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[EventType] | None:
    """Say why the user can't go to `step` now and return the events to apply, or None if free."""
    concern = tracker.get_slot("safety_concern")
    if say_if_closed(dispatcher, tracker):
        return [SlotSet("pending_question", None)]
    if concern == "self_harm":
        say(dispatcher, "check_safe_first")
        return [SlotSet("pending_question", "safe_check"), SlotSet("requested_step", step)]
    if not tracker.get_slot("screened"):
        if not any(event.get("event") == "bot" for event in tracker.events):
            say(dispatcher, "welcome")  # first contact: who the coach is comes first
        if step > 1:
            say(dispatcher, "finish_screening_first")
        return [SlotSet("requested_step", step), FollowupAction("screening_form")]
    if concern == "boundary" and step in CONTACT_STEPS:
        say(dispatcher, "contact_steps_closed_boundary")
        return [SlotSet("pending_question", None)]
    return None


def go_to_step(
    step: int, kind: str, dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[EventType]:
    """Move the user to `step` (1..13) if nothing stops it, record it, and show the step."""
    step = max(1, min(TOTAL_STEPS, step))
    stop = blocked(step, dispatcher, tracker)
    if stop is not None:
        return stop
    store = get_store()
    store.record_step(tracker.sender_id, step, kind)
    if step == 5 and tracker.get_slot("self_work_first"):
        say(dispatcher, "loneliness_check")
    say(dispatcher, f"step_{step}")
    events: list[EventType] = [
        SlotSet("current_step", step),
        SlotSet("pending_question", "step_checkin"),
        SlotSet("requested_step", None),
    ]
    if step == 10 or step in NOTE_STEPS:
        notes = store.progress(tracker.sender_id).notes
        if step == 10:
            recall_notes(dispatcher, notes)
        elif step not in notes:  # ask the step's question once; a resumed step just checks in
            return [*events, SlotSet("user_note", None), FollowupAction("note_form")]
    say(dispatcher, CHECKINS.get(step, "utter_step_checkin"))
    return events


def recall_notes(dispatcher: CollectingDispatcher, notes: dict[int, str]) -> None:
    """Bring back what the user wrote at steps 2 and 4 when they prepare the honest talk."""
    if 2 in notes:
        say(dispatcher, "recall_improvement", improvement=notes[2])
    if 4 in notes:
        say(dispatcher, "recall_solutions", solutions=notes[4])


def say_if_closed(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """For a user whose coaching is closed (abuse, repeated infidelity): say so gently."""
    if not tracker.get_slot("coaching_closed"):
        return False
    concern = tracker.get_slot("safety_concern")
    say(dispatcher, f"steps_closed_{'infidelity' if concern == 'repeated_infidelity' else 'abuse'}")
    return True


def where_am_i(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Tell the user their step, a text progress bar and the day of their space period."""
    step = current_step(tracker)
    if step == 0:
        say(dispatcher, "where_am_i_start")
        return
    bar = f"{progress_bar(step)} {step}/{TOTAL_STEPS}"
    say(dispatcher, "where_am_i", step=step, title=STEP_TITLES[step], bar=bar)
    if step <= 6:  # the space count matters until they reach out
        say_space_day(dispatcher, tracker.sender_id)


def say_space_day(dispatcher: CollectingDispatcher, sender_id: str) -> None:
    """ "Day N of giving them space", once the space period has begun."""
    day = get_store().progress(sender_id).space_day()
    if day is not None:
        say(dispatcher, "space_day", day=day)
