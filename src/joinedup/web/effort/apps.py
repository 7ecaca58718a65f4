from django.apps import AppConfig


class EffortConfig(AppConfig):
    name = "joinedup.web.effort"
    label = "effort"
    verbose_name = "Cost of the partnership"
