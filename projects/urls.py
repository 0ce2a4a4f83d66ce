from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("projekte/", views.project_list, name="list"),
    path("projekte/neu/", views.project_create, name="create"),
    path("projekte/meine/", views.my_projects, name="mine"),
    path("projekte/einladung/<slug:token>/", views.accept_invitation, name="accept_invitation"),
    path("projekte/<slug:slug>/", views.project_detail, name="detail"),
    path("projekte/<slug:slug>/bearbeiten/", views.project_edit, name="edit"),
    path("projekte/<slug:slug>/einreichen/", views.project_submit, name="submit"),
    path("projekte/<slug:slug>/team/", views.project_team, name="team"),
    path("projekte/<slug:slug>/vorschau/", views.project_preview, name="preview"),
    path("projekte/<slug:slug>/zurueckziehen/", views.project_withdraw, name="withdraw"),
    path("projekte/<slug:slug>/verlauf/", views.project_history, name="history"),
    path("gute-praxis/", views.best_practice, name="best_practice"),
]
