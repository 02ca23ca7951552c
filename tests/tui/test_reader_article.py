"""Pilot tests of the article screen: highlights, side panel, copying, keys."""
from __future__ import annotations

import json

import pyperclip
from textual.widgets import Static, TabbedContent

from tests.tui.conftest import settle
from tui.render import ENTITY_STYLES, SELECTED_STYLE, TERM_STYLE
from tui.screens.article import ArticleScreen
from tui.screens.search import SearchScreen
from tui.widgets.article_view import ArticleView, Body
from tui.widgets.results import ResultsList
from tui.widgets.search_input import SearchInput
from tui.widgets.side_panel import EntityList, NumberList, QuoteList, SidePanel


async def open_first(pilot, app, query: str) -> ArticleScreen:
    await pilot.press(*query)
    await settle(pilot, app)
    await pilot.press("enter")
    await settle(pilot, app)
    assert isinstance(app.screen, ArticleScreen)
    return app.screen


def styled_texts(view: ArticleView, style: str) -> list[str]:
    content = view.body_content
    return [content.plain[s.start:s.end] for s in content.spans if s.style == style]


def on_screen(view: ArticleView, offset: int) -> bool:
    """Is the body row holding `offset` inside the visible part of the view?"""
    row = view.query_one(Body).virtual_region.y + view.line_of(offset)
    return view.scroll_y <= row < view.scroll_y + view.scrollable_content_region.height


