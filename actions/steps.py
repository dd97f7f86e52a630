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


def step_number_in(text: str) -> int | None:
    """The step number a user names ("step 5", "the fifth step", "step eleven"), if any."""
    words = re.findall(r"[a-z]+|\d+", (text or "").lower())
    for word in words:
        if word.isdigit() and 1 <= int(word) <= TOTAL_STEPS:
            return int(word)
        if word in _WORDS:
            return _WORDS[word]
    return None
