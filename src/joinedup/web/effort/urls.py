from django.urls import path

from joinedup.web.effort import views

app_name = "effort"

urlpatterns = [
    path("", views.index, name="index"),
    path("rates/", views.rates, name="rates"),
    path("meetings/add/", views.meeting_add, name="meeting_add"),
    path("meetings/<int:pk>/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/delete/", views.meeting_delete, name="meeting_delete"),
    path("time/add/", views.time_add, name="time_add"),
    path("time/<int:pk>/", views.time_edit, name="time_edit"),
    path("time/<int:pk>/delete/", views.time_delete, name="time_delete"),
    path("costs/add/", views.expense_add, name="expense_add"),
    path("costs/<int:pk>/", views.expense_edit, name="expense_edit"),
    path("costs/<int:pk>/delete/", views.expense_delete, name="expense_delete"),
]
