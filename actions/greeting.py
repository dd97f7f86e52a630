"""Greeting: a welcome and screening for new users, their place for returning ones."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.messages import say
from actions.navigation import current_step, where_am_i


class ActionGreet(Action):
    """Welcomes a new user and starts screening, or greets a returning user with their step."""

    def name(self) -> str:
        return "action_greet"

    def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        if tracker.get_slot("coaching_closed"):
            say(dispatcher, "welcome_back_closed")
            return []
        if tracker.get_slot("safety_concern") == "self_harm" and tracker.get_slot("screened"):
            say(dispatcher, "check_safe_first")
            return [SlotSet("pending_question", "safe_check")]
        if current_step(tracker) > 0:
            say(dispatcher, "welcome_back")
            where_am_i(dispatcher, tracker)
            say(dispatcher, "ask_continue")
            return [SlotSet("pending_question", "continue")]
        say(dispatcher, "welcome")
        return []  # the screening form follows (rule), and asks only what is still unanswered
