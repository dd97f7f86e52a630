"""Socket.IO channel for the web widget, fixing what Rasa 3.6.21's stock channel gets wrong.

- With `session_persistence`, the stock channel calls `sio.enter_room` without awaiting it, so
  the bot's replies never reach the page; here it is awaited.
- The stock channel lets any origin in (`cors_allowed_origins=[]` means "all" to
  python-socketio); here origins come from `CORS_ORIGINS` (default: the local widget page).
- A session id the page did not get from us (not 32 hex characters) is replaced with a fresh,
  unguessable one, so nobody can join someone else's conversation by naming a short id.
- Malformed events (not an object, no text, huge text) are answered or dropped without errors;
  turns go through `coach.turns` (cleaned text, held replies, an answer when a store is down).
"""

from __future__ import annotations

import json
import logging
import os
import re
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from socketio import AsyncServer

from coach.turns import clean_text, guarded, reply_without_model

logger = logging.getLogger(__name__)

SESSION_ID = re.compile(r"^[0-9a-f]{32}$")
DEFAULT_ORIGINS = "http://localhost:8080,http://127.0.0.1:8080"


def allowed_origins() -> list[str] | str:
    """Origins allowed to open a socket, from `CORS_ORIGINS` (comma-separated, or `*`)."""
    value = os.environ.get("CORS_ORIGINS", DEFAULT_ORIGINS).strip()
    return "*" if value == "*" else [o.strip() for o in value.split(",") if o.strip()]


def session_id_from(data: Any) -> str:
    """The page's own session id if it looks like one we issued, else a new one."""
    given = data.get("session_id") if isinstance(data, dict) else None
    return given if isinstance(given, str) and SESSION_ID.match(given) else uuid.uuid4().hex


class CoachSocketIOInput(SocketIOInput):
    """The widget's channel: persistent, origin-checked sessions that really receive replies."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=allowed_origins())
        webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio
        handle = guarded(on_new_message)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request):
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: dict, auth: dict | None = None) -> bool:
            return True

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: Any = None) -> None:
            session_id = session_id_from(data)
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: str, data: Any = None) -> None:
            if not isinstance(data, dict):
                return  # nothing a widget would send; ignore rather than fail
            text = data.get("message")
            if not isinstance(text, str):
                return
            text = clean_text(text)
            output = SocketIOOutput(sio, self.bot_message_evt)
            quick = reply_without_model(text)
            if quick:
                await output.send_text_message(sid, quick)
                return
            sender = data.get("session_id") if self.session_persistence else sid
            if self.session_persistence and not (
                isinstance(sender, str) and SESSION_ID.match(sender)
            ):
                logger.debug("socketio message without a valid session id was ignored")
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            message = UserMessage(
                text,
                output,
                sender,
                input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else {},
            )
            await handle(message)

        return webhook
