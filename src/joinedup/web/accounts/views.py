"""Invitation pages: the lead's (invite, send again, cancel) and the invited
person's (open the link, sign up or log in, accept); asking for a password
reset link."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from joinedup.web.access import Access, partnership_view, signed_in
from joinedup.web.accounts import invitations
from joinedup.web.accounts.forms import InvitationForm, ResetRequestForm, SignUpForm
from joinedup.web.accounts.invitations import AlreadyMember, Opened, State
from joinedup.web.accounts.models import Invitation
from joinedup.web.pages import partnership_page, posted

logger = logging.getLogger(__name__)

# The backend that checks passwords: a person who has just chosen theirs is logged in with it.
_PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _send(request: HttpRequest, invitation: Invitation, path: str, done: str) -> None:
    """Email the link at ``path`` and say what happened; a mail server that
    refuses it leaves the invitation listed as not sent."""
    try:
        invitations.send(invitation, request.build_absolute_uri(path))
    except OSError as error:  # smtplib's errors included: the server, not the lead
        logger.exception("Sending invitation %s failed", invitation.pk)
        messages.error(
            request,
            f"The email server did not accept the email to {invitation.email} ({error}). "
            "The invitation is listed under pending invitations: send it again later.",
        )
    else:
        messages.success(request, done)


@partnership_view("manage")
def invite(request: HttpRequest, access: Access) -> HttpResponse:
    form = InvitationForm(posted(request), partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                invitation = form.save(commit=False)
                invitation.invited_by = signed_in(request)
                invitation.save()
                path = invitations.new_link(invitation)
        except IntegrityError:  # invited by another lead a moment ago
            form.add_error("email", f"{form.cleaned_data['email']} has been invited already")
        else:
            _send(
                request,
                invitation,
                path,
                f"An invitation has been sent to {invitation.email}. They become a member "
                "when they accept it.",
            )
            return redirect("partnerships:members", access.partnership.slug)
    return partnership_page(
        request,
        "partnerships/form.jinja",
        access,
        form=form,
        title="Invite a member",
        submit="Send the invitation",
        cancel="partnerships:members",
    )


def _pending(access: Access, pk: int) -> Invitation:
    return get_object_or_404(access.partnership.invitations.pending(), pk=pk)


@partnership_view("manage")
def resend(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    invitation = _pending(access, pk)
    if request.method == "POST":
        path = invitations.new_link(invitation)
        _send(
            request,
            invitation,
            path,
            f"The invitation has been sent to {invitation.email} again. Only the new link works.",
        )
        return redirect("partnerships:members", access.partnership.slug)
    return partnership_page(
        request, "accounts/invitation_resend.jinja", access, invitation=invitation
    )


@partnership_view("manage")
def cancel(request: HttpRequest, access: Access, pk: int) -> HttpResponse:
    invitation = _pending(access, pk)
    if request.method == "POST":
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])
        messages.success(request, f"The invitation to {invitation.email} has been cancelled.")
        return redirect("partnerships:members", access.partnership.slug)
    return partnership_page(
        request, "accounts/invitation_cancel.jinja", access, invitation=invitation
    )


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation link opens, for anyone who holds the link."""
    opened = invitations.open_link(token)
    if opened is None:
        return render(request, "accounts/invitation_invalid.jinja", status=404)
    if opened.state is not State.OPEN:
        return _closed(request, opened)
    found = opened.invitation
    if request.user.is_authenticated:
        return _accept(request, opened, token)
    if User.objects.filter(email__iexact=found.email, is_active=True).exists():
        return render(request, "accounts/invitation_log_in.jinja", {"invitation": found})
    form = SignUpForm(posted(request), email=found.email)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = form.save()
                invitations.accept(found, user)
        except ValueError:  # accepted, cancelled or expired since the page was opened
            return _closed_since(request, opened, token)
        except IntegrityError:  # the username was taken a moment ago
            form.add_error("username", "That username has just been taken: choose another")
        else:
            login(request, user, backend=_PASSWORD_BACKEND)
            return _welcome(request, found)
    return render(request, "accounts/invitation_sign_up.jinja", {"invitation": found, "form": form})


def _accept(request: HttpRequest, opened: Opened, token: str) -> HttpResponse:
    found = opened.invitation
    problem = None
    if request.method == "POST":
        try:
            invitations.accept(found, signed_in(request))
        except AlreadyMember:
            problem = (
                f"You are already a member of {found.partnership.name}. If your role or "
                "organisation should change, ask its lead to change your membership."
            )
        except ValueError:
            return _closed_since(request, opened, token)
        else:
            return _welcome(request, found)
    return render(
        request, "accounts/invitation_accept.jinja", {"invitation": found, "problem": problem}
    )


def _welcome(request: HttpRequest, found: Invitation) -> HttpResponse:
    messages.success(
        request,
        f"Welcome to {found.partnership.name}: you are a {found.role_label.lower()}, "
        f"representing {found.partner.name}.",
    )
    return redirect("overview:partnership", found.partnership.slug)


def _closed_since(request: HttpRequest, opened: Opened, token: str) -> HttpResponse:
    """The closed page for an invitation that closed while it was being
    accepted, saying how (accepted, cancelled or expired) as it stands now."""
    return _closed(request, invitations.open_link(token) or opened)


def _closed(request: HttpRequest, opened: Opened) -> HttpResponse:
    return render(
        request,
        "accounts/invitation_closed.jinja",
        {"invitation": opened.invitation, "state": opened.state.value},
        status=410,
    )


class PasswordReset(auth_views.PasswordResetView):
    """Django's page, saying so when the email server does not take the email
    (for any address: whether an account exists stays unsaid)."""

    def form_valid(self, form: ResetRequestForm) -> HttpResponse:
        try:
            return super().form_valid(form)
        except OSError:  # smtplib's errors included
            logger.exception("Sending a password reset link failed")
            form.add_error(
                None,
                "The email could not be sent just now: the email server did not take it. "
                "Nothing has been sent. Try again later.",
            )
            return self.form_invalid(form)
