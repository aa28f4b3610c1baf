from django.urls import include, path

from callboard.accounting.views.petty_cash import receipts_by_link
from callboard.callsheets.views import call_sheet_by_link, call_sheet_pdf_by_link, calls_calendar
from callboard.home.views import production_home
from callboard.paperwork.views import bank_change_by_link, packet_by_link, packet_form_by_link
from callboard.payroll.views import timecard_by_link
from callboard.people.views import person_details_by_link
from callboard.schedule.views import schedule_version_by_link, schedule_version_pdf_by_link
from callboard.scripts.views import script_copy_by_link

urlpatterns = [
    path("", include("callboard.core.urls")),
    path("", include("callboard.ops.urls")),
    path("", include("callboard.api.urls")),
    # The production's front page composes every app, so it lives on top of them (home).
    path("p/<slug:production>/", production_home, name="production_home"),
    path("p/<slug:production>/people/", include("callboard.people.urls")),
    path("p/<slug:production>/scripts/", include("callboard.scripts.urls")),
    path("p/<slug:production>/schedule/", include("callboard.schedule.urls")),
    path("p/<slug:production>/locations/", include("callboard.locations.urls")),
    path("p/<slug:production>/callsheets/", include("callboard.callsheets.urls")),
    path("p/<slug:production>/paperwork/", include("callboard.paperwork.urls")),
    path("p/<slug:production>/timecards/", include("callboard.payroll.urls")),
    path("p/<slug:production>/accounting/", include("callboard.accounting.urls")),
    path("p/<slug:production>/reports/", include("callboard.reports.urls")),
    path("p/<slug:production>/travel/", include("callboard.travel.views")),
    path("p/<slug:production>/office/", include("callboard.office.urls")),
    path("p/<slug:production>/me/", include("callboard.home.urls")),
    path("p/<slug:production>/wrap/", include("callboard.wrap.urls")),
    # Signed links for people without an account.
    path("l/details/<str:token>/", person_details_by_link, name="person_details_by_link"),
    path("l/script/<str:token>/", script_copy_by_link, name="script_copy_by_link"),
    path("l/call/<str:token>/", call_sheet_by_link, name="call_sheet_by_link"),
    path(
        "l/call/<str:token>/call-sheet.pdf", call_sheet_pdf_by_link, name="call_sheet_pdf_by_link"
    ),
    path("l/calls/<str:token>/calls.ics", calls_calendar, name="calls_calendar"),
    path("l/schedule/<str:token>/", schedule_version_by_link, name="schedule_version_by_link"),
    path(
        "l/schedule/<str:token>/<slug:kind>.pdf",
        schedule_version_pdf_by_link,
        name="schedule_version_pdf_by_link",
    ),
    path("l/packet/<str:token>/", packet_by_link, name="packet_by_link"),
    path("l/packet/<str:token>/<int:form_pk>/", packet_form_by_link, name="packet_form_by_link"),
    path("l/bank/<str:token>/", bank_change_by_link, name="bank_change_by_link"),
    path("l/timecard/<str:token>/", timecard_by_link, name="timecard_by_link"),
    path("l/receipts/<str:token>/", receipts_by_link, name="receipts_by_link"),
    path("l/", include("callboard.reports.link_urls")),
    path("l/", include("callboard.travel.link_urls")),
    path("l/", include("callboard.office.link_urls")),
]
