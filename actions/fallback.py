"""What the coach says when it doesn't understand: never the same words twice in a row."""

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.messages import say
from actions.navigation import go_to_step
from actions.step_actions import advance
from actions.steps import step_named_in

VARIANTS = ("fallback_1", "fallback_2", "fallback_3")
# "done with this step", "finished that one" (not "i'm done with it all")
_DONE_WITH_THE_STEP = re.compile(
    r"\b(?:done|finished|completed|did)\b.{0,20}\b(?:this|that|the|my) (?:step|one|task)\b"
)


class ActionFallbackReply(Action):
    """Says kindly what the coach can do from here, and keeps the user's place."""

    def name(self) -> str:
        return "action_fallback_reply"

    def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        # "ok what's step 6?" that the model was unsure of still names a step: go there (or
        # refuse gently, as any move does, when coaching is closed)
        text = tracker.latest_message.get("text", "")
        step = step_named_in(text)
        if step:
            return go_to_step(step, "jumped", dispatcher, tracker)
        # "i'm done with this step" that the model was unsure of: the step is done (the same
        # action as "done", so a closed plan is refused as before)
        if _DONE_WITH_THE_STEP.search(text.lower()) and tracker.get_slot("current_step"):
            return advance(dispatcher, tracker, "completed")
        last = tracker.get_slot("last_fallback")
        index = (VARIANTS.index(last) + 1) % len(VARIANTS) if last in VARIANTS else 0
        say(dispatcher, VARIANTS[index])
        return [SlotSet("last_fallback", VARIANTS[index])]
