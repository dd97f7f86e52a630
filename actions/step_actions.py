"""Actions that move the user through the 13 steps or tell them where they are."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import say
from actions.navigation import current_step, go_to_step, say_if_closed, say_space_day, where_am_i
from actions.progress_store import get_store
from actions.steps import TOTAL_STEPS, step_named_in, step_number_in

DomainDict = dict[str, Any]


def advance(dispatcher: CollectingDispatcher, tracker: Tracker, kind: str) -> list[EventType]:
    """Mark the current step done (or skipped) and show the next one; after 13, the ending."""
    step = current_step(tracker)
    if step >= TOTAL_STEPS:
        get_store().record_event(tracker.sender_id, step, kind)
        say(dispatcher, "forward_together")
        return [SlotSet("pending_question", None)]
    if step > 0 and tracker.get_slot("screened"):
        get_store().record_event(tracker.sender_id, step, kind)
    return go_to_step(step + 1, "entered", dispatcher, tracker)


class ActionShowStep(Action):
    """Shows the user's current step again (or step 1 if they haven't started)."""

    def name(self) -> str:
        return "action_show_step"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        return go_to_step(max(1, current_step(tracker)), "resumed", dispatcher, tracker)


class ActionAdvanceStep(Action):
    """Marks the current step as done and moves the user to the next step."""

    def name(self) -> str:
        return "action_advance_step"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        return advance(dispatcher, tracker, "completed")


class ActionSkipStep(Action):
    """Skips the current step without marking it done."""

    def name(self) -> str:
        return "action_skip_step"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        return advance(dispatcher, tracker, "skipped")


class ActionNotYet(Action):
    """Reassures a user who isn't ready to move on, and keeps them on their step."""

    def name(self) -> str:
        return "action_not_yet"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        say(dispatcher, "not_yet")
        if current_step(tracker) == 1:
            say_space_day(dispatcher, tracker.sender_id)
        return []


class ActionGoBack(Action):
    """Takes the user back one step."""

    def name(self) -> str:
        return "action_go_back"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        step = current_step(tracker)
        if step <= 1:
            say(dispatcher, "already_at_start")
            return go_to_step(1, "resumed", dispatcher, tracker)
        return go_to_step(step - 1, "went_back", dispatcher, tracker)


class ActionGoToStep(Action):
    """Takes the user to the step number they named ("step 5", "the ninth step")."""

    def name(self) -> str:
        return "action_go_to_step"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        step = step_number_in(tracker.latest_message.get("text", ""))
        if step is None:
            say(dispatcher, "ask_which_step")
            return []
        return go_to_step(step, "jumped", dispatcher, tracker)


class ActionStartOver(Action):
    """Starts the plan again from step 1, keeping the user's notes."""

    def name(self) -> str:
        return "action_start_over"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("screened") and not tracker.get_slot("coaching_closed"):
            say(dispatcher, "start_over")
        return go_to_step(1, "restarted", dispatcher, tracker)


class ActionWhereAmI(Action):
    """Tells the user which step they're on, with a progress bar and their day count."""

    def name(self) -> str:
        return "action_where_am_i"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        # "ok what's step 6?" read as "where am i": the user named another step, go there (a
        # closed plan is refused there too)
        named = step_named_in(tracker.latest_message.get("text", ""))
        if named and named != current_step(tracker):
            return go_to_step(named, "jumped", dispatcher, tracker)
        if not say_if_closed(dispatcher, tracker):
            where_am_i(dispatcher, tracker)
        return []
