"""Callboard has its own icon: the pages link it, and the browser's own /favicon.ico finds it."""

import pytest
from django.contrib.staticfiles import finders


def test_the_icon_is_an_svg_in_core_static():
    path = finders.find("core/favicon.svg")
    assert path, "core/static/core/favicon.svg is missing"
    with open(path, encoding="utf-8") as icon:
        assert icon.read().lstrip().startswith("<svg")


@pytest.mark.django_db
def test_every_page_links_the_icon(coordinator_client, production):
    page = coordinator_client.get(f"/p/{production.slug}/people/").content.decode()
    assert 'rel="icon"' in page and "core/favicon" in page and ".svg" in page
    assert 'href="data:,"' not in page


@pytest.mark.django_db
def test_favicon_ico_answers_for_anyone_without_a_404(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain and "favicon" in response.redirect_chain[-1][0]
    assert b"<svg" in b"".join(
        response.streaming_content if response.streaming else [response.content]
    )


@pytest.mark.django_db
def test_favicon_ico_for_a_signed_in_member_points_at_the_svg(coordinator_client):
    response = coordinator_client.get("/favicon.ico")
    assert response.status_code == 301
    assert "favicon" in response["Location"]
