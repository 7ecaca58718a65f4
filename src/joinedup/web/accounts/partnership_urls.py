"""A lead's invitation pages, under /partnerships/<slug>/members/invitations/."""

from django.urls import path

from joinedup.web.accounts import views

app_name = "invitations"

urlpatterns = [
    path("new/", views.invite, name="new"),
    path("<int:pk>/resend/", views.resend, name="resend"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
]
