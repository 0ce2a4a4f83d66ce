from django.urls import path

from network import membership_views, views

app_name = "network"

urlpatterns = [
    path("organisationen/", views.organisation_list, name="organisations"),
    # Before the organisation's own address (network.models.RESERVED_SLUGS).
    path("organisationen/neu/", membership_views.organisation_create, name="organisation_create"),
    path(
        "organisationen/einladung/<slug:token>/",
        membership_views.organisation_invitation,
        name="organisation_invitation",
    ),
    path("organisationen/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path(
        "organisationen/<slug:slug>/bearbeiten/",
        views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisationen/<slug:slug>/mitglieder/",
        membership_views.organisation_members,
        name="organisation_members",
    ),
    path(
        "organisationen/<slug:slug>/beitreten/",
        membership_views.organisation_join,
        name="organisation_join",
    ),
    path(
        "organisationen/<slug:slug>/austreten/",
        membership_views.organisation_leave,
        name="organisation_leave",
    ),
    path("personen/", views.person_list, name="people"),
    path("expertenprofil-anlegen/", views.expert_profile_create, name="expert_profile_create"),
    path("personen/<slug:slug>/", views.person_detail, name="person_detail"),
    path("personen/<slug:slug>/bearbeiten/", views.person_edit, name="person_edit"),
    path("bedarfe-und-angebote/", views.needs_and_offers, name="needs_and_offers"),
    path("einwilligung/konto/", views.account_consent, name="account_consent"),
    path("einwilligung/<str:token>/", views.consent_confirm, name="consent_confirm"),
    path("einwilligung/<str:token>/widerrufen/", views.consent_withdraw, name="consent_withdraw"),
]
