from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "joinedup.web.actions"
    label = "actions"
    verbose_name = "Actions"

    def ready(self) -> None:
        from joinedup.web.actions.reminders import REMINDERS
        from joinedup.web.jobs.kinds import register

        register(REMINDERS)
