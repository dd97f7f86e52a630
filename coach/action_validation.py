"""How Rasa talks to the action server: a slimmer request, and replies checked with a
JSON-schema validator built once, not per reply.

The request: Rasa 3.6.21 sends every event of the session in full, so each call grows with the
conversation (a user at step 10 has ~150 events, most of them the NLU results of earlier
messages). The coach's actions read the slots, the latest message and the current turn, and
only the kinds of earlier events (was anything said yet; which slots changed since the user
spoke, for forms). Events before the latest user message keep their kind, name and value;
their texts, NLU results and button data are left out.

The reply check:

Rasa 3.6.21 calls `jsonschema.validate` on every custom-action reply, and that first checks the
large, constant events schema against the JSON-Schema meta-schema. Measured with
scripts/bench_profile.py: 26-30 ms of a 56 ms coach turn (1.8 action calls per turn). The same
check with a validator built once costs well under a millisecond, and rejects exactly the same
replies with the same message. Installed when Rasa loads the tracker store (coach.tracker_store).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@cache
def _validator() -> Any:
    spec = RemoteAction.action_response_format_spec()
    return validators.validator_for(spec)(spec)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """Drop-in for `RemoteAction._validate_action_result`."""
    error = best_match(_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


# What an earlier turn's event keeps in the request: enough to know what happened, not what was
# said. (Slot and action events are small and are sent whole.)
_KEPT_OF_EARLIER = {
    "user": ("event", "timestamp"),
    "bot": ("event", "timestamp"),
}


def slim_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`events` with those before the latest user message reduced to their kind (see above)."""
    latest_user = max(
        (index for index, event in enumerate(events) if event.get("event") == "user"), default=0
    )
    slim = []
    for index, event in enumerate(events):
        kept = _KEPT_OF_EARLIER.get(event.get("event")) if index < latest_user else None
        slim.append({key: event[key] for key in kept if key in event} if kept else event)
    return slim


_stock_call_format = RemoteAction._action_call_format


def slim_action_call_format(self: RemoteAction, tracker: Any, domain: Any) -> dict[str, Any]:
    """Drop-in for `RemoteAction._action_call_format`: the same request with `slim_events`."""
    request = _stock_call_format(self, tracker, domain)
    request["tracker"]["events"] = slim_events(request["tracker"]["events"])
    return request


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
    RemoteAction._action_call_format = slim_action_call_format
