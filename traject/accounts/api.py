from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from . import permissions
from .roles import roles_of
from .services import (
    api_token_create,
    api_token_revoke,
    email_address_add,
    email_address_make_primary,
    email_address_remove,
    email_address_send_verification,
    email_address_verify,
)

PREFIX = "/accounts/"
router = Router(tags=["accounts"])


class MeOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str
    language: str
    roles: list[str]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenIn(Schema):
    name: str = Field(..., max_length=100)


class TokenCreatedOut(TokenOut):
    key: str


@router.get("/me", response=MeOut, summary="The signed-in person and their roles")
def me(request):
    user = permissions.own_account(request.auth)
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "language": user.language,
        "roles": sorted(roles_of(user)),
    }


@router.get("/tokens", response=list[TokenOut], summary="Your personal API tokens")
def list_tokens(request):
    return permissions.tokens_of(request.auth)


@router.post(
    "/tokens",
    response={201: TokenCreatedOut},
    summary="Create a personal API token (the key is shown once)",
)
def create_token(request, payload: TokenIn):
    from django.core.exceptions import ValidationError

    if not payload.name.strip():
        raise ValidationError({"name": [_("Give the token a name.")]})
    token, key = api_token_create(user=permissions.own_account(request.auth), name=payload.name)
    out = TokenOut.from_orm(token).dict()
    return Status(201, {**out, "key": key})


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke one of your tokens")
def revoke_token(request, token_id: int):
    token = permissions.token_for(request.auth, token_id)
    api_token_revoke(token=token, actor=request.auth)
    return Status(204, None)


# --- E-mail addresses -------------------------------------------------------------------------


class EmailOut(Schema):
    id: int
    email: str
    verified: bool
    primary: bool
    notifications: bool


class EmailIn(Schema):
    email: str = Field(..., max_length=254)


class EmailKeyIn(Schema):
    key: str = Field(..., max_length=500)


def _email_out(address, chosen: set[str]) -> dict:
    return {
        "id": address.pk,
        "email": address.email,
        "verified": address.verified,
        "primary": address.primary,
        "notifications": address.email.lower() in chosen,
    }


def _chosen(user) -> set[str]:
    return {e.lower() for e in user.notification_addresses.values_list("email", flat=True)}


@router.get("/emails", response=list[EmailOut], summary="Your e-mail addresses")
def list_emails(request):
    addresses = permissions.email_addresses_of(request.auth)
    chosen = _chosen(request.auth)
    return [_email_out(a, chosen) for a in addresses]


@router.post(
    "/emails",
    response={201: EmailOut},
    summary="Add an e-mail address (a confirmation link is mailed to it)",
)
def add_email(request, payload: EmailIn):
    user = permissions.own_account(request.auth)
    address = email_address_add(request=request, actor=user, email=payload.email)
    return Status(201, _email_out(address, _chosen(user)))


@router.post(
    "/emails/verify",
    response=EmailOut,
    summary="Confirm one of your addresses with the key of the mailed link",
)
def verify_email(request, payload: EmailKeyIn):
    user = permissions.own_account(request.auth)
    address = email_address_verify(request=request, actor=user, key=payload.key)
    return _email_out(address, _chosen(user))


@router.post(
    "/emails/{email_id}/send-verification",
    response={202: None},
    summary="Mail the confirmation link of an unverified address again",
)
def send_email_verification(request, email_id: int):
    address = permissions.email_address_for(request.auth, email_id)
    email_address_send_verification(request=request, actor=request.auth, address=address)
    return Status(202, None)


@router.post(
    "/emails/{email_id}/primary",
    response=EmailOut,
    summary="Make a verified address your primary one",
)
def make_email_primary(request, email_id: int):
    address = permissions.email_address_for(request.auth, email_id)
    address = email_address_make_primary(request=request, actor=request.auth, address=address)
    return _email_out(address, _chosen(request.auth))


@router.delete(
    "/emails/{email_id}", response={204: None}, summary="Remove an address (not the primary one)"
)
def remove_email(request, email_id: int):
    address = permissions.email_address_for(request.auth, email_id)
    email_address_remove(request=request, actor=request.auth, address=address)
    return Status(204, None)
