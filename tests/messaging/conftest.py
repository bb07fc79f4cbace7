"""The events fixtures (an event with four approved participants) for the messaging tests."""

from tests.events.conftest import _fast_passwords, event, organiser, participants  # noqa: F401
