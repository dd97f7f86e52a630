"""Faults: Rasa killed mid-step, the action server down, the database gone at start or mid-turn."""

import os
import signal
import socket
import threading

import pytest
from conftest import FIRST_HALF, slots, texts, walk

from coach.turns import NOT_SAVED_REPLY, TROUBLE_REPLY

pytestmark = pytest.mark.stack


def user_events(stack, sender) -> list[dict]:
    return [e for e in stack.tracker(sender)["events"] if e["event"] in ("user", "bot")]


def test_kill_9_mid_step_loses_nothing(stack_factory, sender):
    stack = stack_factory().start()
    walk(stack, sender, FIRST_HALF[:8])  # at step 3, mid-step
    before = user_events(stack, sender)
    os.killpg(stack.rasa.pid, signal.SIGKILL)
    stack.rasa.wait()

    stack.start_rasa()
    assert user_events(stack, sender) == before
    assert slots(stack, sender)["current_step"] == 3
    assert "Step 3 of 13" in texts(stack.say(sender, "where am i?"))
    assert "Step 4 of 13" in texts(stack.say(sender, "done"))


def test_action_server_down_the_coach_still_answers_and_recovers(stack_factory, sender):
    stack = stack_factory().start()
    walk(stack, sender, FIRST_HALF[:5])  # step 1
    stack._stop(stack.actions)

    assert TROUBLE_REPLY in texts(stack.say(sender, "done"))
    assert slots(stack, sender)["current_step"] == 1
    assert "988" in texts(stack.say(sender, "i need help now"))
    assert "1-800-799-7233" in texts(stack.say(f"{sender}-2", "he hits me when he's angry"))

    stack.start_actions()
    assert "Step 2 of 13" in texts(stack.say(sender, "done"))


def test_database_unreachable_at_start_exits_naming_the_variable(stack_factory):
    stack = stack_factory(
        database_url="postgresql://coach@127.0.0.1:9/nowhere", DATABASE_CONNECT_WAIT="2"
    )
    stack.start_actions()
    with pytest.raises(RuntimeError, match="exited"):
        stack.start_rasa(timeout=120)
    assert stack.rasa.returncode != 0
    log = (stack.log_dir / "rasa.log").read_text()
    assert "Cannot reach the database" in log and "DATABASE_URL" in log


class Proxy:
    """A TCP proxy to the database that can drop every connection and refuse new ones."""

    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = True
        self.open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            client, _ = self.listener.accept()
            if not self.up:
                client.close()
                continue
            server = socket.create_connection(self.target)
            self.open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self) -> None:
        self.up = False
        for connection in self.open:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.open = []

    def restore(self) -> None:
        self.up = True


def test_database_gone_during_a_turn_apologises_and_keeps_everything(
    stack_factory, postgres_url, sender
):
    from sqlalchemy.engine import make_url

    url = make_url(postgres_url)
    proxy = Proxy(url.port or 5432)
    stack = stack_factory(
        database_url=url.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    ).start()
    walk(stack, sender, FIRST_HALF[:8])  # step 3
    before = user_events(stack, sender)

    proxy.cut()
    reply = texts(stack.say(sender, "done, it was hard quokka-marmalade"))
    assert NOT_SAVED_REPLY in reply and "Step 4" not in reply
    proxy.restore()
    for log in stack.log_dir.glob("*.log"):  # the failure is logged, without the user's words
        assert "quokka" not in log.read_text(errors="replace")

    assert user_events(stack, sender) == before
    assert "Step 3 of 13" in texts(stack.say(sender, "where am i?"))
    assert "Step 4 of 13" in texts(stack.say(sender, "done"))
