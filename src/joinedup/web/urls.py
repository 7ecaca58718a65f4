from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from joinedup.web import views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="partnerships:list"), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("joinedup.web.accounts.urls")),
    path("partnerships/", include("joinedup.web.partnerships.urls")),
    # After the register's own pages, so that "partnerships/new/" is not a slug.
    path("partnerships/<slug:slug>/", include("joinedup.web.overview.urls")),
    path("partnerships/<slug:slug>/", include("joinedup.web.report.urls")),
    path(
        "partnerships/<slug:slug>/members/invitations/",
        include("joinedup.web.accounts.partnership_urls"),
    ),
    path("partnerships/<slug:slug>/", include("joinedup.web.outcomes.summary_urls")),
    path("partnerships/<slug:slug>/outcomes/", include("joinedup.web.outcomes.urls")),
    path("partnerships/<slug:slug>/assessment/", include("joinedup.web.assessments.urls")),
    path("partnerships/<slug:slug>/effort/", include("joinedup.web.effort.urls")),
    path("partnerships/<slug:slug>/actions/", include("joinedup.web.actions.urls")),
    path("partnerships/<slug:slug>/jobs/", include("joinedup.web.jobs.urls")),
    path("r/", include("joinedup.web.assessments.link_urls")),
    path("admin/", admin.site.urls),
]
