from django.urls import path

from joinedup.web.actions import views

app_name = "actions"

urlpatterns = [
    path("", views.action_list, name="list"),
    path("new/", views.action_new, name="new"),
    path("<int:pk>/", views.action_detail, name="detail"),
    path("<int:pk>/update/", views.action_update, name="update"),
]
