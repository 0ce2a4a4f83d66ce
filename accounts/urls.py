from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("daten/", views.my_data, name="my_data"),
    path("daten/export.json", views.my_data_download, name="my_data_download"),
    path("daten/export.zip", views.my_data_zip, name="my_data_zip"),
    path("loeschen/", views.delete, name="delete"),
    path("moderation-emails/", views.moderation_emails, name="moderation_emails"),
    path("nutzungsbedingungen/", views.terms, name="terms"),
]
