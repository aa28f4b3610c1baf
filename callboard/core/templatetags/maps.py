"""{% load maps %}: an address as a link to the phone's maps app (see callboard.core.maps)."""

from django import template

from callboard.core.maps import maps_links

register = template.Library()


@register.simple_tag
def maps_link(address, latitude=None, longitude=None) -> str:
    """The href for an address: geo: with coordinates, else a maps search for the address."""
    return maps_links(address or "", latitude, longitude)[0]


@register.simple_tag
def maps_web_link(address, latitude=None, longitude=None) -> str:
    """A maps page in the browser, for phones that do not open geo: links (iPhone)."""
    return maps_links(address or "", latitude, longitude)[1]
