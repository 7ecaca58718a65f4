from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "joinedup.web.assessments"
    label = "assessments"
    verbose_name = "Assessment rounds"
