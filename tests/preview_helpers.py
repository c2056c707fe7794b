"""Running `python -m generator preview` as a user does, and talking HTTP to it with exact Host headers and paths."""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conftest import ROOT

START_SECONDS = 60  # the first build imports WeasyPrint and lays out the document: seconds on a busy machine


@dataclass
class Answer:
    """One HTTP response."""

    status: int
    headers: dict[str, str]
    body: bytes


def request(port: int, path: str, host: str | None = "default", method: str = "GET",
            headers: dict[str, str] | None = None, body: bytes | None = None) -> Answer:
    """Send `method path` exactly as given (no normalising), with `host` as the Host header (None: no Host)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", f"127.0.0.1:{port}" if host == "default" else host)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        if body is not None:
            conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        conn.close()


class RunningPreview:
    """`python -m generator preview FILE --port 0 ARGS` in `cwd`, its output in files in `logs`; `stop` ends it."""

    def __init__(self, file: str, cwd: Path, *args: str, logs: Path | None = None) -> None:
        self.cwd = cwd
        self.out, self.err = (logs or cwd) / "preview.out", (logs or cwd) / "preview.err"
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.process = subprocess.Popen([sys.executable, "-m", "generator", "preview", file, "--port", "0", *args],
                                            cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        self.port = self._port()
        self.wait_for(lambda s: s["build"] >= 1)

    def _port(self) -> int:
        """The port from the line `Preview of FILE on http://127.0.0.1:PORT/`."""
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", self.out.read_text(encoding="utf-8"))
            if found:
                return int(found[1])
            if self.process.poll() is not None:
                raise AssertionError(f"preview ended: {self.err.read_text(encoding='utf-8')}")
            time.sleep(0.05)
        raise AssertionError("preview did not print its address")

    @property
    def url(self) -> str:
        """The page's address."""
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str, **kwargs: Any) -> Answer:
        """A request to this preview."""
        return request(self.port, path, **kwargs)

    def status(self) -> dict[str, Any]:
        """`GET /status`."""
        answer = self.get("/status")
        assert answer.status == 200, answer
        return json.loads(answer.body)

    def wait_for(self, condition: Callable[[dict[str, Any]], bool], seconds: float = START_SECONDS) -> dict[str, Any]:
        """The first /status that meets `condition`; fails after `seconds`."""
        deadline = time.monotonic() + seconds
        status: dict[str, Any] = {}
        while time.monotonic() < deadline:
            try:
                status = self.status()
            except (ConnectionError, http.client.HTTPException, TimeoutError):
                status = {}
            if status and condition(status):
                return status
            time.sleep(0.05)
        raise AssertionError(f"no such status within {seconds} s; last: {status}")

    def stop(self) -> int:
        """End the preview as SIGTERM does and return its exit status."""
        self.process.terminate()
        return self.process.wait(timeout=30)


def check_messages(file: str, cwd: Path, *args: str) -> list[str]:
    """The lines `python -m generator check FILE ARGS` prints on stderr in `cwd`."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-m", "generator", "check", file, *args], cwd=cwd, env=env,
                            capture_output=True, text=True, timeout=300)
    return result.stderr.splitlines()


def save_by_rename(path: Path, text: str) -> None:
    """Save as vim does by default: write a new file beside it, then rename it over the old one."""
    temp = path.with_name(path.name + ".new")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)
