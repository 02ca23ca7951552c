"""Fewer frames and less work per frame: new results lay nothing out and go out with their
status line in one frame, the footer is in the first frame and is not rebuilt for nothing,
and the reader's start pauses garbage collection and skips TLS only in its own process."""
from __future__ import annotations

import gc
import sys

from tests.tui.conftest import settle
from tui import startup
from tui.screens.covered import QuietFooter
from tui.widgets.results import ResultsList
from tui.widgets.search_input import SearchInput


def _spy_layouts(screen) -> list[object]:
    calls: list[object] = []
    original = screen._refresh_layout

    def spy(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    screen._refresh_layout = spy
    return calls


def _spy_frames(app) -> list[object]:
    frames: list[object] = []
    display = app._display

    def recording(screen, renderable):
        if renderable is not None:
            frames.append(renderable)
        return display(screen, renderable)

    app._display = recording
    return frames


async def test_new_results_lay_out_nothing_and_come_in_one_frame_with_the_status_line(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        layouts = _spy_layouts(screen)
        frames = _spy_frames(app)
        results = screen.query_one(ResultsList)
        shown: list[int] = []
        for query in ("the", "bakery", "the", "trucks"):  # lists of different lengths
            before = len(frames)
            screen.start_search(query)
            await settle(pilot, app)
            new = frames[before:]
            assert results.hits and len(new) == 1, (query, new)
            rows = {y for y, _x1, _x2 in new[0].spans}
            assert screen.query_one("#status").region.y in rows and results.region.y in rows
            shown.append(len(results.hits))
            if len(shown) == 1:
                layouts.clear()  # the status line's first text after mount measures its height
        assert len(set(shown)) > 1
        assert layouts == []


async def test_the_footer_is_in_the_first_frame_and_not_rebuilt_for_the_same_keys(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(QuietFooter)
        assert "Search" in " ".join(str(key.render()) for key in footer.children)
        recomposed: list[bool] = []
        original = footer.recompose

        async def spy():
            recomposed.append(True)
            return await original()

        footer.recompose = spy
        footer.bindings_changed(app.screen)  # what a focus change signals: the same keys
        await pilot.pause(0.1)
        assert recomposed == []
        app.screen.query_one(ResultsList).focus()  # keys of its own (read, star): rebuilt
        await pilot.pause(0.1)
        assert recomposed


def test_collections_are_paused_then_frozen_only_for_the_reader(monkeypatch):
    monkeypatch.setattr(startup, "_held", False)
    monkeypatch.setattr(startup, "_managed", False)
    gc.enable()
    gc.unfreeze()  # an earlier test in this process may have frozen its heap
    startup.freeze_loaded()  # not the reader: nothing frozen
    startup.release_collections()
    assert gc.isenabled() and gc.get_freeze_count() == 0
    try:
        startup.hold_collections()
        assert not gc.isenabled() and startup.manages_heap()
        startup.release_collections()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_imports_without_tls_see_no_ssl_and_a_later_import_works(monkeypatch):
    monkeypatch.delitem(sys.modules, "ssl", raising=False)
    with startup.without_tls():
        try:
            import ssl  # noqa: F401
        except ImportError:
            blocked = True
        else:
            blocked = False
    assert blocked
    import ssl  # noqa: F811

    assert ssl.OPENSSL_VERSION
