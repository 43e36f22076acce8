"""Re-encrypt everything encrypted at rest with the first FIELD_ENCRYPTION_KEY.

Rotation: put the new key first (``FIELD_ENCRYPTION_KEY=new,old``), run this command, then
remove the old key. Idempotent; safe to run while the application is running.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Functions of apps that keep their own encrypted or keyed values; each returns a count.
ROTATE_HOOKS = ["traject.quality.anonymity.rotate_keys"]


class Command(BaseCommand):
    help = "Re-encrypt every encrypted value with the first key of FIELD_ENCRYPTION_KEY."

    def handle(self, *args, **options):
        from traject.mentoring.fields import EncryptedTextField

        total = 0
        for model in apps.get_models():
            fields = [f.name for f in model._meta.fields if isinstance(f, EncryptedTextField)]
            if not fields:
                continue
            with transaction.atomic():
                # Read (decrypting with any key), write back (encrypting with the first key).
                for pk, *values in model._default_manager.values_list("pk", *fields).iterator():
                    model._default_manager.filter(pk=pk).update(
                        **dict(zip(fields, values, strict=True))
                    )
                    total += 1
        for hook in ROTATE_HOOKS:
            total += import_string(hook)()
        self.stdout.write(f"Re-encrypted {total} rows with the current key.")
