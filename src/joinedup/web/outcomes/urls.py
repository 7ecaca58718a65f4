from django.urls import path

from joinedup.web.outcomes import data_views, views

app_name = "outcomes"

urlpatterns = [
    path("", views.outcome_list, name="list"),
    path("add/", views.outcome_add, name="add"),
    path("<int:pk>/", views.outcome_detail, name="detail"),
    path("<int:pk>/edit/", views.outcome_edit, name="edit"),
    path("<int:pk>/indicators/add/", views.indicator_add, name="indicator_add"),
    path("indicators/<int:pk>/", views.indicator_page, name="indicator"),
    path("indicators/<int:pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/import/", data_views.import_upload, name="import"),
    path("indicators/<int:pk>/import/confirm/", data_views.import_confirm, name="import_confirm"),
    path("indicators/<int:pk>/value/", data_views.value_entry, name="value"),
    path(
        "indicators/<int:pk>/values/<str:period>/remove/",
        data_views.value_remove,
        name="value_remove",
    ),
]
