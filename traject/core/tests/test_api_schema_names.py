"""Two response schemas with one name overwrite each other in the OpenAPI document (and then a
response is validated against the wrong one): every schema class of the API has its own name."""

from collections import Counter

from ninja import Schema


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_every_api_schema_has_a_name_of_its_own(client):
    assert client.get("/api/v1/openapi.json").status_code == 200  # every router imported
    ours = [c for c in _all_subclasses(Schema) if c.__module__.startswith("traject.")]
    counts = Counter(c.__name__ for c in ours)
    clashes = {
        name: sorted(c.__module__ for c in ours if c.__name__ == name)
        for name, n in counts.items()
        if n > 1
    }
    assert not clashes
