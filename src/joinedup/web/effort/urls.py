from django.urls import path

from joinedup.web.effort import views

app_name = "effort"

urlpatterns = [
    path("", views.index, name="index"),
    path("rates/", views.rates, name="rates"),
]
# Each kind of entry (views.ENTRIES) at its own addresses, under its own names.
for kind, folder in [("meeting", "meetings"), ("time", "time"), ("expense", "costs")]:
    urlpatterns += [
        path(f"{folder}/add/", views.entry_add, {"kind": kind}, name=f"{kind}_add"),
        path(f"{folder}/<int:pk>/", views.entry_edit, {"kind": kind}, name=f"{kind}_edit"),
        path(
            f"{folder}/<int:pk>/delete/", views.entry_delete, {"kind": kind}, name=f"{kind}_delete"
        ),
    ]
