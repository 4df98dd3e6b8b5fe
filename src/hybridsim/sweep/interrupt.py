"""A Ctrl-C that a sweep cannot miss.

Python turns SIGINT into KeyboardInterrupt wherever the main thread happens to be; when that is
inside an object's destructor or a garbage-collector callback (writing Parquet parts makes
many), the exception is printed as "ignored" and the sweep would run on to the end. While a
sweep runs, SIGINT also sets a flag that the sweep checks after every batch, so the stop
happens at the latest one batch later.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType


class InterruptWatch:
    """Context manager: while active, Ctrl-C raises KeyboardInterrupt *and* is remembered."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: object = None
        self._installed = False

    def __enter__(self) -> InterruptWatch:
        # Only the main thread may set handlers; leave any handler other than Python's default
        # (a notebook kernel's, an embedding application's) alone.
        if (threading.current_thread() is threading.main_thread()
                and signal.getsignal(signal.SIGINT) is signal.default_int_handler):
            self._previous = signal.signal(signal.SIGINT, self._on_sigint)
            self._installed = True
        return self

    def _on_sigint(self, signum: int, frame: FrameType | None) -> None:
        self.requested = True
        raise KeyboardInterrupt

    def check(self) -> None:
        """Raise KeyboardInterrupt if Ctrl-C came and was swallowed on its way."""
        if self.requested:
            raise KeyboardInterrupt

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]
