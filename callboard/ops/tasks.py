from django_tasks import task


@task()
def health_probe(*, token: str) -> str:
    """The healthcheck's probe: a worker that runs it hands the token back."""
    return token
