"""The widget's socket.io channel without a browser: origins, session ids, odd events."""

import threading

import pytest
import socketio

pytestmark = pytest.mark.stack

PAGE = "http://localhost:8080"


@pytest.fixture(scope="module")
def rasa(stack_factory):
    return stack_factory(CORS_ORIGINS=PAGE).start()


def connect(stack, origin=PAGE):
    client = socketio.Client(reconnection=False)
    replies, confirmed = [], threading.Event()
    client.on("bot_uttered", lambda data: replies.append(data))
    client.on("session_confirm", lambda sid: (replies.append({"session": sid}), confirmed.set()))
    client.connect(
        stack.url, headers={"Origin": origin}, transports=["polling"], socketio_path="/socket.io"
    )
    return client, replies, confirmed


def wait_for_reply(client, replies, words: str) -> bool:
    """Wait up to 10 s for a bot message containing `words`."""
    for _ in range(100):
        if any(words in (r.get("text") or "") for r in replies):
            return True
        client.sleep(0.1)
    return False


def test_a_page_from_another_origin_cannot_open_the_socket(rasa):
    with pytest.raises(socketio.exceptions.ConnectionError):
        connect(rasa, origin="http://evil.example")


def test_a_made_up_session_id_is_replaced_by_an_unguessable_one(rasa):
    client, replies, confirmed = connect(rasa)
    try:
        client.emit("session_request", {"session_id": "victim"})
        assert confirmed.wait(10)
        session = replies[0]["session"]
        assert session != "victim" and len(session) == 32
        client.emit("user_uttered", {"message": "hi", "session_id": session})
        assert wait_for_reply(client, replies, "safe right now")
    finally:
        client.eio.disconnect(abort=True)  # no wait for the long poll to end


@pytest.mark.parametrize(
    "payload",
    [
        None,
        "just a string",
        {"message": 42},
        {"no": "message"},
        {"message": "hi", "session_id": "../../etc"},
    ],
)
def test_odd_events_are_ignored_and_the_channel_stays_up(rasa, payload):
    client, replies, confirmed = connect(rasa)
    try:
        client.emit("user_uttered", payload)
        client.sleep(0.5)
        assert not [r for r in replies if "text" in r]
        client.emit("session_request", None)
        assert confirmed.wait(10)
    finally:
        client.eio.disconnect(abort=True)  # no wait for the long poll to end


@pytest.mark.parametrize(
    "message, answer",
    [("x" * 100_000, "too long"), ("", "didn't get any words"), ("\x00 \x07", "didn't get any")],
)
def test_a_message_the_coach_cannot_read_gets_a_kind_answer(rasa, message, answer):
    client, replies, confirmed = connect(rasa)
    try:
        client.emit("session_request", {})
        assert confirmed.wait(10)
        client.emit("user_uttered", {"message": message, "session_id": replies[0]["session"]})
        assert wait_for_reply(client, replies, answer)
    finally:
        client.eio.disconnect(abort=True)  # no wait for the long poll to end
