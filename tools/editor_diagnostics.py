"""Print what an editor shows for meeting files: the diagnostics of the YAML language server (VS Code's YAML extension).

It opens each file in `yaml-language-server --stdio` as an editor does, so the file's first line
(`# yaml-language-server: $schema=meeting.schema.json`) picks the schema beside it, and prints
`FILE:LINE:COL: message` per diagnostic, to compare with `python -m generator check FILE`.

    npm install --prefix /tmp/yls yaml-language-server@2.0.0
    .venv/bin/python tools/editor_diagnostics.py --server /tmp/yls/node_modules/.bin/yaml-language-server \\
        briefings/*.yaml
"""

from __future__ import annotations

import argparse
import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

SETTINGS = {"validate": True, "hover": True, "completion": True, "schemaStore": {"enable": False},
            "format": {"enable": False}}


def _send(stream: IO[bytes], message: dict[str, Any]) -> None:
    body = json.dumps(message).encode()
    stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stream.flush()


def _read(stream: IO[bytes], messages: queue.Queue[dict[str, Any]]) -> None:
    """Put every LSP message of `stream` on `messages` until it closes."""
    while True:
        length = 0
        while (line := stream.readline().strip()):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        if not length:
            return
        messages.put(json.loads(stream.read(length)))


def diagnostics(server: str, files: list[Path], timeout: float = 60) -> dict[Path, list[dict[str, Any]] | None]:
    """The diagnostics the server publishes for each file (None when it said nothing in `timeout` seconds)."""
    process = subprocess.Popen([server, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    assert process.stdin is not None and process.stdout is not None
    messages: queue.Queue[dict[str, Any]] = queue.Queue()
    threading.Thread(target=_read, args=(process.stdout, messages), daemon=True).start()
    uris = {f.resolve().as_uri(): f for f in files}
    found: dict[Path, list[dict[str, Any]] | None] = {f: None for f in files}
    _send(process.stdin, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": None, "rootUri": Path.cwd().as_uri(),
        "capabilities": {"workspace": {"configuration": True}, "textDocument": {"publishDiagnostics": {}}}}})
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and any(v is None for v in found.values()):
            try:
                message = messages.get(timeout=1)
            except queue.Empty:
                continue
            if message.get("id") == 1 and "result" in message:
                _send(process.stdin, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
                _send(process.stdin, {"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration",
                                      "params": {"settings": {"yaml": SETTINGS}}})
                for uri, f in uris.items():
                    _send(process.stdin, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
                        "textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                         "text": f.read_text(encoding="utf-8")}}})
            elif message.get("method") == "workspace/configuration":
                _send(process.stdin, {"jsonrpc": "2.0", "id": message["id"],
                                      "result": [SETTINGS] * len(message["params"]["items"])})
            elif "id" in message and "method" in message:  # any other request of the server
                _send(process.stdin, {"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif message.get("method") == "textDocument/publishDiagnostics":
                uri = message["params"]["uri"]
                if uri in uris:
                    found[uris[uri]] = message["params"]["diagnostics"]
    finally:
        process.kill()
        process.wait()
    return found


def main() -> int:
    """Print the diagnostics of every file; exit 1 when there are any (or the server did not answer)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="yaml-language-server", help="the yaml-language-server command")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    status = 0
    for path, found in diagnostics(args.server, args.files).items():
        if found is None:
            print(f"{path}: no answer from the server")
            status = 1
            continue
        for d in sorted(found, key=lambda d: (d["range"]["start"]["line"], d["range"]["start"]["character"])):
            start = d["range"]["start"]
            print(f"{path}:{start['line'] + 1}:{start['character'] + 1}: {d['message'].splitlines()[0]}")
            status = 1
        print(f"{path}: {len(found)} diagnostics")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
