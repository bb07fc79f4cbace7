"""Background tasks of the core: sending templated e-mails."""

from __future__ import annotations

from typing import Any

from django_tasks import task

# The task queues (settings.RABTA_TASK_QUEUES), each with its own workers, so that a long solve or
# import never delays an e-mail. A task without a queue goes to "default".
EMAILS = "emails"
SOLVES = "solves"
IMPORTS = "imports"


@task(queue_name=EMAILS)
def send_templated_email(
    *, to: str, language: str, subject_template: str, body_template: str, context: dict[str, Any]
) -> int:
    """Render and send one e-mail (see rabta.core.mail). Arguments are JSON-able only."""
    from rabta.core.mail import send_mail_to_user

    return send_mail_to_user(
        user_or_email=to,
        language=language,
        subject_template=subject_template,
        body_template=body_template,
        context=context,
    )
