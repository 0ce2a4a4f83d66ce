"""Every public page (both languages, the crawl's inventory) and every account page is valid
HTML for the Nu Html Checker (v.Nu), the W3C's validator. v.Nu starts slowly, so the pages
are rendered with the test client into one folder and checked in a single run."""

import json
import subprocess
from pathlib import Path

import pytest

from accounts.models import User
from contact.models import ContactRequest
from contact.tokens import make_report_token
from following.services import unsubscribe_token
from network.models import Organisation
from pages.demo import DEMO_PASSWORD
from projects.models import Project
from scripts.find_java import HOW_TO, find_java, vnu_jar
from tests.factories import TermsOfUseFactory, UserFactory
from tests.site_inventory import ACCOUNT_PAGES, public_paths

EXPERT_FORM = "/netzwerk/expertenprofil-anlegen/"


def vnu_errors(pages: dict[str, str], folder: Path) -> list[str]:
    """v.Nu's errors for ``pages`` (label -> HTML), each as "label: line N: message"."""
    java = find_java()
    if not java:
        pytest.fail(HOW_TO)
    labels = {}
    for number, (label, html) in enumerate(pages.items()):
        file = folder / f"{number:04d}.html"
        file.write_text(html, encoding="utf-8")
        labels[file.resolve().as_uri()] = label
    # One short run: the quick compiler only and one GC thread take a third less CPU.
    jvm = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
    result = subprocess.run(
        [java, *jvm, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stderr)  # v.Nu writes its report to stderr
    errors = []
    for message in report["messages"]:
        url = message.get("url", "")
        label = labels.get(url.replace("file:/", "file:///", 1), url)
        errors.append(f"{label}: line {message.get('lastLine', '?')}: {message['message']}")
    if not report["messages"]:
        assert result.returncode == 0, result.stderr
    return errors


def test_vnu_reports_an_invalid_page(tmp_path):
    html = '<!doctype html><html lang="de"><title>x</title><p hx-get="/">x</p>'
    errors = vnu_errors({"/kaputt/": html}, tmp_path)
    assert errors == [
        "/kaputt/: line 1: Attribute “hx-get” not allowed on element “p” at this point."
    ]


def test_every_public_and_account_page_is_valid_html(client, demo_portal, tmp_path):
    pages = {}
    for path in public_paths(lambda path: client.get(path).content.decode()):
        response = client.get(path)
        if response.status_code == 302 and "/konto/" in response["Location"]:
            continue  # needs an account ("Projekt eintragen"): the account pages below
        assert response.status_code == 200, path
        if response["Content-Type"].startswith("text/html"):
            pages[path] = response.content.decode()
    assert len(pages) > 80 and any(path.startswith("/en/") for path in pages)

    for prefix in ["", "/en"]:  # the account pages before signing in
        for path in ["/konto/login/", "/konto/signup/", "/konto/password/reset/"]:
            pages[prefix + path] = client.get(prefix + path).content.decode()
    response = client.post("/konto/login/", {"login": "niemand@example.org", "password": "x"})
    pages["/konto/login/ (errors)"] = response.content.decode()

    # The demo innovator, logged in and just past a password confirmation, so the
    # two-factor pages open instead of asking for the password again.
    innovator = User.objects.get(email="innovatorin@demo.example")
    password = {"password": DEMO_PASSWORD}
    assert client.post("/konto/login/", {"login": innovator.email, **password}).status_code == 302
    pages["/konto/reauthenticate/ (signed in)"] = client.get(
        "/konto/reauthenticate/"
    ).content.decode()
    assert client.post("/konto/reauthenticate/", password).status_code == 302
    project = Project.objects.filter(memberships__user=innovator).order_by("pk").first()
    own = [f"/projekte/{project.slug}/{page}/" for page in ["bearbeiten", "team", "verlauf"]]
    # An organisation the innovator is in (its members page, leaving) and one to join.
    organisation, other = Organisation.objects.public().order_by("pk")[:2]
    organisation.members.add(innovator)
    own += [
        f"/netzwerk/organisationen/{organisation.slug}/{page}/"
        for page in ["mitglieder", "austreten", "bearbeiten"]
    ]
    own.append(f"/netzwerk/organisationen/{other.slug}/beitreten/")
    for prefix in ["", "/en"]:
        for path in [*ACCOUNT_PAGES, *own, "/", "/veranstaltungen/", project.get_absolute_url()]:
            response = client.get(prefix + path)
            assert response.status_code == 200, prefix + path
            pages[f"{prefix}{path} (signed in)"] = response.content.decode()
    # Forms in their error state.
    response = client.post("/konto/password/change/", {})
    pages["/konto/password/change/ (errors)"] = response.content.decode()
    response = client.post("/konto/email/", {"action_add": "", "email": "kein-gueltiger-wert"})
    pages["/konto/email/ (errors)"] = response.content.decode()
    response = client.post("/projekte/neu/", {})
    pages["/projekte/neu/ (errors)"] = response.content.decode()
    response = client.post("/netzwerk/organisationen/neu/", {})
    pages["/netzwerk/organisationen/neu/ (errors)"] = response.content.decode()
    response = client.post(own[3], {"action": "invite", "email": "kein-gueltiger-wert"})
    pages[f"{own[3]} (errors)"] = response.content.decode()
    response = client.post(own[4], {})
    pages[f"{own[4]} (errors)"] = response.content.decode()

    # Contact through the platform: the form, its errors, the sent message, the report link.
    other = Project.objects.filter(status="published").exclude(memberships__user=innovator)
    contact = f"/kontakt-aufnehmen/projekt/{other.order_by('pk').first().slug}/"
    pages[contact] = client.get(contact).content.decode()
    pages[f"{contact} (errors)"] = client.post(contact, {}).content.decode()
    response = client.post(contact, {"subject": "Eine Frage", "message": "Hallo"})
    pages["/konto/anfragen/<nr>/"] = client.get(response.url).content.decode()
    sent = ContactRequest.objects.latest("pk")
    report = f"/kontakt-aufnehmen/melden/{make_report_token(sent, 'team@example.org')}/"
    pages[report] = client.get(report).content.decode()

    # Someone without a network profile: the expert profile form, empty and with errors.
    client.force_login(UserFactory())
    for prefix in ["", "/en"]:
        pages[f"{prefix}{EXPERT_FORM}"] = client.get(prefix + EXPERT_FORM).content.decode()
        pages[f"{prefix}/konto/ (no profile)"] = client.get(f"{prefix}/konto/").content.decode()
    pages[f"{EXPERT_FORM} (errors)"] = client.post(EXPERT_FORM, {}).content.decode()
    response = client.post("/konto/benachrichtigungen/", {"region": "atlantis"})
    pages["/konto/benachrichtigungen/ (errors)"] = response.content.decode()
    # The unsubscribe link of the weekly digest: the question, then the answer.
    unsubscribe = f"/benachrichtigungen/abbestellen/{unsubscribe_token(innovator)}/"
    pages["/benachrichtigungen/abbestellen/…/"] = client.get(unsubscribe).content.decode()
    pages["/benachrichtigungen/abbestellen/…/ (done)"] = client.post(unsubscribe).content.decode()
    # A new version of the terms of use: the page that asks for it, and without the box.
    TermsOfUseFactory(published=True)
    for prefix in ["", "/en"]:
        response = client.get(f"{prefix}/konto/nutzungsbedingungen/")
        assert response.status_code == 200
        pages[f"{prefix}/konto/nutzungsbedingungen/ (new version)"] = response.content.decode()
    response = client.post("/konto/nutzungsbedingungen/", {})
    pages["/konto/nutzungsbedingungen/ (errors)"] = response.content.decode()

    errors = vnu_errors(pages, tmp_path)
    assert errors == [], f"v.Nu found {len(errors)} errors:\n" + "\n".join(errors)
    print(f"\nv.Nu: {len(pages)} pages, 0 errors")
