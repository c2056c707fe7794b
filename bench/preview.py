"""Benchmark: from a save of the seed to the updated state on a running preview's event stream (median of several saves).

Run: .venv/bin/python bench/preview.py [SAVES]   (prints figures; asserts nothing)

The preview runs as a user runs it (`python -m generator preview FILE`), on a copy of the
seed; each save changes the meeting's Lao title, so each one is a real rebuild. "build" is
the preview's own figure for the rebuild (check, PDF, page images; the DOCX is made when
it is downloaded); the rest is the watcher's batching (100 ms of quiet), the file system's
notice and HTTP.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "briefings" / "accsm-20.yaml"
TITLE = "ຄັ້ງທີ 20\n"


def status(port: int) -> dict:
    """GET /status."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=30) as answer:
        return json.load(answer)


def wait_for_build(port: int, build: int, seconds: float = 60) -> dict:
    """The first /status of build number `build` or later, polled every 10 ms."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        try:
            now = status(port)
        except OSError:
            now = {"build": 0}
        if now["build"] >= build:
            return now
        time.sleep(0.01)
    raise SystemExit(f"no build {build} within {seconds} s")


def start(folder: Path) -> tuple[subprocess.Popen, int]:
    """The preview of `folder/accsm-20.yaml` on a free port, after its first build."""
    log = folder / "preview.out"
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "generator", "preview", "accsm-20.yaml", "--port", "0"],
                                   cwd=folder / "briefings", env=env, stdout=out, stderr=subprocess.DEVNULL)
    deadline = time.perf_counter() + 60
    while not (found := re.search(r"127\.0\.0\.1:(\d+)/", log.read_text(encoding="utf-8"))):
        if time.perf_counter() > deadline or process.poll() is not None:
            raise SystemExit("the preview did not start")
        time.sleep(0.05)
    port = int(found[1])
    wait_for_build(port, 1)
    return process, port


class Events:
    """The preview's event stream (/events), read as the page reads it: one state per change."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.connection.request("GET", "/events")
        self.response = self.connection.getresponse()

    def next_state(self) -> dict:
        """The next state sent (keep-alive comments skipped)."""
        while True:
            line = self.response.readline()
            if not line:
                raise SystemExit("the preview closed its event stream")
            if line.startswith(b"data: "):
                return json.loads(line[len(b"data: "):])

    def wait_for_build(self, build: int) -> dict:
        """The first state of build number `build` or later, not building."""
        while True:
            state = self.next_state()
            if state["build"] >= build and not state["building"]:
                return state

    def close(self) -> None:
        """Close the stream."""
        self.connection.close()


def rebuild_times(saves: int) -> tuple[list[float], list[float]]:
    """Save a copy of the seed `saves` times under a running preview: the preview's own rebuild
    seconds and the seconds from each save to the updated state on the event stream (as the page
    gets it; polling /status meanwhile would take the build's thread turns of its own)."""
    folder = Path(tempfile.mkdtemp())
    (folder / "briefings").mkdir()
    meeting = Path(shutil.copy(SEED, folder / "briefings" / "accsm-20.yaml"))
    text = meeting.read_text(encoding="utf-8")
    assert TITLE in text
    process, port = start(folder)
    events = Events(port)
    latencies, builds = [], []
    try:
        build = events.wait_for_build(1)["build"]
        for n in range(saves):
            time.sleep(0.5)  # let the previous build settle, as between a user's saves
            saved = time.perf_counter()
            meeting.write_text(text.replace(TITLE, f"ຄັ້ງທີ 20 ({n + 1})\n", 1), encoding="utf-8")
            now = events.wait_for_build(build + 1)
            latencies.append(time.perf_counter() - saved)
            builds.append(now["seconds"])
            build = now["build"]
            if not now["ok"]:
                raise SystemExit(f"the edited seed did not build: {now['problems']}")
    finally:
        events.close()
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(folder)
    return builds, latencies


def main() -> None:
    """Save the seed copy SAVES times and print the times from each save to the updated page state."""
    saves = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    builds, latencies = rebuild_times(saves)
    ms = [t * 1000 for t in latencies]
    print(f"preview, seed: save -> updated page state, median of {saves} saves "
          f"{statistics.median(ms):7.0f} ms  (min {min(ms):.0f}, max {max(ms):.0f}; "
          f"of which the rebuild {statistics.median(builds) * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
