"""Sign-in, the user's own page and invitations (/konto/…), an organisation's
members page (/o/<org>/medlemmer/) and unit register (/o/<org>/enheter/), and
creating an organisation (/organisasjoner/ny/), in Norwegian words like the
other URLs."""

from django.urls import path

from planverk.accounts.views import account, invitations, members, signin, units

app_name = "accounts"
MEMBERS = "o/<slug:org>/medlemmer/"
UNITS = "o/<slug:org>/enheter/"
UNIT = UNITS + "<int:pk>/"

urlpatterns = [
    path("konto/", account.account, name="account"),
    path("konto/passord/", account.PasswordChangeView.as_view(), name="password"),
    path(
        "konto/logg-ut-overalt/",
        account.sign_out_everywhere,
        name="sign_out_everywhere",
    ),
    path("konto/oidc/<slug:provider>/", signin.oidc_start, name="oidc_start"),
    path(
        "konto/oidc/<slug:provider>/tilbake/",
        signin.oidc_callback,
        name="oidc_callback",
    ),
    path(
        "konto/invitasjon/<str:token>/",
        invitations.invitation,
        name="invitation",
    ),
    path(MEMBERS, members.members, name="members"),
    path(MEMBERS + "inviter/", members.invite, name="member_invite"),
    path(
        MEMBERS + "historikk/",
        members.history_attribution,
        name="history_attribution",
    ),
    path(
        MEMBERS + "invitasjon/<int:pk>/trekk-tilbake/",
        members.withdraw,
        name="invitation_withdraw",
    ),
    path(MEMBERS + "<int:pk>/fjern/", members.remove, name="member_remove"),
    path(UNITS, units.units, name="units"),
    path(UNITS + "ny/", units.unit_add, name="unit_add"),
    path(UNITS + "slaa-sammen/", units.unit_merge, name="unit_merge"),
    path(UNIT, units.unit, name="unit"),
    path(UNIT + "navn/", units.unit_rename, name="unit_rename"),
    path(UNIT + "plassering/", units.unit_parent, name="unit_parent"),
    path(
        UNIT + "deaktiver/",
        units.unit_active,
        {"active": False},
        name="unit_deactivate",
    ),
    path(
        UNIT + "aktiver/", units.unit_active, {"active": True}, name="unit_reactivate"
    ),
    path("organisasjoner/ny/", units.organization_create, name="organization_create"),
]
