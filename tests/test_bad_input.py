"""Bad input on the REST webhook and the HTTP API: a clear reply or a 4xx, the server stays up,
and what is stored stays intact."""

import json
import urllib.error
import urllib.request

import pytest
from conftest import FIRST_HALF, slots, texts, walk

from coach.turns import EMPTY_REPLY, NOT_ENGLISH_REPLY, TOO_LONG_REPLY

pytestmark = pytest.mark.stack


def post(stack, body: bytes, content_type: str | None = "application/json") -> tuple[int, dict]:
    request = urllib.request.Request(f"{stack.url}/webhooks/rest/webhook", data=body)
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture(scope="module")
def user_at_step_3(stack):
    """A user mid-plan whose stored conversation must survive all the bad input below."""
    sender = "bad-input-witness"
    walk(stack, sender, FIRST_HALF[:8])
    before = stack.tracker(sender)["events"]
    yield sender
    assert stack.tracker(sender)["events"] == before, "bad input changed a stored conversation"
    assert slots(stack, sender)["current_step"] == 3


@pytest.mark.parametrize(
    "message, expected",
    [
        ("", EMPTY_REPLY),
        ("   \n\t  ", EMPTY_REPLY),
        ("\x00\x00", EMPTY_REPLY),
        ("\ud800", EMPTY_REPLY),  # a lone surrogate: not storable
        ("a" * 100_000, TOO_LONG_REPLY),
        ("אני מתגעגע אליה", NOT_ENGLISH_REPLY),
        ("أفتقدها كثيرا", NOT_ENGLISH_REPLY),
        ("我很想她", NOT_ENGLISH_REPLY),
    ],
)
def test_messages_the_coach_cannot_read_get_a_clear_reply_and_are_not_stored(
    stack, user_at_step_3, sender, message, expected
):
    assert texts(stack.say(sender, message)) == expected
    events = stack.tracker(sender)["events"]
    assert not [e for e in events if e["event"] == "user"], "unreadable messages are not stored"


@pytest.mark.parametrize("message", ["😢😢😢", "💔", "¯\\_(ツ)_/¯", "me siento muy triste"])
def test_emoji_and_other_languages_get_a_kind_answer(stack, user_at_step_3, sender, message):
    reply = texts(stack.say(sender, message))
    assert reply.strip()
    assert "trouble" not in reply


def test_control_characters_are_removed_before_the_model_sees_them(stack, sender):
    reply = texts(stack.say(sender, "\x1b[2Jhi\x00\x07"))
    assert "safe right now" in reply  # greeted: the control characters did not hide "hi"
    stored = [e["text"] for e in stack.tracker(sender)["events"] if e["event"] == "user"]
    assert stored == ["hi"]


@pytest.mark.parametrize(
    "body, content_type, status",
    [
        (b'{"sender": "x", "message": ', "application/json", 400),
        (b"\xff\xfe\x00binary\x00", "application/json", 400),
        (b"[1, 2, 3]", "application/json", 400),
        (b'"hi"', "application/json", 400),
        (b"", "application/json", 400),
        (b'{"message": "hi"}', "application/json", 400),
        (b'{"sender": "", "message": "hi"}', "application/json", 400),
        (b'{"sender": {"id": 1}, "message": "hi"}', "application/json", 400),
        (b'{"sender": "x", "message": ["hi"]}', "application/json", 400),
        (b'{"sender": "x", "message": null}', "application/json", 400),
        (json.dumps({"sender": "x" * 500, "message": "hi"}).encode(), "application/json", 400),
        (b'{"sender": "tg-424242", "message": "where am i?"}', "application/json", 400),
        (b'{"sender": "x", "message": "hi"}', "text/plain", 415),
        (b"sender=x&message=hi", "application/x-www-form-urlencoded", 415),
        (b'{"sender": "x", "message": "hi"}', None, 415),
    ],
)
def test_malformed_requests_get_a_4xx_that_says_why(
    stack, user_at_step_3, body, content_type, status
):
    code, answer = post(stack, body, content_type)
    assert code == status
    assert answer["error"] and "sender" in answer["usage"]


def test_the_server_still_chats_after_bad_input(stack, user_at_step_3, sender):
    assert post(stack, b"\x00" * 10_000)[0] == 400
    with urllib.request.urlopen(f"{stack.url}/webhooks/rest/", timeout=10) as response:
        assert response.status == 200
    assert "safe right now" in texts(stack.say(sender, "hi"))


def test_numeric_sender_ids_work(stack):
    code, replies = post(stack, json.dumps({"sender": 424242, "message": "hi"}).encode())
    assert code == 200 and "safe right now" in texts(replies)


@pytest.mark.parametrize("suffix", ["", "?token=wrong"])
def test_tracker_api_refuses_without_the_token(stack, user_at_step_3, suffix):
    for sender in (user_at_step_3, "someone-who-never-wrote"):
        url = f"{stack.url}/conversations/{sender}/tracker{suffix}"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=10)
        assert refused.value.code == 401
        assert b"events" not in refused.value.read()
