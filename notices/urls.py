from django.urls import path

from notices import views

app_name = "notices"

urlpatterns = [
    path("<slug:kind>/<slug:slug>/", views.report, name="report"),
]
