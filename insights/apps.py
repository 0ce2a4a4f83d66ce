from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """The ministry's view of the platform: the staff dashboard, its monthly snapshots and
    exports. It reads the other apps only through their ``public.py``; nothing depends on it."""

    name = "insights"
    verbose_name = _("Dashboard")
