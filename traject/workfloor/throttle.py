"""A per-IP throttle for the pages that need no log-in (the bedside code, the one-time link).

Tokens are signed and the 6-digit codes count their own wrong attempts; this limit is the
outer fence against a script hammering the pages from one address. A hospital's ward shares one
address behind its proxy, so the limit is generous (``settings.WORKFLOOR_THROTTLE``: requests
per window in seconds; ``None`` turns it off). Counts live in Django's cache.
"""

from django.conf import settings
from django.core.cache import cache

DEFAULT = (120, 600)  # 120 requests per 10 minutes per address


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address
    those proxies appended to X-Forwarded-For (never what a client itself sends)."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def limit() -> tuple[int, int] | None:
    return getattr(settings, "WORKFLOOR_THROTTLE", DEFAULT)


def is_throttled(request, scope: str = "nologin") -> bool:
    """Count this request for its address; True once the address is past the limit."""
    configured = limit()
    if not configured:
        return False
    allowed, window = configured
    key = f"workfloor:throttle:{scope}:{client_ip(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > allowed
