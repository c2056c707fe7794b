"""One call computed in a forked child process while this process goes on (the PDF beside the DOCX).

A build makes the PDF (WeasyPrint) and the DOCX (python-docx) from the same checked HTML; on
a machine with two cores or more they take turns on neither. The child gets a copy of the
process as it is (fork), computes the call, sends back its value or its input problems through
a pipe and exits; it writes no file and runs no cleanup of the parent's (`os._exit`). The call
may be given later than the fork: the child first runs a warm-up (WeasyPrint's imports) while
this process checks the input the call needs, then waits for the call. Where forking is not
safe or not worth it (no fork, one core, other threads running: the preview), the call is
simply made when its result is asked for.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from generator.errors import InputError


def _cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _read_all(fd: int) -> bytes:
    """Everything written to the pipe `fd` until it is closed (then closed here too)."""
    with os.fdopen(fd, "rb") as pipe:
        return pipe.read()


def _nothing() -> None:
    """No warm-up."""


class Pending:
    """The result of `function(*args)`, computed in a child process when forking is worthwhile.

    `Pending(function, *args)` forks and starts the call at once; `Pending(warm_up=w)` forks,
    runs `w()` in the child, and the call is given later with `call(function, *args)`.
    """

    def __init__(self, function: Callable[..., Any] | None = None, *args: Any,
                 warm_up: Callable[[], Any] = _nothing) -> None:
        self.function, self.args = function, args
        self.pid: int | None = None
        self.pipe: int | None = None  # the child's answer
        self.request: int | None = None  # the call, when it is given after the fork
        if hasattr(os, "fork") and _cores() > 1 and threading.active_count() == 1:
            self._fork(warm_up)

    def _fork(self, warm_up: Callable[[], Any]) -> None:
        """Start the child, which warms up, gets the call, computes it and writes (kind, value) to the pipe."""
        read, write = os.pipe()
        request_read, request_write = os.pipe() if self.function is None else (None, None)
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read)
            if request_write is not None:
                os.close(request_write)
            os._exit(self._child(warm_up, request_read, write))
        os.close(write)
        if request_read is not None:
            os.close(request_read)
        self.pid, self.pipe, self.request = pid, read, request_write

    def _child(self, warm_up: Callable[[], Any], request: int | None, answer: int) -> int:
        """The child's work; its exit status."""
        try:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            given: list[bytes] = []
            if request is not None:  # read while warming up, or the parent would wait on a full pipe
                reader = threading.Thread(target=lambda: given.append(_read_all(request)))
                reader.start()
            warm_up()
            if request is not None:
                reader.join()
                if not given[0]:  # cancelled before the call was given
                    return 0
                self.function, self.args = pickle.loads(given[0])
            assert self.function is not None
            try:
                message = ("value", self.function(*self.args))
            except InputError as err:
                message = ("problems", err.problems)
            with os.fdopen(answer, "wb") as out:
                pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
            return 0
        except BrokenPipeError:  # the parent is gone (killed): nobody wants the result
            return 1
        except BaseException:  # a bug: its traceback on stderr, the parent fails on the empty pipe
            traceback.print_exc(file=sys.stderr)
            return 1

    def call(self, function: Callable[..., Any], *args: Any) -> None:
        """Give the call (once, after `Pending(warm_up=...)`); the child starts it when warmed up."""
        assert self.function is None, "the call was given already"
        self.function, self.args = function, args
        if self.request is None:
            return
        request, self.request = self.request, None
        try:
            with os.fdopen(request, "wb") as out:
                pickle.dump((function, args), out, protocol=pickle.HIGHEST_PROTOCOL)
        except BrokenPipeError:  # the child failed while warming up: result() says so
            pass

    def result(self) -> Any:
        """The call's value; raises the InputError it raised, or RuntimeError when the child failed."""
        assert self.function is not None, "no call was given"
        if self.pid is None:
            return self.function(*self.args)
        assert self.pipe is not None
        data, self.pipe = _read_all(self.pipe), None
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if status != 0 or not data:
            raise RuntimeError(f"the process computing {self.function.__name__} failed "
                               f"(wait status {status}; its error is printed above)")
        kind, value = pickle.loads(data)
        if kind == "problems":
            raise InputError(value)
        return value

    def cancel(self) -> None:
        """Stop the child if it still runs (the parent failed or was stopped)."""
        for name in ("request", "pipe"):
            if getattr(self, name) is not None:
                os.close(getattr(self, name))
                setattr(self, name, None)
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None

    def __enter__(self) -> Pending:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.cancel()
