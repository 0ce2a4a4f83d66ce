"""A project's profile: its fields, how they are written and rendered, and its search index."""

from django.core.files.storage import default_storage

from projects.models import Project
from zukunftsplattform.markdown import render_markdown
from zukunftsplattform.search import search_document, update_search_columns

# Fields of the profile the team edits (also what a revision holds and the diff shows).
PROFILE_FIELDS = [
    "title", "summary", "challenge", "approach", "impact_reached", "impact_outcomes", "evidence_links",
    "stage", "topics", "target_groups", "sdgs", "region", "place", "carrying_organisation",
    "partner_organisations", "funding_programme", "call_round", "website", "contact_email",
    "contact_phone", "logo", "logo_alt", "logo_credit", "cover", "cover_alt", "cover_credit", "needs",
    "needs_note", "offers", "offers_note",
]  # fmt: skip
M2M_FIELDS = {"topics", "target_groups", "partner_organisations", "needs", "offers"}
IMAGE_FIELDS = {"logo", "cover"}
MARKDOWN_FIELDS = {
    "challenge": "challenge_html",
    "approach": "approach_html",
    "impact_outcomes": "impact_outcomes_html",
}
STORY_FIELDS = {
    "story_what_worked": "story_what_worked_html",
    "story_lessons": "story_lessons_html",
    "story_transfer": "story_transfer_html",
}


def render_fields(project: Project) -> None:
    for source, target in {**MARKDOWN_FIELDS, **STORY_FIELDS}.items():
        setattr(project, target, render_markdown(getattr(project, source)))


def search_document_of(project: Project, *, topics, target_groups) -> dict[str, str]:
    """What the public sees, weighted: title (A); topics, target groups, region, place (B);
    summary (C); the long texts, the best-practice story and the English names (D).
    ``topics`` and ``target_groups``: (German, English) name pairs."""
    terms = [*topics, *target_groups]
    return search_document(
        a=[project.title],
        b=[
            *(de for de, _en in terms),
            project.get_region_display() if project.region else "",
            project.place,
        ],
        c=[project.summary],
        d=[
            project.challenge,
            project.approach,
            project.impact_reached,
            project.impact_outcomes,
            project.story_what_worked,
            project.story_lessons,
            project.story_transfer,
            *(en for _de, en in terms),
        ],
    )


def refresh_search(project: Project) -> None:
    """Index the project for search (``search_document_of``)."""
    document = search_document_of(
        project,
        topics=project.topics.values_list("name_de", "name_en"),
        target_groups=project.target_groups.values_list("name_de", "name_en"),
    )
    update_search_columns(Project, project.pk, document=document)


def apply_profile(project: Project, data: dict) -> None:
    """Write profile values (form cleaned_data shape) onto the project and save it."""
    for field in PROFILE_FIELDS:
        if field in data and field not in M2M_FIELDS:
            value = data[field]
            if field in IMAGE_FIELDS and not value:
                continue  # no new upload keeps the current image
            if field in IMAGE_FIELDS and isinstance(value, dict):
                getattr(project, field).name = value["main"]
                if field == "cover":
                    project.cover_card.name = value["card"]
                continue
            setattr(project, field, value)
    render_fields(project)
    project.save()
    for field in M2M_FIELDS:
        if field in data:
            getattr(project, field).set(data[field])
    refresh_search(project)


def store_images(data: dict) -> dict:
    """Save uploaded renditions to storage; keep their names (for a revision's JSON)."""
    stored = dict(data)
    for field in IMAGE_FIELDS:
        renditions = data.get(field)
        if (
            isinstance(renditions, dict)
            and "main" in renditions
            and not isinstance(renditions["main"], str)
        ):
            stored[field] = {
                key: default_storage.save(f"projects/{field}s/{content.name}", content)
                for key, content in renditions.items()
            }
    return stored
