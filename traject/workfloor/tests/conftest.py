import pytest


@pytest.fixture(autouse=True)
def _english_for_anonymous_visitors(settings):
    """Anonymous pages follow the default language; these tests read the English messages."""
    settings.LANGUAGE_CODE = "en"
