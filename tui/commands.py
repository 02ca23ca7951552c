"""The command palette (ctrl+p): every action that can run where you are, from the bindings."""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ActionsProvider(Provider):
    """Offers the bindings active on the current screen (app, screen and focused widgets)."""

    def _commands(self) -> list[tuple[str, str, object, str]]:
        seen: set[tuple[int, str]] = set()
        commands = []
        for key, active in self.screen.active_bindings.items():
            node, binding = active.node, active.binding
            if not binding.description or not active.enabled:
                continue
            module = type(node).__module__
            if not (module.startswith("tui.") or node is self.app or node is self.screen):
                continue
            ident = (id(node), binding.action)
            if ident in seen:
                continue
            seen.add(ident)
            label = f"{binding.description}"
            help_text = f"key: {self.app.get_key_display(binding)}"
            commands.append((label, binding.action, node, help_text))
        return sorted(commands, key=lambda c: c[0].lower())

    async def discover(self) -> Hits:
        for label, action, node, help_text in self._commands():
            yield DiscoveryHit(label, partial(self.app.run_action, action, node), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, action, node, help_text in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self.app.run_action, action, node), text=label, help=help_text)
