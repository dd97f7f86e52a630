"""The user's own short answers at steps 2 and 4, kept for step 10."""

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import say
from actions.navigation import current_step
from actions.progress_store import get_store
from actions.step_actions import advance

# a short "done" ("i'm done with this step", "finished it", "next") and nothing else: not "going
# to the gym more" or "next time i'd listen more", which DIET also read as a step done
_DONE = re.compile(
    r"^\W*(?:(?:ok|okay|yes|yeah|yep|so|right)\W+)?(?:i'?m |i am |im |i'?ve |ive |i have |all |"
    r"just |it'?s |that'?s |let'?s |lets )?(?:done|finished|finish|completed?|did it|did that|"
    r"next|next step|move on|moving on|continue|go on|carry on)\b(?:\W+(?:with |on )?(?:this|"
    r"that|it|the|step|one|\d+|now|already|too|please|pls|plz|lets|let'?s|go|move|on|next|yes|"
    r"yeah|ok|okay)\b)*"
    r"\W*$",
    re.IGNORECASE,
)
_SKIP = re.compile(r"^\W*(skip|pass|later|not now|no|nope|nah|next)\W*$", re.IGNORECASE)


class ValidateNoteForm(FormValidationAction):
    """Keeps the user's answer in the progress store, or lets them skip it."""

    def name(self) -> str:
        return "validate_note_form"

    def validate_user_note(
        self,
        value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: dict[str, Any],
    ) -> dict[str, Any]:
        if value is None:  # the slot was just cleared for a new question: keep asking
            return {"user_note": None}
        text = str(value).strip()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if not text or intent in ("skip_step", "deny", "not_yet") or _SKIP.match(text):
            say(dispatcher, "note_skipped")
            return {"user_note": "skipped"}
        return {"user_note": keep_note(dispatcher, tracker, text)}


def keep_note(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> str:
    get_store().save_note(tracker.sender_id, current_step(tracker), text)
    say(dispatcher, "note_saved")
    return text[:1000]


class ActionDoneAtNote(Action):
    """A step reported done while the step's question is open (the note form has left): with a
    word of "done" the next step opens and no note is kept; otherwise the message was the
    answer ("going to the gym more") and is kept as the note."""

    def name(self) -> str:
        return "action_done_at_note"

    def run(self, dispatcher, tracker: Tracker, domain) -> list[EventType]:
        text = str(tracker.latest_message.get("text") or "").strip()
        if _DONE.search(text) or text.startswith("/"):
            return [SlotSet("user_note", "skipped"), *advance(dispatcher, tracker, "completed")]
        note = keep_note(dispatcher, tracker, text)
        say(dispatcher, "utter_step_checkin")
        return [SlotSet("user_note", note)]
