"""rabta's URLs plus MEDIA_ROOT served at MEDIA_URL, as the production web server does
(nginx's `location /media/`), so tests fetch public media the way a browser would."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from rabta.urls import urlpatterns as rabta_urlpatterns

urlpatterns = [
    *rabta_urlpatterns,
    re_path(
        r"^media/(?P<path>.*)$",
        lambda request, path: serve(request, path, document_root=settings.MEDIA_ROOT),
    ),
]
