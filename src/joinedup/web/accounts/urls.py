"""The accounts pages anyone may open: invitation links and password reset."""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from joinedup.web.accounts import views
from joinedup.web.accounts.forms import NewPasswordForm, ResetRequestForm

app_name = "accounts"

urlpatterns = [
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path(
        "password/reset/",
        views.PasswordReset.as_view(
            template_name="accounts/password_reset.jinja",
            form_class=ResetRequestForm,
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_sent"),
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/password_reset_sent.jinja"
        ),
        name="password_reset_sent",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_new.jinja",
            form_class=NewPasswordForm,
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_done.jinja"
        ),
        name="password_reset_done",
    ),
]
