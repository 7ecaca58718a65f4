from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "joinedup.web.partnerships"
    label = "partnerships"
    verbose_name = "Partnership register"

    def ready(self) -> None:
        from joinedup.web import checks  # noqa: F401  (registers system checks)
