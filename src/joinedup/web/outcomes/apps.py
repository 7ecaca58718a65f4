from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "joinedup.web.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes and indicators"

    def ready(self) -> None:
        from joinedup.web.outcomes import import_jobs

        import_jobs.connect()
