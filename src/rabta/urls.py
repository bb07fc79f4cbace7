from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from rabta import views
from rabta.api import api_urls
from rabta.core import health

# The admin's own login form would bypass the login rate limits: it sends to rabta's login.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("rabta.accounts.urls")),
    path("accounts/", include("allauth.account.urls")),  # sign-up, verification, password reset
    path("organisations/", include("rabta.organisations.urls")),
    path("marketplace/", include("rabta.marketplace.urls")),
    path("recommendations/", include("rabta.matching.urls")),
    path("events/", include("rabta.events.urls")),
    path("", include("rabta.messaging.urls")),
    path("initiatives/", include("rabta.initiatives.urls")),
    path("reports/", include("rabta.reports.urls")),
    path("trade/", include("rabta.trade.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api_urls()),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
