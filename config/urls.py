from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

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
    path("admin/", admin.site.urls),
]
