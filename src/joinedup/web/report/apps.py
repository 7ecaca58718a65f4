from django.apps import AppConfig


class ReportConfig(AppConfig):
    name = "joinedup.web.report"
    label = "report"
    verbose_name = "Board report"
