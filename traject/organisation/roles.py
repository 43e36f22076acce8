"""The roles the organisation app contributes (discovered by ``accounts.roles`` via the registry)."""

from traject.accounts.roles import COORDINATOR, MINISTRY, PROGRAMME_ADMIN, STAGEMEESTER, TRAINEE


def role_querysets(user) -> dict:
    from .models import (
        HospitalCoordinator,
        MinistryOfficer,
        ProgrammeAdministrator,
        Trainee,
        TrainerRecognition,
    )

    return {
        TRAINEE: Trainee.objects.filter(user=user),
        STAGEMEESTER: TrainerRecognition.objects.filter(trainer=user),
        COORDINATOR: HospitalCoordinator.objects.filter(user=user),
        PROGRAMME_ADMIN: ProgrammeAdministrator.objects.filter(user=user),
        MINISTRY: MinistryOfficer.objects.filter(user=user),
    }
