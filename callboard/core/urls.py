from django.contrib.auth import views as auth_views
from django.urls import path

from . import account_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("account/second-factor/", account_views.second_factor, name="second_factor"),
    path(
        "account/second-factor/recovery-codes/",
        account_views.recovery_codes,
        name="recovery_codes",
    ),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:email_pk>/", views.outbox_message, name="outbox_message"),
    path("productions/new/", views.production_create, name="production_create"),
    path("p/<slug:production>/settings/", views.production_edit, name="production_edit"),
    path("p/<slug:production>/team/", views.team, name="team"),
    path(
        "p/<slug:production>/team/<int:membership_pk>/",
        views.membership_edit,
        name="membership_edit",
    ),
    path(
        "p/<slug:production>/team/invitations/<int:invitation_pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("p/<slug:production>/team/logins/", account_views.logins, name="logins"),
    path(
        "p/<slug:production>/team/logins/unlock/",
        account_views.login_unlock_view,
        name="login_unlock",
    ),
    path(
        "p/<slug:production>/team/logins/<int:membership_pk>/second-factor/reset/",
        account_views.second_factor_reset_view,
        name="second_factor_reset",
    ),
    path("p/<slug:production>/audit/", views.audit_log, name="audit_log"),
]
