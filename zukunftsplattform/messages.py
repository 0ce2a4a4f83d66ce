"""Flash messages: in a cookie first (no session needed), in the session when they are long.

Django's cookie storage calls its cookie ``messages`` and takes domain, Secure, HttpOnly
and SameSite from the ``SESSION_COOKIE_*`` settings. In production the name carries the
``__Host-`` prefix like the session and CSRF cookies: the browser then accepts it only
Secure, for this host alone and for path ``/``, so no subdomain can plant a message.
"""

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.messages.storage.session import SessionStorage


class PortalCookieStorage(CookieStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cookie_name = settings.MESSAGES_COOKIE_NAME


class PortalMessageStorage(FallbackStorage):
    storage_classes = (PortalCookieStorage, SessionStorage)
