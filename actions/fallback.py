"""What the coach says when it doesn't understand: never the same words twice in a row."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.messages import say

VARIANTS = ("fallback_1", "fallback_2", "fallback_3")


class ActionFallbackReply(Action):
    """Says kindly what the coach can do from here, and keeps the user's place."""

    def name(self) -> str:
        return "action_fallback_reply"

    def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        last = tracker.get_slot("last_fallback")
        index = (VARIANTS.index(last) + 1) % len(VARIANTS) if last in VARIANTS else 0
        say(dispatcher, VARIANTS[index])
        return [SlotSet("last_fallback", VARIANTS[index])]
