from django.urls import path

from following import views

app_name = "following"

urlpatterns = [
    path("folgen/<slug:kind>/<slug:slug>/", views.follow_toggle, name="follow"),
    path("konto/benachrichtigungen/", views.notification_settings, name="settings"),
    path(
        "konto/benachrichtigungen/folge/<int:pk>/entfernen/",
        views.remove_follow,
        name="remove",
    ),
    path("benachrichtigungen/abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
