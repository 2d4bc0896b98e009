"""Progress of a long build: stage, count and rate on one updating terminal line.

Shown only on a terminal (stderr is a TTY) and never in CI (``CI`` set, as CI
services do), so build logs stay quiet. The line is rewritten in place at most
ten times a second and erased when the stage ends, so it never mixes with the
build's own log lines. The pipeline takes any object with ``start``,
``advance`` and ``finish``; ``Progress(enabled=False)`` is silent.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

INTERVAL = 0.1  # seconds between redraws


def wanted(stream: TextIO) -> bool:
    """True when progress belongs on ``stream``: a terminal, outside CI."""
    if os.environ.get("CI"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """Stage, count and rate of a build, on one line of ``stream`` (stderr)."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None, prefix: str = "archive") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = wanted(self.stream) if enabled is None else enabled
        self.prefix = prefix
        self.stage = ""
        self.total = 0
        self.done = 0
        self.began = 0.0
        self.drawn = 0.0
        self.width = 0

    def start(self, stage: str, total: int = 0) -> None:
        """A new stage of ``total`` items (0: not counted)."""
        self.finish()
        self.stage, self.total, self.done = stage, total, 0
        self.began = time.monotonic()
        self.drawn = 0.0
        self._draw(force=True)

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._draw(force=self.done == self.total)

    def finish(self) -> None:
        """Erase the line (the stage is over)."""
        self.clear()
        self.stage = ""

    def clear(self) -> None:
        """Erase the line now (a log line is about to be written); the next update redraws it."""
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.drawn = 0.0
        self.width = 0

    def filter(self, record: object) -> bool:
        """As a ``logging`` filter on a handler: erase the line before each log line."""
        self.clear()
        return True

    def line(self) -> str:
        """What the progress line says now."""
        elapsed = time.monotonic() - self.began
        text = f"{self.prefix}: {self.stage}"
        if self.total:
            text += f" {self.done}/{self.total}"
        elif self.done:
            text += f" {self.done}"
        if self.done and elapsed > 0:
            text += f" ({self.done / elapsed:,.0f}/s)"
        return text + f" {elapsed:.1f} s"

    def _draw(self, force: bool = False) -> None:
        if not self.enabled or not self.stage:
            return
        now = time.monotonic()
        if not force and now - self.drawn < INTERVAL:
            return
        self.drawn = now
        text = self.line()
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = max(self.width, len(text))
