"""A small fixed-window rate limit on the shared cache, for our own public forms."""

from functools import wraps

from django.core.cache import cache
from django.shortcuts import render
from django.utils import timezone


def client_ip(request) -> str:
    # Behind the load balancer REMOTE_ADDR is the balancer; gunicorn's
    # forwarded_allow_ips already rewrote it from X-Forwarded-For for trusted proxies.
    return request.META.get("REMOTE_ADDR", "unknown")


def hit(key: str, limit: int, period: int) -> bool:
    """Count one hit; return True while the key is within ``limit`` hits per ``period`` s."""
    window = int(timezone.now().timestamp()) // period
    cache_key = f"rl:{key}:{window}"
    cache.add(cache_key, 0, timeout=period)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=period)
        count = 1
    return count <= limit


def ratelimit_post(scope: str, limit: int, period: int):
    """Answer 429 to POSTs past ``limit`` per ``period`` seconds and client IP."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and not hit(f"{scope}:{client_ip(request)}", limit, period):
                return render(request, "errors/429.html", status=429)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
