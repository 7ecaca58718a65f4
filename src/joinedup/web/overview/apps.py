from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "joinedup.web.overview"
    label = "overview"
    verbose_name = "Partnership overview"

    def ready(self) -> None:
        from joinedup.web.assessments import evidence
        from joinedup.web.overview.verdict import results_back_it

        evidence.provide(results_back_it)
