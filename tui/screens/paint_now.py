"""Screens that paint a change as soon as the app is idle, not on the paint timer's beat."""
from __future__ import annotations

import time

from textual import constants
from textual.screen import Screen

PAINT_PERIOD = 1 / constants.MAX_FPS


class PaintsWhenIdle(Screen):
    """The search screen answers keystrokes with two frames, the echo then the results: the
    second comes soon after the first, when Textual's paint timer would delay it most."""

    _painted_at = 0.0  # time.monotonic() of the last frame (see _on_idle)

    async def _on_idle(self, event) -> None:  # Textual 8 private: schedules the next frame
        """A change is painted at once when the last frame is a frame period old.

        Textual resumes its paint timer here, and the timer, running on a beat of its own,
        fires after skipping to the beat after the next one: a change made soon after a
        frame (the results that follow a keystroke's echo) waits one to two frame periods
        before it is painted. Frames still come at most MAX_FPS a second: within a frame
        period of the last one, the timer paints, as before.
        """
        if (
            not self.app._batch_count
            and self.is_current
            and time.monotonic() - self._painted_at >= PAINT_PERIOD
            and (
                self._layout_required
                or self._scroll_required
                or self._repaint_required
                or self._recompose_required
                or self._dirty_widgets
            )
        ):
            event.prevent_default()
            self._on_timer_update()
            return
        await super()._on_idle(event)

    def _on_timer_update(self) -> None:  # Textual 8 private: lays out and paints
        self._painted_at = time.monotonic()
        super()._on_timer_update()
