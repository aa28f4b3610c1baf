"""Test helpers for the schedule: a board edit posted as the board page's script posts it."""

from django.urls import reverse

from .models import Scenario


def board_url(scenario: Scenario, action: str) -> str:
    """The URL of one board edit: ``action`` names the verb as the URL names do (``move``,
    ``move_many``, ``move_scenes``, ``add_day``, ``split_day``, ``remove_day``, ``sort``,
    ``break_days``, ``acknowledge``, ``banner``, ``remove_banner``, ``rename``, ``calendar``)."""
    return reverse(
        f"schedule:board_{action}",
        kwargs={"production": scenario.production.slug, "scenario_pk": scenario.pk},
    )


def board_post(client, scenario: Scenario, action: str, **fields):
    """Posted with X-Board, as the page's script does: the board fragment comes back."""
    return client.post(board_url(scenario, action), fields, HTTP_X_BOARD="1")
