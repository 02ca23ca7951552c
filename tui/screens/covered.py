"""Screens that stay off the terminal while an opaque screen covers them.

Textual treats the screen under the top one as visible (it could show through a translucent
modal), so anything that repaints it - its footer recomposing when it is suspended, a result
list updated behind the article - is forwarded to the top screen as a repaint of the whole
terminal: about 11 KB at 100x30, seconds after an article opened. Under an opaque screen
nothing of it can be seen, so its updates are dropped; its layout stays current, and Textual
repaints it in full when it is shown again.
"""
from __future__ import annotations

from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._toast import ToastRack


def covered(screen: Screen) -> bool:
    """True when a screen above `screen` in the app's stack has an opaque background."""
    stack = screen.app.screen_stack
    if screen not in stack:
        return False
    above = stack[stack.index(screen) + 1 :]
    return any(other.styles.background.a >= 1 for other in above)


class QuietWhenCovered(Screen):
    """A Screen that writes nothing to the terminal while `covered`, and lays itself out
    once when it is shown.

    Textual lays a screen out when it is pushed, then sends the screen a Resize for its new
    (unchanged) size, which lays it out and repaints the whole terminal a second time.
    A Resize to the size the screen was last laid out at is skipped here.
    """

    _laid_out_at: Size | None = None

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:  # Textual 8 private
        super()._refresh_layout(size, scroll)
        self._laid_out_at = self.outer_size if size is None else size

    def _screen_resized(self, size: Size) -> None:  # Textual 8 private: called on Resize
        if size == self._laid_out_at:
            return
        super()._screen_resized(size)

    def on_mount(self) -> None:
        # The toast rack is shown, then hidden once the screen is up when there is nothing
        # to show: a layout and a full repaint for nothing. Start it hidden instead.
        if not self.app._notifications:  # Textual 8 private: the notifications showing
            for rack in self.query_children(ToastRack):
                rack.display = False

    def _compositor_refresh(self) -> None:  # Textual 8 private hook: paints dirty regions
        if self.is_attached and self.app.screen is not self and covered(self):
            self._compositor._dirty_regions.clear()
            self._dirty_widgets.clear()
            return
        super()._compositor_refresh()


class QuietFooter(Footer):
    """A Footer that shows its keys in the screen's first frame and rebuilds them only when
    the keys it shows change, and only on the top screen.

    A stock Footer composes empty, then fills in its keys a frame later, and rebuilds them
    (a frame of its own) whenever the bindings may have changed: on focus moving between
    widgets whose bindings it does not show, on a screen being suspended and resumed. Here
    it builds them at once and skips a rebuild that would draw the same keys. Suspending a
    screen refreshes its bindings, and resuming refreshes them again, so nothing is missed
    by waiting for the top screen.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.set_reactive(Footer._bindings_ready, True)
        self._composed: tuple | None = None  # the keys composed last (see _shown)

    def _shown(self) -> tuple:
        """What the footer would show: the bindings it draws, as drawn, and the palette key."""
        app = self.app
        return tuple(
            (key, binding.key, app.get_key_display(binding), binding.description, binding.action,
             enabled, tooltip, binding.group)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        ) + (self.show_command_palette and app.ENABLE_COMMAND_PALETTE, self.compact)

    def compose(self):
        self._composed = self._shown()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if screen is not self.app.screen:
            return
        if self.is_attached and screen is self.screen and self._composed == self._shown():
            return
        super().bindings_changed(screen)
