"""The guide's branches: what the ex answered, and moving on."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.messages import say
from actions.navigation import current_step, go_to_step
from actions.progress_store import get_store


class ActionExReplied(Action):
    """The ex answered (or reached out first): on to keeping the conversation going (step 7)."""

    def name(self) -> str:
        return "action_ex_replied"

    def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        step = current_step(tracker)
        if step >= 7:
            say(dispatcher, "glad_they_replied")
            return []
        if step >= 1:
            get_store().record_event(tracker.sender_id, step, "ex_replied")
        return go_to_step(7, "entered", dispatcher, tracker)


class ActionExNoReply(Action):
    """No answer to the first message: stop messaging, give it time, offer moving on."""

    def name(self) -> str:
        return "action_ex_no_reply"

    def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        step = current_step(tracker)
        if step >= 1:
            get_store().record_event(tracker.sender_id, step, "no_reply")
        say(dispatcher, "no_reply")
        return [SlotSet("pending_question", None)]


class ActionExWantsToTalk(Action):
    """The ex is open to talking: plan a calm first meeting (step 9)."""

    def name(self) -> str:
        return "action_ex_wants_to_talk"

    def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        step = current_step(tracker)
        if step >= 9:
            say(dispatcher, "glad_they_replied")
            return []
        if step >= 1:
            get_store().record_event(tracker.sender_id, step, "ex_wants_to_talk")
        return go_to_step(9, "entered", dispatcher, tracker)


class ActionExNotInterested(Action):
    """The ex said no: respect it and turn to moving on alone."""

    def name(self) -> str:
        return "action_ex_not_interested"

    def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        step = current_step(tracker)
        if step >= 1:
            get_store().record_event(tracker.sender_id, step, "not_interested")
        say(dispatcher, "ex_not_interested")
        say(dispatcher, "move_on")
        return [SlotSet("pending_question", None)]


class ActionMoveOn(Action):
    """Gives moving-on support when the user wants to let go."""

    def name(self) -> str:
        return "action_move_on"

    def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        step = current_step(tracker)
        if step >= 1:
            get_store().record_event(tracker.sender_id, step, "moving_on")
        say(dispatcher, "move_on")
        return [SlotSet("pending_question", None)]
