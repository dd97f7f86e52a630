"""What every channel does around a turn: clean the text, answer what needs no model, and never
leave the user without an answer when part of the coach is down.

- Control characters and NUL bytes are removed (PostgreSQL cannot store NUL in text).
- Empty, very long and non-Latin-script messages get a short answer without touching the model
  or the stores.
- The bot's messages are held until the turn is saved. If saving (or loading) the conversation
  fails, the user gets an apology instead of replies that were never stored, so they never see a
  step the coach will not remember; safety replies (support lines) are given all the same.
- If the turn produced no message at all (the action server is down or failed), the user
  hears that the coach is having trouble and that their progress is safe.
- Failures are logged without the user's text.
- At most `MAX_CONCURRENT_TURNS` turns (env, default 4) are worked on at once in a process; the
  rest wait their turn in arrival order. A turn waits on the action server, and while it waits
  Rasa starts others: with dozens in flight, each waiting turn queues behind all of them again,
  and the unlucky ones take several times the median. Under load this keeps the slowest turns
  near the typical one (docs/benchmarks.md) at the same throughput. The slot is taken inside
  Rasa's per-conversation lock (a user's second message waiting for their first holds no slot),
  and a turn waits at most `SLOT_WAIT_SECONDS` for one: if the turns ahead are stuck (say, on an
  action server that hangs), the others, safety replies included, go ahead without a slot.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import os
import re
import unicodedata
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.processor import MessageProcessor

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 5000
EMPTY_REPLY = "I didn't get any words there. Type a message, or tap one of the buttons."
TOO_LONG_REPLY = (
    "That message is too long for me to read in one go. Could you say it in a few lines?"
)
NOT_ENGLISH_REPLY = (
    "Sorry, I can only read English for now. If you need support right now, findahelpline.com "
    "lists free helplines by country and language."
)
TROUBLE_REPLY = (
    "I'm having trouble on my side right now, sorry. Your progress is safe. "
    "Please try again in a minute. If you need support now, type help."
)
NOT_SAVED_REPLY = (
    "Sorry, I couldn't save that just now, so please send it again in a moment. What you told "
    "me before is kept. If you need support now, type help."
)

# Responses that are always delivered, even when the turn could not be saved.
SAFETY_RESPONSE_PREFIXES = ("utter_safety_", "utter_help_resources")

# Terminal escape sequences (colours, clear screen), then C0/C1 control characters except tab
# and newline, NUL included.
_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")  # and lone surrogates

Handler = Callable[[UserMessage], Awaitable[Any]]

# Per guarded turn: {"saved": bool}; None outside a guarded turn.
_turn = contextvars.ContextVar("coach_guarded_turn", default=None)


class StoreFailed(BaseException):
    """A store failed during a guarded turn.

    A BaseException on purpose: Rasa wraps every tracker store in a FailSafeTrackerStore that
    catches any Exception and carries on with a brand-new conversation kept only in memory (the
    user would be greeted as a stranger and the turn lost). This passes through it, stopping
    the turn, to `guarded`, which apologises.
    """


def raise_if_in_turn(error: Exception) -> None:
    """Called by the tracker store on a failure: stop the turn if a guard is waiting for it."""
    if _turn.get() is not None:
        raise StoreFailed(type(error).__name__) from error


def mark_saved() -> None:
    """Called by the tracker store once the turn is stored: later failures (releasing the lock)
    no longer mean the user's message was lost."""
    state = _turn.get()
    if state is not None:
        state["saved"] = True


def is_json_request(request: Any) -> bool:
    """Whether a webhook request says its body is JSON (charset and the like allowed)."""
    return request.content_type.split(";")[0].strip().lower() == "application/json"


def clean_text(text: str) -> str:
    """The message as the model and the stores should see it."""
    text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub(" ", _ESCAPE.sub("", text)).strip()


def reply_without_model(text: str) -> str | None:
    """A reply for messages the coach cannot read (empty, too long, no Latin letters), else None."""
    if not text:
        return EMPTY_REPLY
    if len(text) > MAX_MESSAGE_CHARS:
        return TOO_LONG_REPLY
    letters = [c for c in text if c.isalpha()]
    if letters and not any("LATIN" in unicodedata.name(c, "") for c in letters):
        return NOT_ENGLISH_REPLY
    return None


class HeldOutput(OutputChannel):
    """Holds the bot's messages until the turn is saved, then passes them to the channel."""

    def __init__(self, channel: OutputChannel) -> None:
        self.channel = channel
        self.held: list[tuple[str, dict[str, Any]]] = []

    def name(self) -> str:  # responses may be channel-specific: keep the real channel's name
        return self.channel.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.held.append((recipient_id, message))

    async def release(self, safety_only: bool = False) -> None:
        for recipient_id, message in self.held:
            if not safety_only or is_safety_reply(message):
                await self.channel.send_response(recipient_id, message)


def is_safety_reply(message: dict[str, Any]) -> bool:
    return str(message.get("utter_action", "")).startswith(SAFETY_RESPONSE_PREFIXES)


SLOT_WAIT_SECONDS = 5.0
_slots: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}


def _turn_slots() -> asyncio.Semaphore:
    """This event loop's limit on turns worked on at once."""
    loop = asyncio.get_running_loop()
    if loop not in _slots:
        _slots[loop] = asyncio.Semaphore(max(1, int(os.environ.get("MAX_CONCURRENT_TURNS", "4"))))
    return _slots[loop]


@contextlib.asynccontextmanager
async def turn_slot() -> AsyncIterator[None]:
    """One of the process's turn slots, in arrival order, waiting at most SLOT_WAIT_SECONDS."""
    slots = _turn_slots()
    try:
        await asyncio.wait_for(slots.acquire(), timeout=SLOT_WAIT_SECONDS)
    except asyncio.TimeoutError:
        logger.warning("No turn slot within %.0f s: the turns ahead are slow", SLOT_WAIT_SECONDS)
        yield
        return
    try:
        yield
    finally:
        slots.release()


_stock_handle_message = MessageProcessor.handle_message


async def _handle_message_in_slot(self: MessageProcessor, message: UserMessage) -> Any:
    """Rasa's `MessageProcessor.handle_message` (run inside the conversation's lock) in a slot."""
    async with turn_slot():
        return await _stock_handle_message(self, message)


MessageProcessor.handle_message = _handle_message_in_slot


def guarded(on_new_message: Handler) -> Handler:
    """`on_new_message` that always answers the user (see the module's docstring)."""

    async def handle(message: UserMessage) -> None:
        channel = message.output_channel
        held = HeldOutput(channel)
        message.output_channel = held
        state = {"saved": False}
        in_turn = _turn.set(state)
        try:
            await on_new_message(message)
        except (Exception, StoreFailed) as error:  # any failure: the user still gets an answer
            # The exception's type and origin only: its text may quote the user's message.
            logger.error(
                "Turn %s on channel %s: %s in %s",
                "saved, then failed" if state["saved"] else "not completed",
                message.input_channel,
                type(error).__name__,
                type(error).__module__,
            )
            if state["saved"]:  # e.g. the lock could not be released: the turn itself stands
                await held.release()
                return
            await held.release(safety_only=True)
            await channel.send_text_message(message.sender_id, NOT_SAVED_REPLY)
            return
        finally:
            _turn.reset(in_turn)
        if not held.held:
            logger.error("Turn produced no reply on channel %s", message.input_channel)
            await channel.send_text_message(message.sender_id, TROUBLE_REPLY)
            return
        await held.release()

    return handle
