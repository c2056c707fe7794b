"""`python -m generator preview FILE`: listen on 127.0.0.1, watch the sources, build, serve until Ctrl-C.

Everything runs in this one process, so the generator's modules are imported once and
every rebuild is warm (about 0.7 s for the seed, most of it WeasyPrint's layout).
"""

from __future__ import annotations

import errno
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from generator.data.yaml_source import read_bytes
from generator.errors import InputError, Problem
from generator.fonts import DEFAULT_FONT_SET, FONT_SETS
from generator.paths import TEMPLATES_DIR
from generator.pdf.font_configs import keep_font_configurations
from generator.preview.builder import Selection
from generator.preview.server import HOST, App, PreviewServer
from generator.preview.session import BuildLog, Session, Snapshot
from generator.preview.watcher import Watcher

DEFAULT_PORT = 8000


def print_build(snapshot: Snapshot, reason: str) -> None:
    """One line per finished build on stdout; check's problems on stderr, as `check` prints them."""
    if snapshot.ok and snapshot.documents is not None:
        pages = len(snapshot.documents.pages)
        result = f"ok, {pages} page{'s' if pages != 1 else ''}"
    else:
        count = len(snapshot.problems)
        result = f"{count} problem{'s' if count != 1 else ''}"
    print(f"build {snapshot.build} ({reason}): {result} in {snapshot.seconds:.2f} s", flush=True)
    for problem in snapshot.problems:
        print(problem, file=sys.stderr, flush=True)


def _port_problem(port: int, error: OSError) -> Problem:
    """What to tell the user when 127.0.0.1:`port` cannot be had."""
    other = port + 1 if 0 < port < 65535 else DEFAULT_PORT
    if error.errno == errno.EADDRINUSE:
        what = f"port {port} is already in use on {HOST} (stop the program that uses it, or choose another port with --port, e.g. --port {other})"
    elif error.errno == errno.EACCES:
        what = f"port {port} needs administrator rights (choose a port above 1023 with --port, e.g. --port {DEFAULT_PORT})"
    else:
        what = f"cannot listen on {HOST}:{port} ({error.strerror}; choose another port with --port, e.g. --port {other})"
    return Problem(what, file="--port")


def _ui_font() -> Path:
    """The page's own Lao font: the regular face of the Lao government standard, whatever the documents use."""
    standard = FONT_SETS[DEFAULT_FONT_SET]
    return next(f.path for f in standard.faces if f.family == standard.lao_family and f.weight == 400)


class Preview:
    """One running preview of `file`: its server, watcher and build thread. `start`, then `stop`."""

    def __init__(self, file: Path, selection: Selection, font: str = "phetsarath", port: int = DEFAULT_PORT,
                 templates_dir: Path = TEMPLATES_DIR, log: BuildLog = print_build) -> None:
        self.file, self.port = file, port
        fs = FONT_SETS[font]
        keep_font_configurations()  # each rebuild reuses the fonts of the build before
        self.session = Session(file, selection, fs, templates_dir, log)
        self.app = App(self.session, str(file), templates_dir, _ui_font())
        self.watcher = Watcher(file, [templates_dir, *fs.folders], self.session.request_build)
        self.server: PreviewServer | None = None
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        """Where the page is."""
        return f"http://{HOST}:{self.app.port}/"

    def listen(self) -> None:
        """Take the port (after checking that the file can be read); InputError when either cannot be had."""
        problems: list[Problem] = []
        try:
            read_bytes(self.file, str(self.file))
        except InputError as err:
            problems.extend(err.problems)
        try:
            self.server = PreviewServer(self.port, self.app)
        except OSError as error:
            problems.append(_port_problem(self.port, error))
        if problems:
            self.stop()
            raise InputError(problems)

    def start(self) -> Snapshot:
        """Watch, build once, then serve and rebuild on every save; returns the first build's state."""
        if self.server is None:
            self.listen()
        assert self.server is not None
        self.watcher.start()  # before the first build, so that a save made during it is not missed
        first = self.session.build_now()
        self._threads = [threading.Thread(target=self.session.run, name="preview-build", daemon=True),
                         threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.2},
                                          name="preview-serve", daemon=True)]
        for thread in self._threads:
            thread.start()
        return first

    def stop(self) -> None:
        """Stop watching, building and serving."""
        self.watcher.stop()
        self.session.stop()
        if self.server is not None:
            if self._threads:
                self.server.shutdown()
            self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=10)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGTERM ends the preview as Ctrl-C does."""
    raise KeyboardInterrupt


def serve(file: Path, kind: str, lang: str | None, font: str, port: int) -> int:
    """Run the preview until Ctrl-C or SIGTERM; InputError (exit 2) when the file or the port cannot be had."""
    preview = Preview(file, Selection(kind, lang), font, port)  # type: ignore[arg-type]
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        preview.listen()
        print(f"Preview of {file} on {preview.url} (Ctrl-C to stop)", flush=True)
        preview.start()
        threading.Event().wait()
    except KeyboardInterrupt:
        print("preview stopped", flush=True)
    finally:
        preview.stop()
        signal.signal(signal.SIGTERM, previous)
    return 0
