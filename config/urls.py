from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views as account_views
from documents.verification import verify_certificate
from workflows.dashboard import home

from .health import healthz

admin.site.site_header = "Khen thưởng – Sở Y tế"
admin.site.site_title = "Khen thưởng"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    # Public: the target of the QR code on each Giấy khen.
    path("xac-minh/<slug:token>/", verify_certificate, name="verify_certificate"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/forgot/", account_views.ForgotPasswordView.as_view(), name="password_reset"),
    path(
        "password/forgot/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/set/<uidb64>/<token>/",
        account_views.SetPasswordView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        account_views.SetPasswordView.as_view(invitation=True),
        name="invitation_confirm",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("permissions.urls")),
    path("dossiers/", include("workflows.dossier_urls")),
    path("", include("workflows.urls")),
    path("audit/", include("audit.urls")),
    path("notifications/", include("notifications.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("documents/", include("documents.urls")),
    path("api/", include("api.urls")),
    path("eligibility/", include("eligibility.urls")),
    path("council/", include("council.urls")),
    path("onboarding/", include("onboarding.urls")),
    path("reports/", include("reports.urls")),
    path("lookup/", include("reports.public_urls")),
    path("admin/", admin.site.urls),
]
