from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from .api import api

admin.site.site_header = "Traject"
admin.site.site_title = "Traject"

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    # django-allauth: e-mail addresses, single sign-on, two-factor (see traject/accounts).
    path("auth/", include("allauth.urls")),
]

# Each Traject app with a urls module is mounted under its label; core serves the root.
for app in settings.TRAJECT_APPS:
    if find_spec(f"{app}.urls") is None:
        continue
    label = app.rsplit(".", 1)[1]
    prefix = "" if label == "core" else f"{label}/"
    urlpatterns.append(path(prefix, include(f"{app}.urls")))
