"""Sends the coach's messages from actions/messages.yml (loaded once per process)."""

import random
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk.executor import CollectingDispatcher

MESSAGES_FILE = Path(__file__).with_name("messages.yml")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, list[dict[str, Any]]]:
    with MESSAGES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def say(dispatcher: CollectingDispatcher, key: str, **values: Any) -> None:
    """Send message `key` with its buttons; `utter_*` names are the domain's own responses."""
    if key.startswith("utter_"):
        dispatcher.utter_message(response=key, **values)
        return
    variant = random.choice(catalogue()[key])
    dispatcher.utter_message(
        text=variant["text"].format_map(values), buttons=variant.get("buttons", [])
    )


def say_not_safe(dispatcher: CollectingDispatcher) -> None:
    """For someone not safe right now: a short word, then the support lines for their region."""
    say(dispatcher, "not_safe_now")
    say(dispatcher, "utter_help_resources")
