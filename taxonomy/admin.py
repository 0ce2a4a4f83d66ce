from django.contrib import admin

from accounts.public import ActivityHistoryAdmin
from taxonomy.models import SupportCategory, Synonym, TargetGroup, Topic
from zukunftsplattform.slugs import SlugFromNameAdminForm


class TermAdminForm(SlugFromNameAdminForm):
    slug_source = "name_de"


@admin.register(Topic, TargetGroup)
class TermAdmin(ActivityHistoryAdmin):
    list_display = ["name_de", "name_en", "slug", "position"]
    form = TermAdminForm
    list_editable = ["position"]
    search_fields = ["name_de", "name_en"]


@admin.register(SupportCategory)
class SupportCategoryAdmin(TermAdmin):
    list_display = ["name_de", "name_en", "slug", "description_de", "position"]


@admin.register(Synonym)
class SynonymAdmin(ActivityHistoryAdmin):
    list_display = ["terms"]
    search_fields = ["terms"]
