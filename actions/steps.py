"""The 13 steps of the plan: names, which ones mean contact, and how progress is drawn."""

import re

TOTAL_STEPS = 13

STEP_TITLES = {
    1: "Give them space",
    2: "Work on yourself",
    3: "Stay active",
    4: "Think of solutions",
    5: "Let them see you're doing well",
    6: "Initiate contact",
    7: "Keep the conversation going",
    8: "Tell them how you feel",
    9: "Set a date",
    10: "Address the issue",
    11: "Keep your expectations at bay",
    12: "Avoid physical intimacy",
    13: "End on a positive note",
}

# Steps that mean reaching out to the ex: closed when they asked for no contact.
CONTACT_STEPS = range(5, TOTAL_STEPS + 1)
# Steps whose task is a short answer the coach keeps (and brings back at step 10).
NOTE_STEPS = (2, 4)

_WORDS = {
    "one": 1,
    "first": 1,
    "two": 2,
    "second": 2,
    "three": 3,
    "third": 3,
    "four": 4,
    "fourth": 4,
    "five": 5,
    "fifth": 5,
    "six": 6,
    "sixth": 6,
    "seven": 7,
    "seventh": 7,
    "eight": 8,
    "eighth": 8,
    "nine": 9,
    "ninth": 9,
    "ten": 10,
    "tenth": 10,
    "eleven": 11,
    "eleventh": 11,
    "twelve": 12,
    "twelfth": 12,
    "thirteen": 13,
    "thirteenth": 13,
    "last": 13,
    "final": 13,
}


def as_step(value: object) -> int:
    """The slot value as a step number (0 before step 1); tolerant of floats and strings."""
    try:
        return max(0, min(TOTAL_STEPS, int(float(value))))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


def progress_bar(step: int) -> str:
    """A small text bar such as ●●●●●●○○○○○○○ for step 6."""
    return "●" * step + "○" * (TOTAL_STEPS - step)


# A step named by what it is about ("the texting step", "the one about meeting up"), tried in
# this order when no number is given
_TOPICS = (
    (12, r"physical|intima|sex|sleep with|hook ?up"),
    (11, r"expectation"),
    (13, r"positive note|end(?:ing)? on|last one"),
    (10, r"the issue|what went wrong|address|the problems? (?:talk|one|step)|big talk"),
    (9, r"\bdate\b|meet(?:ing)? up|in person"),
    (8, r"how i feel|feelings|tell (?:him|her|them) how"),
    (7, r"conversation going|keep(?:ing)? (?:the )?(?:convo|conversation|chat|talking)|convos"),
    (1, r"no contact|no-contact|space\b"),
    (
        6,
        r"initiat|first (?:message|text)|reach(?:ing)? out|texting|message (?:him|her|them) first"
        r"|contact (?:one|step|part)|the contact\b|making contact",
    ),
    (5, r"doing well|social media|insta|seeing me happy"),
    (4, r"solution"),
    (3, r"active|gym|exercis|hobb"),
    (2, r"work(?:ing)? on (?:yourself|myself|me)\b|self ?work|self-improvement|improv"),
)


def step_number_in(text: str) -> int | None:
    """The step number a user names ("step 5", "the fifth step", "step eleven", "the texting
    step"), if any."""
    low = (text or "").lower()
    words = re.findall(r"[a-z]+|\d+", low)
    if digit := next((step for w in words if w.isdigit() and (step := _number(w))), None):
        return digit
    if named := step_named_in(low):
        return named
    for step, pattern in _TOPICS:
        if re.search(pattern, low):
            return step
    # a number word on its own ("step eleven" is named above; "the solutions one" is a topic)
    return next((_WORDS[w] for w in words if w in _WORDS and w != "one"), None)


_STEP_THEN_NUMBER = re.compile(r"\bstep\s*(?:number\s*|no\.?\s*|#\s*)?(\d{1,2}|[a-z]+)\b")
# "the 9th step", "my first step" (not "one step at a time", "a 12 step program")
_NUMBER_THEN_STEP = re.compile(
    r"\b(?:the|my|this|that) (?:(\d{1,2})(?:st|nd|rd|th)?|([a-z]+)) step\b"
)


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word) if 1 <= int(word) <= TOTAL_STEPS else None
    return _WORDS.get(word)


def step_named_in(text: str) -> int | None:
    """A step number named together with the word "step" ("ok what's step 6?", "the 9th step"):
    clear enough to act on even when the intent was not understood. ("I cried for 3 days" names
    no step.)"""
    low = (text or "").lower()
    for pattern in (_STEP_THEN_NUMBER, _NUMBER_THEN_STEP):
        for match in pattern.finditer(low):
            if step := _number(next(group for group in match.groups() if group)):
                return step
    return None
