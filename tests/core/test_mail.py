from pathlib import Path

import pytest
from django.core import mail
from django.db import transaction

from rabta.core.mail import queue_mail_to_user, send_mail_to_user
from tests.factories import UserFactory

TEMPLATES_DIR = Path(__file__).parent / "templates"


@pytest.fixture(autouse=True)
def _test_templates(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES_DIR]}
    ]
    settings.SITE_URL = "https://rabta.example/"


def send(**kwargs):
    defaults = {"subject_template": "testmail/subject.txt", "body_template": "testmail/body.txt"}
    return send_mail_to_user(**{**defaults, **kwargs})


@pytest.mark.django_db
def test_mail_goes_out_in_the_users_own_language():
    user = UserFactory(language="ru", full_name="Anton Vereshchagin")

    assert send(user_or_email=user, context={"name": "Anton"}) == 1

    [message] = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "Hello Anton (ru)"
    assert message.body.strip() == "Body for Anton Vereshchagin in ru: да. https://rabta.example"


@pytest.mark.django_db
def test_an_explicit_language_wins_and_an_address_gets_the_default():
    user = UserFactory(language="ru")
    send(user_or_email=user, language="ur", context={"name": "x"})
    send(user_or_email="visitor@example.org", context={"name": "y"})

    assert [m.subject for m in mail.outbox] == ["Hello x (ur)", "Hello y (en)"]
    assert mail.outbox[1].to == ["visitor@example.org"]


def test_an_html_template_next_to_the_text_one_becomes_the_alternative():
    send(user_or_email="a@example.org", body_template="testmail/rich.txt", context={"name": "z"})

    [message] = mail.outbox
    assert message.body.strip() == "Plain part."
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "<p>HTML part.</p>" in html
    assert 'dir="ltr"' in html


@pytest.mark.django_db(transaction=True)
def test_queued_mail_is_sent_only_after_the_transaction_commits():
    user = UserFactory(language="ur")
    with transaction.atomic():
        queue_mail_to_user(
            user_or_email=user,
            subject_template="testmail/subject.txt",
            body_template="testmail/body.txt",
            context={"name": "Salman"},
        )
        assert mail.outbox == []

    [message] = mail.outbox
    assert message.subject == "Hello Salman (ur)"
    assert str(user) in message.body


@pytest.mark.django_db(transaction=True)
def test_queued_mail_is_dropped_when_the_transaction_rolls_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_mail_to_user(
            user_or_email="a@example.org",
            subject_template="testmail/subject.txt",
            body_template="testmail/body.txt",
            context={"name": "x"},
        )
        raise RuntimeError("the write failed")

    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_a_failing_e_mail_task_fails_the_test():
    with pytest.raises(AssertionError, match="TemplateDoesNotExist"), transaction.atomic():
        queue_mail_to_user(
            user_or_email="a@example.org",
            subject_template="testmail/missing.txt",
            body_template="x.txt",
        )
    assert mail.outbox == []


def test_a_file_mail_address_keeps_its_absolute_path(tmp_path):
    """EMAIL_URL=filemail:///…/mail writes the e-mails there, not under the working directory."""
    from tests.core.test_hardening import run_rabta

    folder = tmp_path / "mail"
    code = (
        "import django; django.setup(); from django.core.mail import send_mail; "
        "send_mail('Hello', 'Body', None, ['someone@example.org'])"
    )
    env = {"DEBUG": "1", "EMAIL_URL": f"filemail://{folder}"}
    (tmp_path / "cwd").mkdir()
    result = run_rabta(env=env, tmp_path=tmp_path / "cwd", code=code)
    assert result.returncode == 0, result.stderr
    assert len(list(folder.iterdir())) == 1
