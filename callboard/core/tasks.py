from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email_task(*, to: list[str], subject: str, body: str) -> None:
    """Send one e-mail from the worker so a page never waits on SMTP."""
    send_mail(subject, body, None, to, fail_silently=False)
