from django.urls import path

from joinedup.web.outcomes import data_views, event_views, views

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
    path("indicators/<int:pk>/events/", event_views.event_list, name="events"),
    path("indicators/<int:pk>/events/add/", event_views.event_add, name="event_add"),
    path("indicators/<int:pk>/events/<int:event>/edit/", event_views.event_edit, name="event_edit"),
    path(
        "indicators/<int:pk>/events/<int:event>/delete/",
        event_views.event_delete,
        name="event_delete",
    ),
]
