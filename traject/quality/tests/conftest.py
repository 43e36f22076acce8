import pytest


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Closed campaigns' results are cached by key; test databases reuse keys."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
