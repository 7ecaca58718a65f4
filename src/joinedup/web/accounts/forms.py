"""Forms of the accounts app: inviting a person, signing up from an
invitation, and the password reset pages' forms with our messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm, SetPasswordMixin
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string

from joinedup.core.register import Role
from joinedup.web.accounts.models import Invitation
from joinedup.web.forms import offer
from joinedup.web.partnerships.models import Member, Partnership

if TYPE_CHECKING:  # generic for the type checker; Django's classes are not, at run time
    _SetPasswordMixin = SetPasswordMixin[User]
    _SetPasswordForm = SetPasswordForm[User]
else:
    _SetPasswordMixin, _SetPasswordForm = SetPasswordMixin, SetPasswordForm

ROLE_HELP = (
    "Leads manage the partnership; analysts also load data; members answer the "
    "assessment and read; viewers read."
)


def password_hint() -> str:
    """The password rules in words (Django's own list is HTML)."""
    return " ".join(password_validation.password_validators_help_texts())


class InvitationForm(forms.ModelForm[Invitation]):
    email = forms.EmailField(
        label="Their email address",
        help_text="The invitation link is sent here. It works once, for 14 days.",
        error_messages={
            "required": "Enter the email address of the person to invite",
            "invalid": "Enter an email address like name@example.org",
        },
    )
    role = forms.ChoiceField(
        label="Their role in the partnership",
        choices=[(role.value, role.label) for role in Role],
        initial=Role.MEMBER,
        widget=forms.RadioSelect,
        help_text=ROLE_HELP,
        error_messages={"required": "Select their role in the partnership"},
    )

    class Meta:
        model = Invitation
        fields = ["email", "partner", "role", "job_title", "can_commit_resources"]
        labels = {
            "partner": "Organisation they represent",
            "job_title": "Job title (optional)",
            "can_commit_resources": "They can commit their organisation's resources",
        }
        help_texts = {
            "can_commit_resources": "Their role carries authority to commit the partner's "
            "money, staff or services: an outcome's owner needs it."
        }
        error_messages = {"partner": {"required": "Select the organisation they represent"}}

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        offer(self.fields["partner"], partnership.partners.all(), blank=False)

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        current = Member.objects.current().filter(
            partnership=self.partnership, user__email__iexact=email
        )
        if current.exists():
            raise forms.ValidationError(f"{email} is already a member of the partnership")
        if self.partnership.invitations.pending().filter(email__iexact=email).exists():
            raise forms.ValidationError(
                f"{email} has been invited already: send that invitation again from the "
                "members page"
            )
        return email

    def save(self, commit: bool = True) -> Invitation:
        self.instance.partnership = self.partnership
        saved: Invitation = super().save(commit)
        return saved


def check_username(username: str) -> None:
    """ValidationError saying what is wrong unless ``username`` is one a new
    account may take (Django's username rules, not taken in any case): the
    one rule for sign-up and ``joinedup createuser``."""
    try:
        for validate in User._meta.get_field("username").validators:
            validate(username)
    except forms.ValidationError:
        raise forms.ValidationError(
            "A username can have only letters, numbers and @ . + - _, up to 150 of them"
        ) from None
    if User.objects.filter(username__iexact=username).exists():
        raise forms.ValidationError(f"The username {username} is taken: choose another")


class SignUpForm(_SetPasswordMixin, forms.Form):
    """A new account from an invitation: the person's name, a username and a password."""

    first_name = forms.CharField(
        label="First name",
        max_length=150,
        error_messages={"required": "Enter your first name"},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        error_messages={"required": "Enter your last name"},
    )
    username = forms.CharField(
        label="Choose a username",
        max_length=150,
        help_text="You log in with it. Letters, numbers and @ . + - _ only.",
        error_messages={"required": "Choose a username"},
    )
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1="Choose a password", label2="Type the password again"
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["username"].initial = email.split("@")[0]
        self.fields["password1"].help_text = password_hint()
        self.fields["password1"].error_messages["required"] = "Choose a password"
        self.fields["password2"].help_text = ""
        self.fields["password2"].error_messages["required"] = "Type the password again"

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        check_username(username)
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.validate_passwords()
        self.validate_password_for_user(self.new_user(), "password1")
        return data

    def new_user(self) -> User:
        """The account as it would be made (unsaved), for the password checks."""
        return User(
            username=self.cleaned_data.get("username", ""),
            first_name=self.cleaned_data.get("first_name", ""),
            last_name=self.cleaned_data.get("last_name", ""),
            email=self.email,
        )

    def save(self) -> User:
        return self.set_password_and_save(self.new_user())


class ResetRequestForm(PasswordResetForm):
    """Django's form, except that an email the server will not take raises
    OSError instead of only being logged: the page then says so. The server is
    reached for every address asked for, known or not, so a failure tells
    nothing about whether an account exists."""

    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        help_text="The email address of your joinedup account.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter the email address of your joinedup account",
            "invalid": "Enter an email address like name@example.org",
        },
    )

    def save(self, *args: Any, **kwargs: Any) -> None:
        with get_connection() as self.connection:  # opened whatever the address
            super().save(*args, **kwargs)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        EmailMessage(subject, body, from_email, [to_email], connection=self.connection).send()


class NewPasswordForm(_SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = password_hint()
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Type the new password again"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Type the new password again"
