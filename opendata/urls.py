from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("katalog.<slug:fmt>", views.catalogue, name="catalogue"),
    path("<slug:slug>.<slug:fmt>", views.dataset_file, name="file"),
]
