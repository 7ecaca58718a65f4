from django.urls import path

from joinedup.web.outcomes import summary_views

app_name = "summary"

urlpatterns = [
    path("summary/", summary_views.summary, name="table"),
    path("summary.csv", summary_views.summary_csv, name="csv"),
]
