"""Sign-in, the user's own page and invitations (/konto/…), and an organisation's
members page (/o/<org>/medlemmer/), in Norwegian words like the other URLs."""

from django.urls import path

from planverk.accounts.views import account, invitations, members, signin

app_name = "accounts"
MEMBERS = "o/<slug:org>/medlemmer/"

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
]