async def test_opening_an_article_highlights_entities_by_type(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_first(pilot, app, "trucks")
        view = screen.query_one(ArticleView)
        assert view.article.id == "bakery"
        assert styled_texts(view, ENTITY_STYLES["PERSON"]) == ["Paul Bradley", "Adnan Afrin"]
        assert styled_texts(view, ENTITY_STYLES["ORG"]) == ["Free Burma Rangers", "AFP"]
        assert styled_texts(view, ENTITY_STYLES["PLACE"]) == ["Baghouz", "Baghouz"]
        assert styled_texts(view, TERM_STYLE) == ["trucks"]
        legend = str(view.query_one("#legend", Static).visual)
        assert "person 2" in legend and "organisation 2" in legend and "place 2" in legend
        await pilot.press("e")
        assert styled_texts(view, ENTITY_STYLES["PERSON"]) == []
        assert styled_texts(view, TERM_STYLE) == ["trucks"]  # search terms stay
        await pilot.press("e")
        assert styled_texts(view, ENTITY_STYLES["PERSON"]) == ["Paul Bradley", "Adnan Afrin"]
        # the article was marked read and remembered
        assert app.state.is_read("bakery") and app.state.last_article == "bakery"
        saved = json.loads(app.state.path.read_text())
        assert "bakery" in saved["read"] and saved["last_article"] == "bakery"


async def test_side_panel_lists_numbers_quotes_and_entities(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_first(pilot, app, "trucks")
        numbers = screen.query_one(NumberList)
        labels = [str(numbers.get_option_at_index(i).prompt) for i in range(numbers.option_count)]
        assert labels == ["\u226517 trucks", ">2,500 children", "$16/kg bread"]
        quotes = screen.query_one(QuoteList)
        assert str(quotes.get_option_at_index(0).prompt).startswith("Paul Bradley \u2014 They said the food")
        entities = screen.query_one(EntityList)
        texts = [str(entities.get_option_at_index(i).prompt) for i in range(entities.option_count)]
        assert texts[0].startswith("\u25a0 Adnan Afrin") or texts[0].startswith("\u25a0 Paul Bradley")
        assert any(t.startswith("\u25a0 Baghouz \u00d72 place") for t in texts)


async def test_selecting_a_quote_scrolls_to_it_and_highlights_it(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_first(pilot, app, "trucks")
        view = screen.query_one(ArticleView)
        assert view.scroll_y == 0
        quotes = screen.query_one(QuoteList)
        quotes.focus()
        await pilot.press("down")  # the second quote, near the end of a long article
        await settle(pilot, app)
        quote = screen.query_one(SidePanel).quotes[1]
        assert styled_texts(view, SELECTED_STYLE) == [quote["text"]]
        assert view.scroll_y > 20
        assert on_screen(view, quote["start"]) and on_screen(view, quote["end"] - 1)
        assert not on_screen(view, 0)
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "There are still large groups" in shown and "Aid workers reached" not in shown


async def test_c_copies_the_exact_quote_and_C_the_citation(make_app, fake_engine, system_clipboard):
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_first(pilot, app, "trucks")
        await pilot.press("c")  # the list's selected quote is the first one from the start
        assert app.clipboard == "They said the food situation was very bad,"
        screen.query_one(QuoteList).focus()
        await pilot.press("down")
        await settle(pilot, app)
        await pilot.press("c")
        assert app.clipboard == "There are still large groups of civilians inside,"
        assert system_clipboard[-1] == app.clipboard
        await pilot.press("C")
        assert app.clipboard == (
            "\u201cThere are still large groups of civilians inside,\u201d \u2014 Adnan Afrin, Test Wire, 2019-02-21"
            "\nhttps://example.org/baghouz"
        )
        notices = [n.message for n in app._notifications]
        assert "copied quote via OSC 52 (terminal) + system clipboard" in notices
        await pilot.press("s")
        clippings = (app.state.path.parent / "clippings.md").read_text()
        assert "> There are still large groups of civilians inside," in clippings
        assert "> \u2014 Adnan Afrin, Test Wire, 2019-02-21" in clippings


async def test_pyperclip_failing_does_not_crash(make_app, fake_engine, monkeypatch):
    def broken(text):
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism for your system.")

    monkeypatch.setattr(pyperclip, "copy", broken)
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_first(pilot, app, "trucks")
        screen.query_one(QuoteList).focus()
        await pilot.press("home")
        await settle(pilot, app)
        await pilot.press("c")
        assert app.is_running
        assert app.clipboard == "They said the food situation was very bad,"
        assert [n.message for n in app._notifications][-1] == "copied quote via OSC 52 (terminal)"


async def test_n_and_N_walk_the_search_hits(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_first(pilot, app, "baghouz")
        view = screen.query_one(ArticleView)
        assert len(view.hits) == 2
        await pilot.press("n")
        assert view.spans.selected == view.hits[0]
        await pilot.press("n")
        assert view.spans.selected == view.hits[1]
        assert view.scroll_y > 20 and on_screen(view, view.hits[1][0])
        await pilot.press("N")
        assert view.spans.selected == view.hits[0]


async def test_brackets_move_between_results_and_esc_goes_back(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_first(pilot, app, "bakery")
        first = screen.query_one(ArticleView).article.id
        await pilot.press("right_square_bracket")
        await settle(pilot, app)
        second = screen.query_one(ArticleView).article.id
        assert second != first
        await pilot.press("left_square_bracket")
        await settle(pilot, app)
        assert screen.query_one(ArticleView).article.id == first
        await pilot.press("escape")
        assert isinstance(app.screen, SearchScreen)
        assert app.state.is_read(first) and app.state.is_read(second)


async def test_markup_in_article_text_shows_literally(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*"link")
        await settle(pilot, app)
        results = app.screen.query_one(ResultsList)
        assert "[bold red]x[/] [@click=app.quit]y[/]" in str(results.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await settle(pilot, app)
        view = app.screen.query_one(ArticleView)
        title = view.query_one(".title", Static)
        assert str(title.visual) == "[bold red]x[/] [@click=app.quit]y[/]"
        await pilot.click(ArticleView, offset=(3, 1))  # clicking the "link" does not quit
        assert app.is_running
        assert "[i]Source[/i]" in str(view.query(".meta").first(Static).visual)
        body = view.body_content
        assert body.plain.startswith("Body with [bold red]markup[/] and [@click=app.quit]a link[/]")


async def test_not_enriched_article_says_so_and_has_no_highlights(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_first(pilot, app, "unenriched")
        panel = screen.query_one(SidePanel)
        assert panel.query_one("#panel-note", Static).display
        assert str(panel.query_one("#panel-note", Static).visual) == "not enriched yet"
        view = screen.query_one(ArticleView)
        assert [s for s in view.body_content.spans if s.style != TERM_STYLE] == []
        await pilot.press("c")
        assert app.is_running and app.clipboard == ""


async def test_selecting_an_entity_searches_for_it(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_first(pilot, app, "trucks")
        screen.query_one(TabbedContent).active = "tab-entities"
        entities = screen.query_one(EntityList)
        entities.focus()
        await pilot.pause()
        index = next(i for i, e in enumerate(screen.query_one(SidePanel).entities) if e[1] == "Paul Bradley")
        entities.highlighted = index
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(SearchInput).value == 'person:"Paul Bradley"'
        assert [h.id for h in app.screen.query_one(ResultsList).hits] == ["bakery"]


async def test_m_and_f_toggle_read_and_star(make_app, fake_engine):
    app = make_app(fake_engine)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press(*"trucks")
        await settle(pilot, app)
        app.screen.query_one(ResultsList).focus()
        await pilot.press("f", "m")
        assert "bakery" in app.state.starred and app.state.is_read("bakery")
        await pilot.press("m")
        assert not app.state.is_read("bakery")
        saved = json.loads(app.state.path.read_text())
        assert saved["starred"] == ["bakery"] and saved["read"] == []
        assert str(app.screen.query_one(ResultsList).get_option_at_index(0).prompt).startswith("\u2605 ")
