"""Long builds show stage, count and rate on a terminal, and nothing in CI logs or pipes."""

from __future__ import annotations

import io

import pytest

from archivist.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_stage(progress: Progress) -> None:
    progress.start("clean articles", 3)
    for _ in range(3):
        progress.advance()
    progress.finish()


def test_a_terminal_sees_one_updating_line_with_stage_count_and_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream = Terminal()
    run_stage(Progress(stream))
    shown = stream.getvalue()
    assert "archive: clean articles 3/3" in shown and "/s)" in shown
    assert "\n" not in shown  # one line, rewritten in place
    assert shown.endswith("\r")  # and erased at the end


def test_ci_and_pipes_see_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    terminal = Terminal()
    run_stage(Progress(terminal))
    assert terminal.getvalue() == ""
    monkeypatch.delenv("CI")
    pipe = io.StringIO()
    run_stage(Progress(pipe))
    assert pipe.getvalue() == ""


def test_a_log_line_erases_the_progress_line_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream = Terminal()
    progress = Progress(stream)
    progress.start("render", 10)
    progress.advance()
    assert progress.filter(object()) is True
    assert stream.getvalue().endswith("\r")
