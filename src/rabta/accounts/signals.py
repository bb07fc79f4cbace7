"""Signals through which the apps above accounts take part in a person's leaving.

accounts imports no app above it, so the apps that hold a person's data answer these:

- ``account_closing(sender=User, user=...)`` is sent inside the deletion's transaction, before
  the user row goes: receivers release what the person holds (an organisation's last
  administrator hands over, meetings they alone attend are cancelled and the other side told).
  A receiver that raises ``InvalidInput`` stops the deletion; nothing is changed.
- ``account_data_requested(sender=User, user=...)``: each receiver returns a dict of sections
  ({"memberships": [...]}) for the person's own data export (JSON-able values only).
"""

from django.dispatch import Signal

account_closing = Signal()
account_data_requested = Signal()
