"""generator/forked.py: a call made in a child process gives the same value, problems and failures."""

from __future__ import annotations

import os
import threading

import pytest

from generator.errors import InputError, Problem
from generator.forked import Pending


def _pid_and_square(x: int) -> tuple[int, int]:
    return os.getpid(), x * x


def _problem() -> None:
    raise InputError([Problem("is wrong (do this)", "a.b", file="x.yaml")])


def _bug() -> None:
    raise ZeroDivisionError("a bug")


def test_the_value_comes_from_a_child_process_when_there_are_two_cores() -> None:
    pending = Pending(_pid_and_square, 7)
    pid, square = pending.result()
    assert square == 49
    assert (pid != os.getpid()) == (len(os.sched_getaffinity(0)) > 1)


def test_input_problems_come_back_as_they_were() -> None:
    with pytest.raises(InputError) as error:
        Pending(_problem).result()
    assert [str(p) for p in error.value.problems] == ["x.yaml: a.b: is wrong (do this)"]


def test_a_bug_in_the_child_fails_the_parent(capfd: pytest.CaptureFixture[str]) -> None:
    pending = Pending(_bug)
    if pending.pid is None:
        pytest.skip("one core: the call is made in this process")
    with pytest.raises(RuntimeError, match="_bug failed"):
        pending.result()
    assert "ZeroDivisionError: a bug" in capfd.readouterr().err


def test_no_fork_while_other_threads_run() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        pending = Pending(_pid_and_square, 3)
        assert pending.pid is None
        assert pending.result() == (os.getpid(), 9)
    finally:
        stop.set()
        thread.join()


def test_cancel_stops_the_child() -> None:
    pending = Pending(_pid_and_square, 2)
    pid = pending.pid
    pending.cancel()
    assert pending.pid is None
    if pid is not None:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def _warm_up() -> None:
    os.environ["FORKED_TEST_WARMED"] = str(os.getpid())


def _pid_and_warmed(x: bytes) -> tuple[int, str | None, int]:
    return os.getpid(), os.environ.get("FORKED_TEST_WARMED"), len(x)


def test_a_call_given_after_the_warm_up_runs_in_the_warmed_child() -> None:
    pending = Pending(warm_up=_warm_up)
    child = pending.pid
    big = b"x" * 1_000_000  # more than a pipe holds: giving the call must not wait for the warm-up
    pending.call(_pid_and_warmed, big)
    pid, warmed, size = pending.result()
    assert size == len(big)
    if child is None:  # one core: the call is made here, without the warm-up
        assert (pid, warmed) == (os.getpid(), None)
    else:
        assert (pid, warmed) == (child, str(child))
    assert "FORKED_TEST_WARMED" not in os.environ


def test_problems_of_a_call_given_later_come_back() -> None:
    pending = Pending(warm_up=_warm_up)
    pending.call(_problem)
    with pytest.raises(InputError) as error:
        pending.result()
    assert [str(p) for p in error.value.problems] == ["x.yaml: a.b: is wrong (do this)"]


def test_cancel_before_the_call_is_given_stops_the_waiting_child() -> None:
    with Pending(warm_up=_warm_up) as pending:
        pid = pending.pid
    assert pending.pid is None
    if pid is not None:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_a_warm_up_that_fails_fails_the_parent(capfd: pytest.CaptureFixture[str]) -> None:
    pending = Pending(warm_up=_bug)
    if pending.pid is None:
        pytest.skip("one core: the call is made in this process, without the warm-up")
    pending.call(_pid_and_square, 2)
    with pytest.raises(RuntimeError, match="_pid_and_square failed"):
        pending.result()
    assert "ZeroDivisionError: a bug" in capfd.readouterr().err
