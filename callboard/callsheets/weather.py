"""Weather for a call sheet from a pluggable provider (settings.WEATHER_PROVIDER: a dotted path
to a class with ``forecast(latitude, longitude, day) -> Forecast | None``). Without one (the
default, and on a machine without network) the office types the forecast in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Forecast:
    summary: str
    high: str
    low: str


def weather_provider():
    path = settings.WEATHER_PROVIDER
    return import_string(path)() if path else None


def forecast_for(latitude: float, longitude: float, day: date) -> Forecast | None:
    provider = weather_provider()
    if provider is None:
        return None
    try:
        return provider.forecast(latitude, longitude, day)
    except Exception:  # a provider's outage must never stop a call sheet
        return None
