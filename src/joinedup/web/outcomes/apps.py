from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "joinedup.web.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes and indicators"
