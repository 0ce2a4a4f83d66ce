from django.urls import path

from events import calendar_views, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("kalender.ics", calendar_views.calendar_all, name="calendar"),
    path("meine-anmeldungen/", views.my_registrations, name="my_registrations"),
    path("anmeldung/<slug:token>/", views.registration_detail, name="registration"),
    path("anmeldung/<slug:token>/bestaetigen/", views.confirm, name="confirm"),
    path("anmeldung/<slug:token>/absagen/", views.cancel, name="cancel"),
    path("reihe/<slug:slug>/", views.series_detail, name="series"),
    path("reihe/<slug:slug>/kalender.ics", calendar_views.calendar_series, name="series_calendar"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/anmelden/", views.register, name="register"),
    path("<slug:slug>/termin.ics", calendar_views.calendar_event, name="event_calendar"),
]
