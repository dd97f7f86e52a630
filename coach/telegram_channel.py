"""Telegram channel: Rasa's stock connector made safe for people who may be watched.

Differences from `rasa.core.channels.telegram`:
- Telegram's secret token is registered with the webhook and checked on every update
  (`X-Telegram-Bot-Api-Secret-Token`); anything else gets 401. There is no open
  `/set_webhook` route: the webhook is registered once, when the server starts.
- aiogram 2.15 (held there by Rasa's aiohttp) has no `secret_token` argument, so `setWebhook`
  is sent as a raw request through the same bot object.
- `/start` greets; button presses are answered (the spinner stops); edited messages, stickers,
  photos, voice, locations, group chats and unknown update types get a short text reply or are
  ignored, never an error. Text goes out without a parse mode, so `*_[]` in user or bot text
  can't break a message. The Bot API base URL is configurable (a local Bot API server, or a
  fake one in tests).
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot
from aiogram.bot.api import TelegramAPIServer
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request

from coach.turns import clean_text, guarded, is_json_request, reply_without_model

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram conversations are stored as "tg-<chat id>": chat ids are not secret, and the REST
# channel refuses sender ids with this prefix, so nobody can open a Telegram user's conversation.
SENDER_PREFIX = "tg-"
MAX_TEXT = 4096  # Telegram's limit for one message
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
NOT_TEXT_REPLY = (
    "I can only read text messages. Type what's on your mind, or /help for support lines."
)


class CoachTelegramOutput(Bot, OutputChannel):
    """Sends the coach's messages to one Telegram chat, as plain text."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    def __init__(self, token: str, api_base: str) -> None:
        super().__init__(token, server=TelegramAPIServer.from_base(api_base))

    async def send_message(self, chat_id: Any, text: str, **kwargs: Any) -> Any:
        return await super().send_message(str(chat_id).removeprefix(SENDER_PREFIX), text, **kwargs)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        for start in range(0, max(len(text), 1), MAX_TEXT):
            await self.send_message(recipient_id, text[start : start + MAX_TEXT])

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        keyboard = InlineKeyboardMarkup()
        for button in buttons:
            keyboard.row(InlineKeyboardButton(button["title"], callback_data=button["payload"]))
        await self.send_message(recipient_id, text[:MAX_TEXT], reply_markup=keyboard)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self.send_message(recipient_id, image)

    async def send_custom_json(self, recipient_id: str, json_message: dict, **kwargs: Any) -> None:
        text = json_message.get("text")
        if text:
            await self.send_text_message(recipient_id, str(text))

    async def register_webhook(self, url: str, secret: str) -> bool:
        return await self.request(
            "setWebhook",
            {
                "url": url,
                "secret_token": secret,
                "allowed_updates": ALLOWED_UPDATES,
                "drop_pending_updates": False,
            },
        )


class CoachTelegramInput(InputChannel):
    """Receives Telegram updates on /webhooks/telegram/webhook, checking the secret token."""

    @classmethod
    def name(cls) -> str:
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        needed = ("access_token", "webhook_url", "secret_token")
        missing = [key for key in needed if not credentials.get(key)]
        if missing:
            raise ValueError(f"Telegram channel needs {', '.join(missing)} (see README)")
        return cls(
            credentials["access_token"],
            credentials["webhook_url"],
            credentials["secret_token"],
            credentials.get("api_base") or "https://api.telegram.org",
        )

    def __init__(self, access_token: str, webhook_url: str, secret: str, api_base: str) -> None:
        self.access_token = access_token
        self.webhook_url = webhook_url
        self.secret = secret
        self.api_base = api_base

    def get_output_channel(self) -> CoachTelegramOutput:
        return CoachTelegramOutput(self.access_token, self.api_base)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("coach_telegram_webhook", __name__)

        @webhook.listener("after_server_start")
        async def register(app, loop) -> None:
            bot = self.get_output_channel()
            try:
                await bot.register_webhook(self.webhook_url, self.secret)
                logger.info("Telegram webhook registered (with a secret token)")
            except (TelegramAPIError, OSError) as error:
                logger.error(f"Could not register the Telegram webhook: {error}")
            finally:
                await bot.close()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request):
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request):
            given = request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(given.encode(), self.secret.encode()):
                return response.json({"error": "unauthorized"}, status=401)
            if not is_json_request(request):
                return response.json({"error": "Content-Type must be application/json"}, 415)
            try:
                update = request.json
            except Exception:  # sanic raises its own error type for bad JSON
                update = None
            if not isinstance(update, dict):
                return response.json({"error": "expected a Telegram update (JSON object)"}, 400)
            await self._handle(update, on_new_message)
            return response.json({"ok": True})

        return webhook

    async def _handle(self, update: dict, on_new_message) -> None:
        """Turn one update into a user message, a short reply, or nothing."""
        out = self.get_output_channel()
        try:
            if isinstance(update.get("callback_query"), dict):
                query = update["callback_query"]
                await out.answer_callback_query(query.get("id", ""))
                chat = (query.get("message") or {}).get("chat") or {}
                text = query.get("data")
            elif isinstance(update.get("message"), dict):
                message = update["message"]
                chat = message.get("chat") or {}
                text = message.get("text")
                if chat.get("type", "private") == "private" and not isinstance(text, str):
                    await out.send_text_message(str(chat.get("id")), NOT_TEXT_REPLY)
                    return
            else:
                return  # edited messages, channel posts, polls...: nothing to answer
            if chat.get("type", "private") != "private" or "id" not in chat:
                return  # the coach talks one to one only
            text = clean_text(text) if isinstance(text, str) else ""
            if not text:
                return
            if text.split("@")[0] == "/start":
                text = "/greet"
            quick = reply_without_model(text)
            if quick:
                await out.send_text_message(str(chat["id"]), quick)
                return
            await guarded(on_new_message)(
                UserMessage(text, out, f"{SENDER_PREFIX}{chat['id']}", input_channel=self.name())
            )
        except (TelegramAPIError, OSError) as error:
            logger.error(f"Telegram update could not be answered: {error}")
        finally:
            await out.close()  # aiogram 2: closes this bot object's HTTP session
