"""Answers kept on a request or an object: computed once, dropped by ``forget``."""

from types import SimpleNamespace

import pytest

from traject.accounts.roles import forget_roles, roles_of
from traject.core.memo import forget, per_object, per_request


def test_a_value_is_computed_once_per_object_and_again_after_forget():
    calls = []
    obj = SimpleNamespace()

    def compute():
        calls.append(1)
        return len(calls)

    assert per_object(obj, "k", compute) == 1
    assert per_object(obj, "k", compute) == 1
    assert per_object(SimpleNamespace(), "k", compute) == 2  # another object asks again
    forget(obj, "k")
    assert per_object(obj, "k", compute) == 3
    forget(SimpleNamespace(), "never kept")  # nothing to drop: no error


def test_per_request_keys_do_not_mix():
    request = SimpleNamespace()
    assert per_request(request, "a", lambda: "A") == "A"
    assert per_request(request, "b", lambda: "B") == "B"
    assert per_request(request, "a", lambda: "other") == "A"


@pytest.mark.django_db
def test_the_roles_are_read_once_per_user_object_and_again_after_forget_roles(
    django_assert_num_queries, world
):
    user = world.users["stagemeester"]
    forget_roles(user)
    with django_assert_num_queries(1):
        first = roles_of(user)
        assert roles_of(user) == first
    forget_roles(user)
    with django_assert_num_queries(1):
        assert roles_of(user) == first
