"""Screening: is trying again safe and healthy? Four questions, then step 1."""

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import say, say_not_safe
from actions.navigation import go_to_step
from actions.steps import as_step

DomainDict = dict[str, Any]

_YES = re.compile(r"\b(yes|yeah|yep|yup|ya|yea|sure|ok|okay|fine|i am|i'm ok|safe|of course)\b")
# "ok let's start" agrees to go on: it is no answer to "is anyone pushing you?"
_PLAIN_YES = re.compile(r"\b(yes|yeah|yep|yup|yea|of course|someone is)\b")
_NO = re.compile(r"\b(no|nope|nah|not|never|don't|dont|isn't|no one|nobody|noone)\b")
# Safety that holds only some of the time or until something happens: no plain yes to "are you
# safe right now?", even beside "i'm safe" ("safe for now", "depends on his mood")
_CONDITIONAL = re.compile(
    r"\b(depends|depending|sometimes|some days|not always|most of the time|for now|until|till|"
    r"when (?:he'?s|she'?s|they'?re|he|she|they)|if (?:he|she|they))\b"
)
# hedges that count only when the answer says nothing of being safe ("mostly i think", not
# "yeah i'm safe, just kinda heartbroken")
_HEDGED = re.compile(
    r"\b(mostly|kinda|kind of|sort of|sorta|maybe|i guess|think so|i think|hope so|"
    r"hopefully|not sure|unsure|idk|dunno|don'?t know|no idea)\b"
)
_SAYS_SAFE = re.compile(r"\bsafe\b")
_NOT_SAFE = re.compile(r"\b(not safe|unsafe|scared|afraid|terrified|frightened)\b")
_NOT_AFRAID = re.compile(
    r"\b(not|never|n'?t|no longer) (?:\w+ )?(scared|afraid|terrified|frightened)\b"
)


def fears_for_safety(text: str) -> bool:
    """ "i'm scared until he leaves", "not safe": a no, whatever words of yes are in it."""
    return bool(_NOT_SAFE.search(text)) and not _NOT_AFRAID.search(text)


def unsure_of_safety(text: str) -> bool:
    """An answer to "are you safe right now?" that holds only under a condition or is hedged
    (asked after `fears_for_safety`: fear makes it a no)."""
    return bool(_CONDITIONAL.search(text) or (_HEDGED.search(text) and not _SAYS_SAFE.search(text)))


_LONELY = re.compile(
    r"\b(lonely|loneliness|alone|on my own|by myself|no one else|nobody else|empty|single|"
    r"can't be without|cant be without|scared to be|afraid to be|fear of being|never find)"
)


def yes_or_no(tracker: Tracker, text: str, yes: re.Pattern = _YES) -> bool | None:
    """Read a yes/no answer from the intent, or from the words when the intent is unclear."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    low = (text or "").lower()
    said_no, said_yes = bool(_NO.search(low)), bool(yes.search(low))
    if said_no != said_yes:
        return said_yes
    return None


class ValidateScreeningForm(FormValidationAction):
    """Checks the screening answers and reacts kindly to unsafe or unhealthy ones."""

    def name(self) -> str:
        return "validate_screening_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        # Screening runs after every greeting; it asks only those who still need it.
        if tracker.slots.get("screened") or tracker.slots.get("coaching_closed"):
            return []
        # Someone who isn't safe gets help, not more questions: the form ends here.
        if tracker.slots.get("feels_safe") is False:
            return ["feels_safe"]
        return domain_slots

    def _yes_no(self, value: Any, dispatcher, tracker: Tracker, yes=_YES) -> bool | None:
        """The answer to a yes/no question, or None after asking for a plain yes or no."""
        answer = value if isinstance(value, bool) else yes_or_no(tracker, str(value), yes)
        if answer is None:
            say(dispatcher, "ask_yes_or_no")
        return answer

    def validate_feels_safe(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(tracker.latest_message.get("text") or "").strip().lower()
        typed = not text.startswith("/")  # not a button's payload
        if typed and fears_for_safety(text):
            safe = False
        elif typed and unsure_of_safety(text) and yes_or_no(tracker, text) is not False:
            # safety that depends on a mood or holds "for now" is no plain yes: the support
            # lines first, then the question again (a plain no keeps its own reply below)
            say(dispatcher, "unsure_safe")
            say(dispatcher, "utter_help_resources")
            return {"feels_safe": None}
        else:
            safe = self._yes_no(value, dispatcher, tracker)
        if safe is False:
            say_not_safe(dispatcher)
        return {"feels_safe": safe}

    def validate_breakup_reason(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        return {"breakup_reason": text[:500] or "not given"}

    def validate_why_back(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value or "").strip()
        lonely = bool(_LONELY.search(text.lower()))
        if lonely:
            say(dispatcher, "loneliness_note")
        return {"why_back": text[:500] or "not given", "self_work_first": lonely}

    def validate_pressured(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        pushed = self._yes_no(value, dispatcher, tracker, yes=_PLAIN_YES)
        if pushed:
            say(dispatcher, "your_decision")
        return {"pressured": pushed}


class ActionFinishScreening(Action):
    """Ends screening: says what it means, then opens step 1 (or the step the user asked for)."""

    def name(self) -> str:
        return "action_finish_screening"

    def run(self, dispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("screened") or tracker.get_slot("coaching_closed"):
            return []
        if tracker.get_slot("feels_safe") is not True:
            # Stopped early because the user isn't safe: ask again next time they come.
            return [SlotSet("feels_safe", None)]
        say(dispatcher, "screening_passed")
        tracker.slots["screened"] = True
        target = as_step(tracker.get_slot("requested_step")) or 1
        return [SlotSet("screened", True), *go_to_step(target, "entered", dispatcher, tracker)]
