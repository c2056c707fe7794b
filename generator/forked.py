"""One call computed in a forked child process while this process goes on (the DOCX beside the PDF).

A build makes the PDF (WeasyPrint) and the DOCX (python-docx) from the same checked HTML; on
a machine with two cores or more they take turns on neither. The child gets a copy of the
process as it is (fork), computes the call, sends back its value or its input problems through
a pipe and exits; it writes no file and runs no cleanup of the parent's (`os._exit`). Where
forking is not safe or not worth it (no fork, one core, other threads running: the preview),
the call is simply made when its result is asked for.
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


class Pending:
    """The result of `function(*args)`, computed in a child process when forking is worthwhile."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        self.function, self.args = function, args
        self.pid: int | None = None
        self.pipe: int | None = None
        if hasattr(os, "fork") and _cores() > 1 and threading.active_count() == 1:
            self._fork()

    def _fork(self) -> None:
        """Start the child, which computes the call and writes (kind, value) to the pipe."""
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read)
            status = 0
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                try:
                    message = ("value", self.function(*self.args))
                except InputError as err:
                    message = ("problems", err.problems)
                with os.fdopen(write, "wb") as out:
                    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
            except BrokenPipeError:  # the parent is gone (killed): nobody wants the result
                status = 1
            except BaseException:  # a bug: its traceback on stderr, the parent fails on the empty pipe
                traceback.print_exc(file=sys.stderr)
                status = 1
            finally:
                os._exit(status)
        os.close(write)
        self.pid, self.pipe = pid, read

    def result(self) -> Any:
        """The call's value; raises the InputError it raised, or RuntimeError when the child failed."""
        if self.pid is None:
            return self.function(*self.args)
        assert self.pipe is not None
        with os.fdopen(self.pipe, "rb") as pipe:
            self.pipe = None
            data = pipe.read()
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
        if self.pipe is not None:
            os.close(self.pipe)
            self.pipe = None
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
