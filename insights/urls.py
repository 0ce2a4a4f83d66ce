from django.contrib import admin
from django.urls import path

from insights import views

app_name = "insights"

# In the admin (its login, second factor and layout); included before the admin's own URLs.
urlpatterns = [
    path("", admin.site.admin_view(views.dashboard), name="dashboard"),
    path(
        "<slug:figure>.csv",
        admin.site.admin_view(views.export),
        {"extension": "csv"},
        name="export_csv",
    ),
    path(
        "<slug:figure>.xlsx",
        admin.site.admin_view(views.export),
        {"extension": "xlsx"},
        name="export_xlsx",
    ),
]
