"""Unlinkable survey answers: what is stored, and when (see docs/quality.md, "Threat model").

Three mechanisms, each aimed at an attacker who can read every table of the database:

* **Coarsened groups** (``coarsen``, pure): when a campaign closes, each answer keeps only the
  reporting group it can share with at least ``threshold`` other respondents. The stored group
  tuples partition the respondents into cells of at least ``threshold`` (or the whole campaign
  when it has fewer respondents). Anyone who knows exactly who responded and in which group (the
  invitations say so after closing) can rebuild the cells, and still cannot tell the answers of a
  cell apart. Every report is a union of cells, so no subtraction of reports isolates less than a
  cell either (national minus every visible hospital included).
* **Sealed answers while open**: until the campaign closes, an answer (group, scores, free text)
  is stored encrypted (Fernet with ``FIELD_ENCRYPTION_KEY``, at the fixed time 0 so the token
  holds no timestamp); the plain columns stay empty. At closing the answers are decrypted and
  written anew as fresh rows with fresh random keys, in a random order, so neither the keys nor
  the physical order of the rows (SQLite's rowid, PostgreSQL's ctid) follow the order in which
  the slots were filled.
* **Receipts instead of a flag while open**: "this person responded" is stored as a keyed hash
  (HMAC-SHA256 with a key derived from ``FIELD_ENCRYPTION_KEY``) in ``ResponseReceipt``. Without
  the key nobody can tell from the database who responded. At closing, the invitations' flags are
  set in one statement and the receipts are deleted.
"""

import base64
import hashlib
import hmac
import json
from collections import Counter, defaultdict

# The stored group is (service, hospital, specialty, year). Each level keeps some of them; an
# answer keeps the finest level at which its cell holds at least the threshold of respondents.
LEVELS = (
    (True, True, True, True),  # stagedienst (with its hospital and specialty) and year
    (True, True, True, False),  # stagedienst
    (False, True, False, False),  # hospital
    (False, False, True, False),  # specialty
    (False, False, False, True),  # year of training
)
NOTHING = (None, None, None, None)


def _project(group: tuple, mask: tuple) -> tuple:
    return tuple(value if keep else None for value, keep in zip(group, mask, strict=True))


def coarsen(groups: list[tuple], threshold: int) -> list[tuple]:
    """The stored group of each respondent: every distinct result is shared by >= threshold.

    ``groups`` holds each respondent's full group (service, hospital, specialty, year). The
    result is deterministic and depends only on the multiset of groups, so it adds nothing an
    attacker who knows the respondents' groups could not compute. Only when the whole campaign
    has fewer than ``threshold`` respondents does one cell (everyone, no group) stay smaller.
    """
    result: list[tuple | None] = [None] * len(groups)
    pending = list(range(len(groups)))
    for mask in LEVELS:
        projected = {i: _project(groups[i], mask) for i in pending}
        if mask != LEVELS[0]:
            # Only what this level keeps may be a group at all (a level that keeps nothing but
            # values the respondent lacks is no group).
            projected = {i: p for i, p in projected.items() if p != NOTHING}
        assigned = Counter(g for g in result if g is not None)
        sizes = Counter(projected.values())
        accepted = {
            i for i, p in projected.items() if p != NOTHING and sizes[p] + assigned[p] >= threshold
        }
        for i in accepted:
            result[i] = projected[i]
        pending = [i for i in pending if i not in accepted]
    for i in pending:
        result[i] = NOTHING
    # The leftover cell (no group) must not be smaller than the threshold either: move the
    # smallest cells into it, whole, until it is large enough (or nothing else is left).
    cells: dict = defaultdict(list)
    for i, g in enumerate(result):
        cells[g].append(i)
    while 0 < len(cells.get(NOTHING, [])) < threshold and len(cells) > 1:
        smallest = min((g for g in cells if g != NOTHING), key=lambda g: (len(cells[g]), str(g)))
        for i in cells.pop(smallest):
            result[i] = NOTHING
            cells[NOTHING].append(i)
    return result  # type: ignore[return-value]


# --- Keys ----------------------------------------------------------------------------------


def _fernet():
    from traject.mentoring.crypto import fernet

    return fernet()


def _hmac_keys() -> list[bytes]:
    """One HMAC key per configured encryption key (the first is current)."""
    from traject.mentoring.crypto import configured_keys

    _fernet()  # refuses malformed keys
    return [
        hmac.new(key.encode(), b"traject.quality.receipt", hashlib.sha256).digest()
        for key in configured_keys()
    ]


def receipt_digests(campaign_id: int, user_id: int) -> list[str]:
    """Digests of "this person responded to this campaign" under every configured key."""
    message = f"{campaign_id}:{user_id}".encode()
    return [hmac.new(key, message, hashlib.sha256).hexdigest() for key in _hmac_keys()]


def seal(group: tuple, scores: dict, free_text: str) -> str:
    """Encrypt an answer with no timestamp in the token (a Fernet token carries its time)."""
    payload = json.dumps({"group": list(group), "scores": scores, "free_text": free_text})
    token = _fernet().encrypt_at_time(payload.encode(), 0)
    return base64.urlsafe_b64encode(token).decode()


def unseal(sealed: str) -> tuple[tuple, dict, str]:
    token = base64.urlsafe_b64decode(sealed.encode())
    data = json.loads(_fernet().decrypt(token).decode())
    return tuple(data["group"]), data["scores"], data["free_text"]


def rotate_keys() -> int:
    """After a key rotation: re-seal open answers and re-key receipts with the current key."""
    from django.db import transaction

    from .models import AnswerSet, Campaign, Invitation, ResponseReceipt

    count = 0
    with transaction.atomic():
        for slot in AnswerSet.objects.exclude(sealed="").only("pk", "sealed"):
            AnswerSet.objects.filter(pk=slot.pk).update(sealed=seal(*unseal(slot.sealed)))
            count += 1
        for campaign in Campaign.objects.filter(status=Campaign.Status.OPEN):
            stored = set(
                ResponseReceipt.objects.filter(campaign=campaign).values_list("digest", flat=True)
            )
            if not stored:
                continue
            for user_id in Invitation.objects.filter(campaign=campaign).values_list(
                "user_id", flat=True
            ):
                current, *old = receipt_digests(campaign.pk, user_id)
                stale = stored.intersection(old)
                if stale and current not in stored:
                    ResponseReceipt.objects.filter(campaign=campaign, digest__in=stale).update(
                        digest=current
                    )
                    count += 1
    return count
