from django.urls import path

from joinedup.web.report import views

app_name = "report"

urlpatterns = [
    path("report/", views.report_page, name="page"),
    path("report.pdf", views.report_pdf, name="pdf"),
]
