from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "joinedup.web.jobs"
    label = "jobs"
    verbose_name = "Background jobs"
