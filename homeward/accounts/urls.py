from django.urls import path

from homeward.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("two-factor/", views.SecondFactorView.as_view(), name="two-factor"),
    path("two-factor/set-up/", views.SetUpView.as_view(), name="two-factor-set-up"),
    path("two-factor/verify/", views.VerifyView.as_view(), name="two-factor-verify"),
    path("two-factor/recovery/", views.RecoveryView.as_view(), name="two-factor-recovery"),
    path("oidc/start/", views.OIDCStartView.as_view(), name="oidc-start"),
    path("oidc/callback/", views.OIDCCallbackView.as_view(), name="oidc-callback"),
    path("oidc/refused/", views.oidc_refused, name="oidc-refused"),
    path("staff/", views.staff_list, name="staff"),
    path("staff/add/", views.staff_add, name="staff-add"),
    path("staff/teams/add/", views.team_add, name="team-add"),
    path("staff/<int:pk>/", views.staff_change, name="staff-change"),
    path(
        "staff/<int:pk>/deactivate/",
        views.staff_active,
        {"active": False},
        name="staff-deactivate",
    ),
    path(
        "staff/<int:pk>/reactivate/", views.staff_active, {"active": True}, name="staff-reactivate"
    ),
]
