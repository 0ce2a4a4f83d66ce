from django.urls import path, re_path

from pages import views
from pages.models import ContentPage

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    re_path(
        rf"^(?P<slug>{'|'.join(ContentPage.Slug.values)})/$", views.content_page, name="content"
    ),
]
