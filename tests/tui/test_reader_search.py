"""Pilot tests of the search screen against the in-memory engine."""
from __future__ import annotations


from textual.widgets import Static

from tests.tui.conftest import FakeEngine, bakery_article, plain_article, seed_articles, settle
from tui.screens.search import SearchScreen
from tui.widgets.results import ResultsList
from tui.widgets.search_input import SearchInput


async def test_typing_a_query_shows_hits_with_count_and_time(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"bakery")
        await settle(pilot, app)
        results = app.screen.query_one(ResultsList)
        ids = [h.id for h in results.hits]
        assert set(ids) == {"bakery", "markup", "plain"}
        status = str(app.screen.query_one("#status", Static).render())
        assert "3 hits" in status and " ms" in status
        # the snippet's matched term is highlighted with a span over exactly "bakery"
        hit_text = []
        for index in range(len(ids)):
            prompt = results.get_option_at_index(index).prompt
            hit_text += [prompt.plain[s.start:s.end] for s in prompt.spans if "accent" in str(s.style)]
        assert hit_text and all(t.lower() == "bakery" for t in hit_text)


async def test_debounce_searches_once_per_pause(make_app, fake_engine, monkeypatch):
    # A long debounce so a loaded test machine cannot split the burst of keys.
    monkeypatch.setattr("tui.screens.search.DEBOUNCE_S", 1.0)
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"trucks")
        assert fake_engine.queries == []
        await pilot.pause(1.2)
        await settle(pilot, app)
        assert fake_engine.queries == ["trucks"]


async def test_stale_results_from_a_slow_search_are_never_shown(make_app):
    engine = FakeEngine([bakery_article(), plain_article(), *seed_articles()], delays={"bak": 1.0})
    app = make_app(engine)
    shown: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        original = screen._show_result

        def spy(result, generation):
            original(result, generation)
            if result is not None and screen.result is result:
                shown.append(result.query)

        screen._show_result = spy
        box = screen.query_one(SearchInput)
        box.value = "bak"
        for _ in range(100):  # wait until the slow search is under way
            await pilot.pause(0.05)
            if engine.queries:
                break
        assert engine.queries == ["bak"]
        box.value = "bakery"
        await pilot.pause(1.3)  # "bak" returns after "bakery" was answered
        await settle(pilot, app)
        assert engine.queries == ["bak", "bakery"]
        assert shown == ["bakery"]
        assert {h.id for h in screen.query_one(ResultsList).hits} == {"bakery", "plain"}


async def test_did_you_mean_is_offered_and_enter_accepts_it(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"bakeyr")
        await settle(pilot, app)
        status = str(app.screen.query_one("#status", Static).render())
        assert "Did you mean: bakery?" in status
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen.query_one(SearchInput).value == "bakery"
        assert len(app.screen.query_one(ResultsList).hits) == 3


async def test_query_error_is_one_line(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*'"bakery')
        await settle(pilot, app)
        status = str(app.screen.query_one("#status", Static).render())
        assert "unbalanced quotation mark" in status and "\n" not in status


async def test_letters_typed_in_the_box_are_text_not_commands(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"qjkgGmfe?")
        await settle(pilot, app)
        assert app.is_running
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(SearchInput).value == "qjkgGmfe?"


async def test_history_with_up_and_down(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(100, 30)) as pilot:
        box = app.screen.query_one(SearchInput)
        for query in ("trucks", "bakery"):
            box.value = ""
            await pilot.press(*query, "enter")
            await settle(pilot, app)
            if not isinstance(app.screen, SearchScreen):
                await pilot.press("escape")
            app.screen.query_one(SearchInput).focus()
        box.value = ""
        await pilot.press("up")
        assert box.value == "bakery"
        await pilot.press("up")
        assert box.value == "trucks"
        await pilot.press("down", "down")
        assert box.value == ""


async def test_last_query_and_article_come_back_next_run(make_app, fake_engine, tmp_path):
    from tui.data.state import ReadState

    state = ReadState.load(tmp_path / "remember.json")
    state.remember_query("bakery")
    state.last_article = "plain"
    state.save()
    app = make_app(fake_engine, state=ReadState.load(tmp_path / "remember.json"))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        assert app.screen.query_one(SearchInput).value == "bakery"
        results = app.screen.query_one(ResultsList)
        assert results.current_hit is not None and results.current_hit.id == "plain"
