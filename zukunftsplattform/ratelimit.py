"""The client's address, and a small fixed-window rate limit for our own public forms.

Every limit in the portal (ours here and allauth's, through ``accounts.adapter``) counts
per :func:`client_ip`, so behind a load balancer each visitor has a bucket of their own.
"""

import ipaddress
from functools import cache as memoise
from functools import wraps
from time import time as clock

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@memoise
def _trusted_networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse(value: str) -> IPAddress | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.7:51234"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def client_ip(request) -> str:
    """The address of the person making the request.

    ``REMOTE_ADDR`` is the socket peer (gunicorn leaves it so). Only when that peer is one of
    ``settings.TRUSTED_PROXIES`` is ``X-Forwarded-For`` read, from the right: each trusted
    proxy appends the address it saw, so the first address from the right that is not itself
    a trusted proxy is the client. Whatever stands left of it was written by the client and
    is ignored, so nobody can choose their own bucket by sending the header.
    """
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return "unknown"
    trusted = _trusted_networks(tuple(settings.TRUSTED_PROXIES))

    def is_trusted(address: IPAddress) -> bool:
        return any(address in network for network in trusted)

    if not is_trusted(peer):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",")):
        address = _parse(entry)
        if address is None:  # not written by a proxy we trust: stop at the last good hop
            break
        peer = address
        if not is_trusted(address):
            break
    return str(peer)


def hit(key: str, limit: int, period: int) -> bool:
    """Count one hit; return True while the key is within ``limit`` hits per ``period`` s."""
    window = int(clock()) // period
    cache_key = f"rl:{key}:{window}"
    # Kept past its window, so a window's count can never expire while the window lasts.
    cache.add(cache_key, 0, timeout=2 * period)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # pragma: no cover - a race: the key expired between add and incr
        cache.set(cache_key, 1, timeout=2 * period)
        count = 1
    return count <= limit


def retry_after(period: int) -> int:
    """Seconds until the window of :func:`hit` with this ``period`` ends (at least 1)."""
    return period - int(clock()) % period


def ratelimit_post(scope: str, limit: int, period: int):
    """Answer 429 to POSTs past ``limit`` per ``period`` seconds and client address."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and not hit(f"{scope}:{client_ip(request)}", limit, period):
                return render(request, "errors/429.html", status=429)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def ratelimit_search(view):
    """Answer 429 to searches past ``settings.SEARCH_RATE_LIMIT_PER_MINUTE`` per client.

    Only searches that reach the view count: what the page cache answers costs nothing and
    never gets here. A full-text search that nobody asked for before is the most expensive
    request the portal serves, so a flood of new search words must not take the database.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        limit = settings.SEARCH_RATE_LIMIT_PER_MINUTE
        searching = limit and request.GET.get("q", "").strip()
        if searching and not hit(f"search:{client_ip(request)}", limit, 60):
            return render(request, "errors/429.html", status=429)
        return view(request, *args, **kwargs)

    return wrapper
