"""The user's own short answers at steps 2 and 4, kept for step 10."""

import re
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import say
from actions.navigation import current_step
from actions.progress_store import get_store

_SKIP = re.compile(r"^\W*(skip|pass|later|not now|no|nope|nah|next)\W*$", re.IGNORECASE)


def says_done(tracker: Tracker) -> bool:
    """A short "done" ("i'm done with this step") in answer to the note question: the user
    finished the step and wants the next one, it is no answer to keep."""
    message = tracker.latest_message
    intent = (message.get("intent") or {}).get("name")
    return intent == "step_done" and len(str(message.get("text") or "").split()) <= 7


class ValidateNoteForm(FormValidationAction):
    """Keeps the user's answer in the progress store, or lets them skip it."""

    def name(self) -> str:
        return "validate_note_form"

    async def run(self, dispatcher, tracker: Tracker, domain) -> list[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        if tracker.get_slot("requested_slot") == "user_note" and says_done(tracker):
            events.append(FollowupAction("action_advance_step"))  # the note is skipped
        return events

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
        if says_done(tracker):
            return {"user_note": "skipped"}  # the next step opens (run)
        if not text or intent in ("skip_step", "deny", "not_yet") or _SKIP.match(text):
            say(dispatcher, "note_skipped")
            return {"user_note": "skipped"}
        get_store().save_note(tracker.sender_id, current_step(tracker), text)
        say(dispatcher, "note_saved")
        return {"user_note": text[:1000]}
