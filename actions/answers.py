"""A plain "yes" or "no" means whatever the coach asked last (kept in `pending_question`)."""

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet

from actions.messages import say, say_not_safe
from actions.navigation import current_step, go_to_step
from actions.privacy import forget_user
from actions.step_actions import advance
from actions.steps import as_step


class ActionHandleYes(Action):
    """Carries out what the user just agreed to: next step, screening, erasing, continuing."""

    def name(self) -> str:
        return "action_handle_yes"

    def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        pending = tracker.get_slot("pending_question")
        step = current_step(tracker)
        if pending == "forget_confirm":
            return forget_user(dispatcher, tracker)
        if pending == "step_checkin":
            return advance(dispatcher, tracker, "completed")
        if pending == "safe_check":
            # The user says they are safe now: coaching resumes where it was asked for.
            tracker.slots["safety_concern"] = None
            target = as_step(tracker.get_slot("requested_step")) or max(1, step)
            return [
                SlotSet("safety_concern", None),
                *go_to_step(target, "resumed", dispatcher, tracker),
            ]
        if step == 0 and not tracker.get_slot("screened"):
            return [FollowupAction("screening_form")]
        return go_to_step(max(1, step), "resumed", dispatcher, tracker)


class ActionHandleNo(Action):
    """Respects a "no": keeps the user's step, their data, or their pace."""

    def name(self) -> str:
        return "action_handle_no"

    def run(self, dispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        pending = tracker.get_slot("pending_question")
        if pending == "forget_confirm":
            say(dispatcher, "forget_cancelled")
        elif pending == "step_checkin":
            say(dispatcher, "not_yet")
        elif pending == "safe_check":
            say_not_safe(dispatcher)
        else:
            say(dispatcher, "not_now")
        return [SlotSet("pending_question", None)] if pending != "step_checkin" else []
