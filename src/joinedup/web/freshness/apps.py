from django.apps import AppConfig


class FreshnessConfig(AppConfig):
    name = "joinedup.web.freshness"
    label = "freshness"
    verbose_name = "Fresh cached results"

    def ready(self) -> None:
        from joinedup.web.freshness import versions

        versions.connect()
