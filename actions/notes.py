"""The user's own short answers at steps 2 and 4, kept for step 10."""

import re
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import say
from actions.navigation import current_step
from actions.progress_store import get_store

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
        get_store().save_note(tracker.sender_id, current_step(tracker), text)
        say(dispatcher, "note_saved")
        return {"user_note": text[:1000]}
