"""The REST channel (`POST /webhooks/rest/webhook`), strict about what it accepts.

Rasa's stock channel answers a JSON list or a missing body with a 500, puts every sender without
an id into one shared "default" conversation, and logs the user's text when a turn fails. This
one answers bad requests with a 4xx that says what is wrong, and runs turns through
`coach.turns` (cleaned text, held replies, an answer even when a store is down).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from coach.telegram_channel import SENDER_PREFIX
from coach.turns import clean_text, guarded, is_json_request, reply_without_model

MAX_SENDER_CHARS = 128
# Other channels' conversations (Telegram's chat ids are not secret): never reachable over REST.
RESERVED_SENDER_PREFIXES = (SENDER_PREFIX,)
MAX_BODY_BYTES = 1_000_000
USAGE = 'send JSON like {"sender": "some-id", "message": "hi"} with Content-Type: application/json'


def bad_request(reason: str, status: int = 400) -> HTTPResponse:
    return response.json({"error": reason, "usage": USAGE}, status=status)


def parse(request: Request) -> tuple[str, str, dict] | HTTPResponse:
    """(sender, text, metadata) from the request, or the 4xx answer for it."""
    if not is_json_request(request):
        return bad_request("Content-Type must be application/json", status=415)
    if len(request.body) > MAX_BODY_BYTES:
        return bad_request("request body too large", status=413)
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return bad_request("the body is not valid JSON")
    if not isinstance(body, dict):
        return bad_request("the body must be a JSON object")
    sender, text = body.get("sender"), body.get("message")
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        return bad_request(f"'sender' must be a non-empty string of at most {MAX_SENDER_CHARS}")
    if clean_text(sender) != sender:
        return bad_request("'sender' must not contain control characters or spaces at the ends")
    if sender.startswith(RESERVED_SENDER_PREFIXES):
        return bad_request(f"sender ids starting with {RESERVED_SENDER_PREFIXES} are reserved")
    if not isinstance(text, str):
        return bad_request("'message' must be a string")
    metadata = body.get("metadata")
    return sender, clean_text(text), metadata if isinstance(metadata, dict) else {}


class CoachRestInput(RestInput):
    """Same URL and reply format as Rasa's REST channel; see the module's docstring."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("custom_webhook_CoachRestInput", __name__)
        handle = guarded(on_new_message)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            parsed = parse(request)
            if isinstance(parsed, HTTPResponse):
                return parsed
            sender, text, metadata = parsed
            quick = reply_without_model(text)
            if quick:
                return response.json([{"recipient_id": sender, "text": quick}])
            collector = CollectingOutputChannel()
            await handle(
                UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
            )
            return response.json(collector.messages)

        return webhook
