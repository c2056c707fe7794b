"""The preview's HTTP server: its own few paths on 127.0.0.1 only, for requests that name it as their Host.

Nothing is served from the file system by URL: every path is looked up in a fixed table
(page images by build and page number), so `..` or encoded tricks can only miss. A
request whose Host is not `127.0.0.1:PORT` or `localhost:PORT` is refused, so a web page
that rebinds its own host name to 127.0.0.1 cannot read the preview (DNS rebinding).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

from generator.kinds import KINDS
from generator.data.model import LANGUAGES
from generator.preview import page
from generator.preview.builder import Selection
from generator.preview.session import Session

HOST = "127.0.0.1"
KEEP_ALIVE_SECONDS = 15.0  # an event-stream comment this often finds clients that went away
_PAGE_IMAGE = re.compile(r"/pages/([0-9]{1,9})/([0-9]{1,5})\.png")
_ASSETS = {"/preview.js": ("preview.js", "text/javascript; charset=utf-8"),
           "/preview.css": ("preview.css", "text/css; charset=utf-8")}
_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
        "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
_NOT_FOUND = "ບໍ່ພົບ · Not found\n"


@dataclass
class App:
    """What the handler serves: the session, the meeting file as the user named it, and the page's font."""

    session: Session
    file: str
    templates_dir: Path
    ui_font: Path
    port: int = 0

    def allowed_hosts(self) -> set[str]:
        """The Host values this preview answers to."""
        hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}
        return hosts | ({"127.0.0.1", "localhost"} if self.port == 80 else set())


class PreviewServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its App; one thread per connection (event streams stay open)."""

    daemon_threads = True

    def __init__(self, port: int, app: App) -> None:
        super().__init__((HOST, port), Handler)
        self.app = app
        app.port = self.server_address[1]


def content_disposition(disposition: str, name: str) -> str:
    """A Content-Disposition header value for `name`, with an ASCII fallback and the UTF-8 name (RFC 6266)."""
    fallback = "".join(ch if " " <= ch < "\x7f" and ch not in '"\\' else "_" for ch in name)
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


class Handler(BaseHTTPRequestHandler):
    """Answers GET/HEAD for the page, its assets, /status, /events, the documents and page images; POST /select."""

    server: PreviewServer
    protocol_version = "HTTP/1.1"
    server_version = "lao-briefing-preview"
    sys_version = ""
    timeout = 60  # seconds a kept-alive connection may sit idle

    @property
    def app(self) -> App:
        """The App of this server."""
        return self.server.app

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        """Keep the terminal for build results: requests are not logged."""

    # --- answers -----------------------------------------------------------------------

    def _send(self, status: HTTPStatus, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        """One complete response, with the headers every answer carries."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self._common_headers()
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _common_headers(self) -> None:
        """No caching, no sniffing, no framing, no use from other sites."""
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Content-Security-Policy", _CSP)

    def _text(self, status: HTTPStatus, text: str) -> None:
        """A short plain-text answer."""
        self._send(status, text.encode("utf-8"), "text/plain; charset=utf-8")

    def _json(self, value: Any) -> None:
        """A JSON answer."""
        self._send(HTTPStatus.OK, json.dumps(value, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8")

    # --- the checks every request passes -----------------------------------------------

    def _host_allowed(self) -> bool:
        """Whether the request names this preview as its Host; answers 403 when not."""
        named = self.headers.get_all("Host") or []
        if len(named) == 1 and named[0].strip().lower() in self.app.allowed_hosts():
            return True
        self._text(HTTPStatus.FORBIDDEN,
                   f"ຖືກປະຕິເສດ · Refused: this preview answers only at http://127.0.0.1:{self.app.port}/ "
                   f"and http://localhost:{self.app.port}/\n")
        return False

    def _path(self) -> str:
        """The request's path without its query; as sent, never decoded or normalised."""
        return self.path.split("?", 1)[0]

    # --- methods -----------------------------------------------------------------------

    def do_HEAD(self) -> None:  # noqa: N802 (the base class's naming)
        """As GET, without the body."""
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        """The page, its assets, /status, /events, the documents and the page images."""
        if not self._host_allowed():
            return
        path = self._path()
        session = self.app.session
        if path == "/":
            html = page.render_page(session.snapshot(), self.app.file, self.app.templates_dir)
            self._send(HTTPStatus.OK, html.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/status":
            self._json(page.status(session.snapshot()))
        elif path == "/events" and self.command == "GET":
            self._events()
        elif path in ("/document.pdf", "/document.docx"):
            self._document(path.rsplit(".", 1)[1])
        elif path in _ASSETS:
            name, content_type = _ASSETS[path]
            self._send(HTTPStatus.OK, page.asset(name), content_type)
        elif path == "/ui-font.ttf":
            self._font()
        elif path == "/favicon.ico":  # browsers ask for it; the preview has none
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        elif match := _PAGE_IMAGE.fullmatch(path):
            self._page_image(int(match[1]), int(match[2]))
        else:
            self._text(HTTPStatus.NOT_FOUND, _NOT_FOUND)

    def do_POST(self) -> None:  # noqa: N802
        """`/select`: show another kind or edition, sent by the page's own script as JSON."""
        if not self._host_allowed():
            return
        if self._path() != "/select":
            self._text(HTTPStatus.NOT_FOUND, _NOT_FOUND)
            return
        origin = self.headers.get("Origin")
        if origin is not None and origin.lower() not in {f"http://{h}" for h in self.app.allowed_hosts()}:
            self._text(HTTPStatus.FORBIDDEN, "ຖືກປະຕິເສດ · Refused: only the preview page may choose\n")
            return
        selection = self._selection()
        if selection is None:
            self._text(HTTPStatus.BAD_REQUEST,
                       f"expected JSON {{\"kind\": one of {', '.join(KINDS)}, \"lang\": one of {', '.join(LANGUAGES)}}}\n")
            return
        self.app.session.select(selection)
        self._json(page.status(self.app.session.snapshot()))

    def _selection(self) -> Selection | None:
        """The kind and edition a /select request asks for, or None when it is not one."""
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            return None  # a form or text another site could send without asking first
        try:
            length = int(self.headers.get("Content-Length") or "0")
        except ValueError:
            return None
        if not 0 < length <= 1000:
            return None
        try:
            asked = json.loads(self.rfile.read(length))
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(asked, dict) or asked.get("kind") not in KINDS or asked.get("lang") not in LANGUAGES:
            return None
        return Selection(asked["kind"], asked["lang"])

    # --- the documents -----------------------------------------------------------------

    def _document(self, fmt: str) -> None:
        """The latest good PDF or DOCX of the chosen kind and edition."""
        documents = self.app.session.snapshot().documents
        if documents is None:
            self._text(HTTPStatus.NOT_FOUND, "ຍັງບໍ່ມີເອກະສານ · No document yet: the input has problems\n")
        elif fmt == "pdf":
            self._send(HTTPStatus.OK, documents.pdf, "application/pdf",
                       {"Content-Disposition": content_disposition("inline", documents.pdf_name)})
        else:
            self._send(HTTPStatus.OK, documents.docx.data(),
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       {"Content-Disposition": content_disposition("attachment", documents.docx_name)})

    def _font(self) -> None:
        """The page's Lao font (the page falls back to the browser's fonts without it)."""
        try:
            data = self.app.ui_font.read_bytes()
        except OSError:
            self._text(HTTPStatus.NOT_FOUND, _NOT_FOUND)
            return
        self._send(HTTPStatus.OK, data, "font/ttf")

    def _page_image(self, build: int, number: int) -> None:
        """Page `number` (from 1) of the documents that build `build` made, while they are kept."""
        documents = self.app.session.documents_of_build(build)
        if documents is None or not 1 <= number <= len(documents.pages):
            self._text(HTTPStatus.NOT_FOUND, _NOT_FOUND)
            return
        self._send(HTTPStatus.OK, documents.pages[number - 1].png, "image/png")

    def _events(self) -> None:
        """Server-Sent Events: the page's state now and after every change, until the client or the preview goes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Connection", "close")  # the stream has no length: it ends when the connection does
        self._common_headers()
        self.end_headers()
        session = self.app.session
        version = -1
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not session.stopped:
                snapshot = session.wait_for_change(version, KEEP_ALIVE_SECONDS)
                if snapshot.version == version:
                    self.wfile.write(b": still here\n\n")
                else:
                    data = json.dumps(page.page_state(snapshot), ensure_ascii=False)
                    self.wfile.write(f"id: {snapshot.version}\ndata: {data}\n\n".encode("utf-8"))
                    version = snapshot.version
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return
