"""Serves the widget page on port 8080: the page, the pinned rasa-webchat bundle, its settings.

Standard library only. Every response carries a strict Content-Security-Policy: the page talks
to this server and to Rasa's socket, and to nothing else (no CDN, no web fonts).
"""

from __future__ import annotations

import json
import mimetypes
import os
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = {
    "/": ROOT / "web" / "index.html",
    "/index.html": ROOT / "web" / "index.html",
    "/app.js": ROOT / "web" / "app.js",
    "/style.css": ROOT / "web" / "style.css",
    "/webchat.js": ROOT / "build" / "web" / "webchat.js",
}
# Where "quick exit" goes: an everyday page that reveals nothing (COACH_EXIT_URL to change).
EXIT_URL = "https://www.bbc.co.uk/weather"


class PageHandler(BaseHTTPRequestHandler):
    """GET only; unknown paths are 404; no request is logged with its query string."""

    rasa_port = 5005
    server_version = "coach-web"
    sys_version = ""

    def _socket_origin(self) -> str:
        host = (self.headers.get("Host") or "localhost").rsplit(":", 1)[0]
        return os.environ.get("COACH_SOCKET_URL") or f"http://{host}:{self.rasa_port}"

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        socket = self._socket_origin()
        ws = socket.replace("http", "ws", 1)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'self'; connect-src 'self' {socket} {ws}; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        )
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = self.path.split("?", 1)[0]
        if path == "/config.js":
            exit_url = os.environ.get("COACH_EXIT_URL", EXIT_URL)
            settings = {"socketUrl": self._socket_origin(), "exitUrl": exit_url}
            body = f"window.COACH = {json.dumps(settings)};\n".encode()
            self._send(HTTPStatus.OK, body, "text/javascript; charset=utf-8")
            return
        file = FILES.get(path)
        if file is None or not file.exists():
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind.endswith("javascript"):
            kind += "; charset=utf-8"
        self._send(HTTPStatus.OK, file.read_bytes(), kind)

    do_HEAD = do_GET

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass  # the page's requests tell nothing worth keeping


def serve(port: int, rasa_port: int) -> None:
    PageHandler.rasa_port = rasa_port
    with ThreadingHTTPServer(("0.0.0.0", port), PageHandler) as server:
        server.serve_forever()


if __name__ == "__main__":
    web_port = int(sys.argv[1]) if len(sys.argv) > 1 else int(os.environ.get("WEB_PORT", 8080))
    serve(web_port, int(os.environ.get("RASA_PORT", 5005)))
