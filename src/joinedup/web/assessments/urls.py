"""The assessment pages of a partnership, under /partnerships/<slug>/assessment/."""

from django.urls import path

from joinedup.web.assessments import views

app_name = "assessments"

urlpatterns = [
    path("", views.rounds, name="rounds"),
    path("new/", views.round_new, name="round_new"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/close/", views.round_close, name="close"),
    path("<int:pk>/send/", views.round_send, name="send"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results.csv", views.results_csv, name="results_csv"),
]
