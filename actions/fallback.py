"""What the coach says when it doesn't understand: never the same words twice in a row."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.messages import say
from actions.navigation import go_to_step
from actions.steps import step_named_in

VARIANTS = ("fallback_1", "fallback_2", "fallback_3")


class ActionFallbackReply(Action):
    """Says kindly what the coach can do from here, and keeps the user's place."""

    def name(self) -> str:
        return "action_fallback_reply"

    def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        # "ok what's step 6?" that the model was unsure of still names a step: go there (or
        # refuse gently, as any move does, when coaching is closed)
        step = step_named_in(tracker.latest_message.get("text", ""))
        if step:
            return go_to_step(step, "jumped", dispatcher, tracker)
        last = tracker.get_slot("last_fallback")
        index = (VARIANTS.index(last) + 1) % len(VARIANTS) if last in VARIANTS else 0
        say(dispatcher, VARIANTS[index])
        return [SlotSet("last_fallback", VARIANTS[index])]
