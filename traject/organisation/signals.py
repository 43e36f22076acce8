"""Signals other apps listen to (the organisation app imports none of them)."""

from django.dispatch import Signal

# Sent (inside the writing transaction) after an ASO was registered or their registration
# changed; ``trainee`` is the saved ``Trainee``. The portfolio gives them their to-do lists.
trainee_changed = Signal()
