"""The cached validator for action-server replies accepts and rejects what Rasa's own does."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import coach.tracker_store  # noqa: F401  (installs the cached validator, as in Rasa)
from coach.action_validation import validate_action_result

GOOD = {
    "events": [{"event": "slot", "name": "current_step", "value": 3}],
    "responses": [{"text": "Step 3 of 13"}],
}
BAD = [
    {"events": [{"event": "slot", "name": 3}]},
    {"events": "not a list"},
    {"responses": [42]},
    {"events": [{"event": "no_such_event"}]},
]


def test_rasa_uses_the_cached_validator():
    assert RemoteAction._validate_action_result is validate_action_result


def test_a_valid_reply_passes():
    action = RemoteAction("action_x", None)
    assert action._validate_action_result(GOOD) is True


@pytest.mark.parametrize("reply", BAD)
def test_malformed_replies_are_rejected_like_rasa_does(reply):
    from jsonschema import validate

    with pytest.raises(ValidationError):
        validate(reply, RemoteAction.action_response_format_spec())  # Rasa's own check
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        RemoteAction("action_x", None)._validate_action_result(reply)
