from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages and feedback")

    def ready(self):
        from zukunftsplattform.pagecache import install_triggers

        # After every migrate (and test database set-up): new tables get the trigger too.
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="page_cache_triggers")
