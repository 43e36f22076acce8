"""A text field stored encrypted at rest (see ``crypto``)."""

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Text that a database dump cannot read: Fernet tokens in the column, plain text in Python.

    Encrypted columns cannot be searched or ordered on; use them only for confidential prose.
    """

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))

    def get_lookup(self, lookup_name):
        # Fernet tokens are randomised: only "is null" means anything on this column.
        if lookup_name not in {"isnull"}:
            return None
        return super().get_lookup(lookup_name)
