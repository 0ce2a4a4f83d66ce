"""Fictional but realistic Saxon projects for the demo data set."""

from datetime import timedelta

from django.utils import timezone

from projects import services
from projects.demo_data import PROJECTS, STORIES
from projects.forms import COVER
from projects.models import CallRound, FundingProgramme, Project, ProjectMembership
from taxonomy.public import SupportCategory, TargetGroup, Topic
from zukunftsplattform import illustrations


def _text(summary: str, place: str) -> tuple[str, str, str, str]:
    challenge = (
        f"In {place} fehlen Angebote, die Menschen verlässlich erreichen. {summary} "
        "Bestehende Strukturen sind oft weit weg, schwer zu verstehen oder nur zu Bürozeiten erreichbar."
    )
    approach = (
        "Wir setzen auf drei Bausteine:\n\n"
        "- **Nah dran:** Das Angebot findet dort statt, wo die Menschen ohnehin sind.\n"
        "- **Gemeinsam:** Betroffene gestalten von Anfang an mit.\n"
        "- **Verlässlich:** Feste Zeiten, feste Ansprechpersonen.\n"
    )
    reached = "Bisher rund 150 Menschen, davon etwa die Hälfte regelmäßig."
    outcomes = "Die Teilnehmenden berichten von mehr Kontakten und weniger Hürden im Alltag. Eine erste Auswertung liegt vor."
    return challenge, approach, reached, outcomes


def _cover(index: int) -> dict:
    """A drawn cover (zukunftsplattform.illustrations) in the renditions an upload gets."""
    cover = illustrations.cover(index)
    return {key: illustrations.rendered(cover, rendition) for key, rendition in COVER.items()}


def _funding() -> list[tuple[FundingProgramme | None, CallRound | None]]:
    """The programmes and call rounds staff maintain, as (programme, round) to cycle through."""
    esf = FundingProgramme.objects.get_or_create(
        name="ESF Plus – Modellvorhaben zur Zukunftsplattform"
    )[0]
    sachsen = FundingProgramme.objects.get_or_create(name="Soziale Innovation Sachsen")[0]
    rounds = [
        CallRound.objects.get_or_create(programme=esf, name=name)[0]
        for name in ["1. Aufruf 2024", "2. Aufruf 2025"]
    ]
    local = CallRound.objects.get_or_create(programme=sachsen, name="Aufruf 2025")[0]
    return [(esf, rounds[1]), (None, None), (esf, rounds[0]), (sachsen, local), (None, None)]


def load(*, innovator, colleague, moderator) -> str:
    """Create 33 projects: most published, some best practice, a few drafts and submissions."""
    funding = _funding()
    topics = {t.slug: t for t in Topic.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    categories = {c.slug: c for c in SupportCategory.objects.all()}
    now = timezone.now()
    editor = colleague
    count = {"published": 0, "submitted": 0, "draft": 0, "changes_requested": 0}
    for index, (
        title,
        summary,
        region,
        place,
        stage,
        topic_slugs,
        group_slugs,
        needs,
        offers,
    ) in enumerate(PROJECTS):
        challenge, approach, reached, outcomes = _text(summary, place)
        data = {
            "title": title,
            "summary": summary,
            "region": region,
            "place": place,
            "stage": stage,
            "challenge": challenge,
            "approach": approach,
            "impact_reached": reached,
            "impact_outcomes": outcomes,
            "evidence_links": [],
            "topics": [topics[s] for s in topic_slugs],
            "target_groups": [groups[s] for s in group_slugs],
            "sdgs": [3, 10, 11][: 1 + index % 3],
            "needs": [categories[s] for s in needs],
            "offers": [categories[s] for s in offers],
            "funding_programme": funding[index % len(funding)][0],
            "call_round": funding[index % len(funding)][1],
            "contact_email": f"kontakt@{title.lower().split()[0].replace('*', '')}.example",
            "cover": _cover(index),
            "cover_alt": f"Zeichnung zu „{title}“: Menschen vor Hügeln und Häusern in {place}",
            "cover_credit": illustrations.CREDIT,
        }
        owner = innovator if index % 4 == 0 else editor
        project = services.create_project(owner=owner, data=data)
        if owner != innovator and index % 8 == 0:
            ProjectMembership.objects.get_or_create(project=project, user=innovator)
        if index in {30, 31}:
            count["draft"] += 1
            continue
        services.submit_project(project=project, user=owner)
        if index in {28, 29}:
            count["submitted"] += 1
            continue
        if index == 27:
            services.request_changes(
                project=project,
                moderator=moderator,
                message="Bitte beschreiben Sie genauer, wen Sie bisher erreicht haben, und ergänzen Sie ein Foto mit Beschreibung.",
            )
            count["changes_requested"] += 1
            continue
        project = services.publish_project(project=project, moderator=moderator)
        Project.objects.filter(pk=project.pk).update(
            published_at=now - timedelta(days=3 * index + 1)
        )
        count["published"] += 1
        if title in STORIES:
            what_worked, lessons, transfer = STORIES[title]
            services.set_best_practice(
                project=project,
                moderator=moderator,
                story={
                    "story_what_worked": what_worked,
                    "story_lessons": lessons,
                    "story_transfer": transfer,
                },
            )
    return (
        f"  Projects: {count['published']} published ({len(STORIES)} best practice), "
        f"{count['submitted']} waiting for moderation, {count['changes_requested']} with changes requested, "
        f"{count['draft']} drafts"
    )
