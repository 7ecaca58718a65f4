from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "joinedup.web.actions"
    label = "actions"
    verbose_name = "Actions"
