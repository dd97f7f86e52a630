"""The user's control of their data: `/forget` asks once, then erases everything about them."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.messages import say
from actions.progress_store import get_store
from coach.database import ERASE_SLOT


def forget_user(dispatcher, tracker: Tracker) -> list[EventType]:
    """Erase the user's progress and notes now, and their conversation as this turn is saved."""
    get_store().forget(tracker.sender_id)
    say(dispatcher, "forgotten")
    return [SlotSet(ERASE_SLOT, True)]


class ActionAskForget(Action):
    """Asks the user to confirm before erasing their conversation, progress and notes."""

    def name(self) -> str:
        return "action_ask_forget"

    def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        say(dispatcher, "ask_forget")
        return [SlotSet("pending_question", "forget_confirm")]
