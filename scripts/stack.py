"""Starts the coach's processes: action server (5055), Rasa (5005: REST, socketio), page (8080).

`python scripts/stack.py run` is what `make run` calls: both servers in the foreground, stopped
together on Ctrl-C. Tests import `Stack` to start the same processes on free ports.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from coach.database import database_url, wait_until_reachable  # noqa: E402

BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "coach.tar.gz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    """Wait until `url` answers 200, failing early if `process` dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f}s")


class Stack:
    """The action server and Rasa as child processes, with their logs in `log_dir`."""

    def __init__(
        self,
        log_dir: Path,
        rasa_port: int = 5005,
        action_port: int = 5055,
        web_port: int = 8080,
        env: dict[str, str] | None = None,
        model: Path = MODEL,
    ) -> None:
        self.log_dir = Path(log_dir)
        self.rasa_port = rasa_port
        self.action_port = action_port
        self.web_port = web_port
        self.model = model
        self.env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        self.env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        self.env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
        self.env.setdefault("RASA_TELEMETRY_ENABLED", "false")
        self.actions: subprocess.Popen | None = None
        self.rasa: subprocess.Popen | None = None
        self.web: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = (self.log_dir / f"{name}.log").open("ab")
        return subprocess.Popen(
            args,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_actions(self, timeout: float = 120) -> None:
        self.actions = self._spawn(
            "actions", [str(BIN / "rasa"), "run", "actions", "--port", str(self.action_port)]
        )
        wait_for(f"http://127.0.0.1:{self.action_port}/health", timeout, self.actions)

    def _credentials(self) -> Path:
        """credentials.yml, plus the Telegram channel when TELEGRAM_TOKEN is set."""
        text = (ROOT / "credentials.yml").read_text()
        if self.env.get("TELEGRAM_TOKEN"):
            if not self.env.get("TELEGRAM_WEBHOOK_URL"):
                raise SystemExit(
                    "TELEGRAM_TOKEN is set but TELEGRAM_WEBHOOK_URL is not: set it to the public "
                    "https URL of /webhooks/telegram/webhook"
                )
            # Telegram's secret header: derived from the token unless given.
            digest = hmac.new(self.env["TELEGRAM_TOKEN"].encode(), b"webhook", hashlib.sha256)
            self.env.setdefault("TELEGRAM_SECRET", digest.hexdigest())
            self.env.setdefault("TELEGRAM_API_BASE", "https://api.telegram.org")
            text += "\n" + (ROOT / "credentials-telegram.yml").read_text()
        path = self.log_dir / "credentials.yml"
        path.write_text(text)
        return path

    def start_rasa(self, timeout: float = 240) -> None:
        endpoints = self.log_dir / "endpoints.yml"
        text = (ROOT / "endpoints.yml").read_text()
        endpoints.parent.mkdir(parents=True, exist_ok=True)
        text = text.replace("localhost:5055", f"localhost:{self.action_port}")
        if self.env.get("REDIS_URL"):  # several instances: locks shared through Redis
            text += "\n" + (ROOT / "endpoints-redis.yml").read_text()
        endpoints.write_text(text)
        args = [
            str(BIN / "rasa"),
            "run",
            "--model",
            str(self.model),
            "--endpoints",
            str(endpoints),
            "--credentials",
            str(self._credentials()),
            "--port",
            str(self.rasa_port),
        ]  # no --cors: the socket checks origins itself (CORS_ORIGINS), and a second
        # Access-Control-Allow-Origin header from Sanic would make browsers refuse both
        token = self.env.get("RASA_TOKEN")
        if token:
            args += ["--enable-api", "--auth-token", token]
        self.rasa = self._spawn("rasa", args)
        wait_for(f"{self.url}/", timeout, self.rasa)

    def start_web(self, timeout: float = 30) -> None:
        self.env["RASA_PORT"] = str(self.rasa_port)
        self.web = self._spawn("web", [sys.executable, "-m", "coach.web", str(self.web_port)])
        wait_for(f"http://127.0.0.1:{self.web_port}/", timeout, self.web)

    def start(self, web: bool = False) -> Stack:
        self.start_actions()
        self.start_rasa()
        if web:
            self.start_web()
        return self

    @staticmethod
    def _stop(process: subprocess.Popen | None, sig: int = signal.SIGTERM) -> None:
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        self._stop(self.web)
        self._stop(self.rasa)
        self._stop(self.actions)

    def say(self, sender: str, text: str, timeout: float = 30) -> list[dict]:
        """One REST turn: what the coach answered."""
        body = json.dumps({"sender": sender, "message": text}).encode()
        request = urllib.request.Request(
            f"{self.url}/webhooks/rest/webhook",
            data=body,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    def tracker(self, sender: str) -> dict:
        """The conversation as Rasa's tracker API shows it (needs RASA_TOKEN)."""
        token = self.env["RASA_TOKEN"]
        url = f"{self.url}/conversations/{sender}/tracker?token={token}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.loads(response.read())


def run() -> int:
    """Foreground: both servers until Ctrl-C, with how to chat printed once they answer."""
    stack = Stack(ROOT / "var" / "logs", web_port=int(os.environ.get("WEB_PORT", "8080")))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        wait_until_reachable(database_url())  # a clear message, before anything starts
        print(
            f"Starting the action server (5055), Rasa (5005) and the page ({stack.web_port}); "
            "~30 s..."
        )
        stack.start(web=True)
        api = "on (token from RASA_TOKEN)" if stack.env.get("RASA_TOKEN") else "off"
        print(
            "\nThe coach is running.\n"
            f"  Web chat:        http://localhost:{stack.web_port}\n"
            "  Terminal chat:   make shell            (in another terminal)\n"
            "  REST:            curl -s localhost:5005/webhooks/rest/webhook "
            '-d \'{"sender":"me","message":"hi"}\'\n'
            f"  HTTP API:        {api}\n"
            f"  Logs:            {stack.log_dir}\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        while all(p.poll() is None for p in (stack.rasa, stack.actions, stack.web)):
            time.sleep(1)
        print("A server stopped; see the logs above. Shutting down.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping...")
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    if sys.argv[1:] != ["run"]:
        sys.exit("usage: python scripts/stack.py run")
    sys.exit(run())
