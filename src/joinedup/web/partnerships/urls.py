from django.urls import path

from joinedup.web.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("new/", views.partnership_new, name="new"),
    path("<slug:slug>/edit/", views.partnership_edit, name="edit"),
    path("<slug:slug>/partners/", views.partners, name="partners"),
    path("<slug:slug>/partners/add/", views.partner_add, name="partner_add"),
    path("<slug:slug>/partners/<int:pk>/", views.partner_edit, name="partner_edit"),
    path("<slug:slug>/partners/<int:pk>/remove/", views.partner_remove, name="partner_remove"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/<int:pk>/", views.member_edit, name="member_edit"),
    path("<slug:slug>/budget/", views.budget, name="budget"),
    path("<slug:slug>/budget/add/", views.budget_add, name="budget_add"),
    path("<slug:slug>/budget/<int:pk>/", views.budget_edit, name="budget_edit"),
    path("<slug:slug>/budget/<int:pk>/remove/", views.budget_remove, name="budget_remove"),
]
