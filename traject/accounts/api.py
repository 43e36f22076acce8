from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from .models import ApiToken
from .roles import roles_of
from .services import api_token_create, api_token_revoke

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
    name: str


class TokenCreatedOut(TokenOut):
    key: str


@router.get("/me", response=MeOut, summary="The signed-in person and their roles")
def me(request):
    user = request.auth
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
    return ApiToken.objects.filter(user=request.auth)


@router.post(
    "/tokens",
    response={201: TokenCreatedOut},
    summary="Create a personal API token (the key is shown once)",
)
def create_token(request, payload: TokenIn):
    from django.core.exceptions import ValidationError

    if not payload.name.strip():
        raise ValidationError({"name": ["A name is required."]})
    token, key = api_token_create(user=request.auth, name=payload.name[:100])
    out = TokenOut.from_orm(token).dict()
    return Status(201, {**out, "key": key})


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke one of your tokens")
def revoke_token(request, token_id: int):
    token = get_object_or_404(ApiToken, pk=token_id, user=request.auth)
    api_token_revoke(token=token, actor=request.auth)
    return Status(204, None)
