from django.urls import path

from contact import views
from contact.services import ORGANISATION, PERSON, PROJECT

app_name = "contact"

urlpatterns = [
    path(
        "kontakt-aufnehmen/projekt/<slug:slug>/",
        views.contact,
        {"kind": PROJECT},
        name="project",
    ),
    path(
        "kontakt-aufnehmen/organisation/<slug:slug>/",
        views.contact,
        {"kind": ORGANISATION},
        name="organisation",
    ),
    path("kontakt-aufnehmen/person/<slug:slug>/", views.contact, {"kind": PERSON}, name="person"),
    path("kontakt-aufnehmen/melden/<str:token>/", views.report, name="report"),
    path("konto/anfragen/", views.my_requests, name="my_requests"),
    path("konto/anfragen/einstellungen/", views.contact_settings, name="settings"),
    path("konto/anfragen/<int:pk>/", views.detail, name="detail"),
    path("konto/anfragen/<int:pk>/status/", views.step, name="step"),
]
