"""The side panel: Quotes, Numbers and Entities of the open article, in tabs."""
from __future__ import annotations

from collections import Counter

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.binding import Binding
from textual.widgets import OptionList, Static, TabbedContent, TabPane, Tabs
from textual.widgets.option_list import Option

from tui.render import ENTITY_NAMES, ENTITY_STYLES, number_label, quote_label
from tui.widgets.nav_list import NavList

LISTED_ENTITIES = ("PERSON", "ORG", "PLACE")
# The query field each listed entity type searches.
ENTITY_FIELDS = {"PERSON": "person", "ORG": "org", "PLACE": "place"}


class QuoteList(NavList):
    pass


class NumberList(NavList):
    pass


class EntityList(NavList):
    pass


def entity_counts(extraction: dict | None) -> list[tuple[str, str, int]]:
    """(label, text, mentions) for people, organisations and places, most mentioned first."""
    counts: Counter[tuple[str, str]] = Counter()
    for ent in (extraction or {}).get("entities", []):
        if ent.get("label") in LISTED_ENTITIES and str(ent.get("text", "")).strip():
            counts[(ent["label"], " ".join(str(ent["text"]).split()))] += 1
    order = {label: i for i, label in enumerate(LISTED_ENTITIES)}
    return [
        (label, text, n)
        for (label, text), n in sorted(counts.items(), key=lambda kv: (order[kv[0][0]], -kv[1], kv[0][1].lower()))
    ]


TAB_ORDER = ("tab-quotes", "tab-numbers", "tab-entities")


class SidePanel(Vertical):
    BINDINGS = [
        Binding("right,l", "switch_tab(1)", "Next list", show=False),
        Binding("left,h", "switch_tab(-1)", "Previous list", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.quotes: list[dict] = []
        self.numbers: list[dict] = []
        self.entities: list[tuple[str, str, int]] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="panel-note")
        with TabbedContent(id="panel-tabs"):
            with TabPane("Quotes", id="tab-quotes"):
                yield QuoteList(id="quotes")
            with TabPane("Numbers", id="tab-numbers"):
                yield NumberList(id="numbers")
            with TabPane("Entities", id="tab-entities"):
                yield EntityList(id="entities")

    def on_mount(self) -> None:
        # Tab moves between panes, not onto the tab strip; left/right (h/l) switch lists.
        self.query_one(Tabs).can_focus = False

    def action_switch_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        index = TAB_ORDER.index(tabs.active) if tabs.active in TAB_ORDER else 0
        tabs.active = TAB_ORDER[(index + step) % len(TAB_ORDER)]
        pane = tabs.get_pane(tabs.active)
        pane.query_one(NavList).focus()

    def show(self, extraction: dict | None) -> None:
        note = self.query_one("#panel-note", Static)
        note.display = extraction is None
        note.update("not enriched yet" if extraction is None else "")
        extraction = extraction or {}
        self.quotes = sorted(
            (q for q in extraction.get("quotes", []) if isinstance(q.get("start"), int)), key=lambda q: q["start"]
        )
        self.numbers = sorted(
            (n for n in extraction.get("numbers", []) if isinstance(n.get("start"), int)), key=lambda n: n["start"]
        )
        self.entities = entity_counts(extraction if extraction else None)
        quotes = self.query_one(QuoteList)
        quotes.clear_options()
        quotes.add_options(Option(Content(quote_label(q))) for q in self.quotes)
        numbers = self.query_one(NumberList)
        numbers.clear_options()
        numbers.add_options(Option(Content(number_label(n))) for n in self.numbers)
        entities = self.query_one(EntityList)
        entities.clear_options()
        entities.add_options(
            Option(Content.assemble((f"\u25a0 ", ENTITY_STYLES[label]), f"{text} ", (f"\u00d7{n} {ENTITY_NAMES[label]}", "dim")))
            for label, text, n in self.entities
        )
        for widget in (quotes, numbers, entities):
            # The first item is the selected one from the start, so keys typed right after
            # Tab (before the Focus event lands) act on a definite item.
            if widget.option_count:
                with widget.prevent(OptionList.OptionHighlighted):
                    widget.highlighted = 0
        tabs = self.query_one(TabbedContent)
        for pane, items in (("tab-quotes", self.quotes), ("tab-numbers", self.numbers), ("tab-entities", self.entities)):
            tabs.get_tab(pane).label = f"{pane[4:].capitalize()} {len(items)}"
