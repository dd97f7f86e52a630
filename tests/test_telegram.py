"""The Telegram channel against a local fake of the Bot API that speaks Telegram's JSON."""

import asyncio
import json
import threading
import time
import urllib.error
import urllib.request

import pytest
from aiohttp import web
from stack import free_port

pytestmark = pytest.mark.stack

TOKEN = "123456:TEST-token_for-the-fake-api"
SECRET = "s3cret-token_for-tests"
CHAT = 424242


class FakeBotAPI:
    """Records every Bot API call; answers like Telegram does."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.port = free_port()
        self._message_id = 0

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != TOKEN:
            return web.json_response(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401
            )
        if request.content_type == "application/json":
            params = await request.json()
        else:
            params = dict(await request.post())
        self.calls.append((method, params))
        if method == "sendMessage":
            self._message_id += 1
            result = {
                "message_id": self._message_id,
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "text": params.get("text", ""),
            }
        elif method == "getMe":
            result = {"id": 123456, "is_bot": True, "first_name": "Coach", "username": "coach_bot"}
        else:
            result = True
        return web.json_response({"ok": True, "result": result})

    def start(self) -> "FakeBotAPI":
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            app = web.Application()
            app.router.add_route("*", "/bot{token}/{method}", self._handle)
            runner = web.AppRunner(app)
            loop.run_until_complete(runner.setup())
            loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", self.port).start())
            ready.set()
            loop.run_forever()

        threading.Thread(target=run, daemon=True).start()
        ready.wait(10)
        return self

    def sent(self, method: str = "sendMessage") -> list[dict]:
        return [params for name, params in self.calls if name == method]


@pytest.fixture(scope="module")
def telegram(stack_factory):
    fake = FakeBotAPI().start()
    stack = stack_factory(
        TELEGRAM_TOKEN=TOKEN,
        TELEGRAM_SECRET=SECRET,
        TELEGRAM_WEBHOOK_URL="https://coach.example.invalid/webhooks/telegram/webhook",
        TELEGRAM_API_BASE=f"http://127.0.0.1:{fake.port}",
    ).start()
    deadline = time.monotonic() + 30
    while not fake.sent("setWebhook") and time.monotonic() < deadline:
        time.sleep(0.2)
    return stack, fake


def post(stack, update, secret=SECRET, raw: bytes | None = None, content_type="application/json"):
    headers = {"Content-Type": content_type}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(
        f"{stack.url}/webhooks/telegram/webhook",
        data=raw if raw is not None else json.dumps(update).encode(),
        headers=headers,
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


_update_id = iter(range(1000, 10**6))


def message(text=None, chat_type="private", **extra):
    body = {
        "message_id": next(_update_id),
        "date": int(time.time()),
        "from": {"id": CHAT, "is_bot": False, "first_name": "Sam"},
        "chat": {"id": CHAT, "type": chat_type},
        **extra,
    }
    if text is not None:
        body["text"] = text
    return {"update_id": next(_update_id), "message": body}


def texts_since(fake, index):
    return "\n".join(p.get("text", "") for p in fake.sent()[index:])


def test_webhook_is_registered_with_the_secret_token(telegram):
    _, fake = telegram
    (params,) = fake.sent("setWebhook")
    assert params["secret_token"] == SECRET
    assert params["url"].endswith("/webhooks/telegram/webhook")


def test_updates_without_the_secret_are_rejected(telegram):
    stack, fake = telegram
    before = len(fake.sent())
    assert post(stack, message("hi"), secret=None) == 401
    assert post(stack, message("hi"), secret="wrong") == 401
    assert len(fake.sent()) == before


def test_start_greets_and_buttons_come_as_an_inline_keyboard(telegram):
    stack, fake = telegram
    before = len(fake.sent())
    assert post(stack, message("/start")) == 200
    replies = fake.sent()[before:]
    assert "not a therapist" in texts_since(fake, before)
    keyboard = json.loads(replies[-1]["reply_markup"])["inline_keyboard"]
    assert [row[0]["callback_data"] for row in keyboard] == ["/affirm", "/deny"]
    assert all(p["chat_id"] == str(CHAT) for p in replies)
    assert all("parse_mode" not in p for p in replies)


def test_a_button_press_is_answered_and_moves_the_conversation(telegram):
    stack, fake = telegram
    post(stack, message("/start"))
    before = len(fake.sent())
    query = {
        "update_id": next(_update_id),
        "callback_query": {
            "id": "cbq-1",
            "from": {"id": CHAT, "is_bot": False, "first_name": "Sam"},
            "chat_instance": "x",
            "data": "/affirm",
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": CHAT, "type": "private"},
                "text": "are you safe?",
            },
        },
    }
    assert post(stack, query) == 200
    assert fake.sent("answerCallbackQuery")[-1]["callback_query_id"] == "cbq-1"
    assert "what ended the relationship" in texts_since(fake, before)


def test_markdown_characters_do_not_break_anything(telegram):
    stack, fake = telegram
    before = len(fake.sent())
    assert post(stack, message("we *fought* about [money] and _work_ `always`")) == 200
    assert fake.sent()[before:]


@pytest.mark.parametrize(
    "extra",
    [
        {
            "sticker": {
                "file_id": "s",
                "file_unique_id": "u",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
        },
        {"photo": [{"file_id": "p", "file_unique_id": "u", "width": 1, "height": 1}]},
        {"voice": {"file_id": "v", "file_unique_id": "u", "duration": 3}},
        {"location": {"latitude": 51.5, "longitude": -0.1}},
    ],
)
def test_non_text_messages_get_a_short_text_reply(telegram, extra):
    stack, fake = telegram
    before = len(fake.sent())
    assert post(stack, message(**extra)) == 200
    assert "only read text" in texts_since(fake, before)


def test_edits_unknown_updates_and_group_chats_are_ignored(telegram):
    stack, fake = telegram
    before = len(fake.sent())
    edited = message("edited text")
    edited["edited_message"] = edited.pop("message")
    assert post(stack, edited) == 200
    assert post(stack, {"update_id": next(_update_id), "poll": {"id": "1", "question": "?"}}) == 200
    assert post(stack, message("hi all", chat_type="group")) == 200
    assert len(fake.sent()) == before


def test_malformed_bodies_get_400_and_the_server_stays_up(telegram):
    stack, fake = telegram
    assert post(stack, None, raw=b"{not json") == 400
    assert post(stack, None, raw=b"[1, 2, 3]") == 400
    assert post(stack, None, raw=b"\x00\xff\xfe") == 400
    assert post(stack, message("hello"), content_type="text/plain") == 415
    assert post(stack, message("hello"), content_type="application/x-www-form-urlencoded") == 415
    before = len(fake.sent())
    assert post(stack, message("hello")) == 200
    assert fake.sent()[before:]
