"""Blocks the later apps add to a person's page (the office's items issued to them …). People
sits under those apps, so each registers its panel here at start-up rather than being
imported (as accounting's commitments_register)."""

from __future__ import annotations

from collections.abc import Callable

# panel(request, person) → the block's HTML (safe, rendered by its own app), or "" for none.
Panel = Callable[..., str]
_panels: list[Panel] = []


def person_panel_register(panel: Panel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def person_panels(request, person) -> list[str]:
    return [html for panel in _panels if (html := panel(request, person))]
