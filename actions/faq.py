"""Answers to the guide's questions that depend on where the user is."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType

from actions.messages import say
from actions.navigation import current_step


class ActionWhatToSay(Action):
    """At step 6 or later, offers a few first messages; earlier, general advice on what to say."""

    def name(self) -> str:
        return "action_what_to_say"

    def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        concern = tracker.get_slot("safety_concern")
        if tracker.get_slot("coaching_closed") or concern == "boundary":
            say(dispatcher, "no_contact_advice")
        elif current_step(tracker) >= 6:
            say(dispatcher, "first_message_ideas")
        else:
            say(dispatcher, "faq_what_to_say")
        return []
