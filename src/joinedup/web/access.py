"""The one way views reach partnership data: through the user's membership.

Every view that shows a partnership is wrapped in :func:`partnership_view`,
which finds the partnership among the user's own and hands the view an
:class:`Access`. Anything the user is not a current member of answers 404,
so a URL never confirms that a partnership exists. Child objects are then
read through the partnership (``access.partnership.partners``), never by a
bare primary key from the URL.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Concatenate, Literal, ParamSpec

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from joinedup.core.register import Role
from joinedup.web.partnerships.models import Member, Partnership

P = ParamSpec("P")
# What Django calls: the request, then the URL's arguments by keyword.
View = Callable[..., HttpResponse]
Need = Literal["read", "load_data", "manage"]


@dataclass(frozen=True)
class Access:
    """What the current user may do in one partnership."""

    partnership: Partnership
    member: Member

    @property
    def role(self) -> Role:
        return Role(self.member.role)

    @property
    def can_manage(self) -> bool:
        return self.role.can_manage

    @property
    def can_load_data(self) -> bool:
        return self.role.can_load_data

    def allows(self, need: Need) -> bool:
        return need == "read" or (self.can_manage if need == "manage" else self.can_load_data)


def signed_in(request: HttpRequest) -> User:
    """The user of a request that ``login_required`` let through."""
    user = request.user
    assert isinstance(user, User)
    return user


def get_access(user: Any, slug: str) -> Access:
    """The user's access to the partnership ``slug``, or Http404."""
    memberships = list(
        Member.objects.current()
        .filter(user=user, partnership__slug=slug)
        .select_related("partnership", "partner", "user")
    )
    if not memberships:
        raise Http404("No such partnership")
    member = max(memberships, key=lambda m: Role(m.role).rank)
    return Access(member.partnership, member)


def partnership_view(
    need: Need = "read",
) -> Callable[
    [Callable[Concatenate[HttpRequest, Access, P], HttpResponse]],
    View,
]:
    """Wrap a view taking ``(request, access, ...)`` as one taking ``(request, slug, ...)``.

    Outsiders get 404; members without the ``need`` get 403 (they already
    know the partnership exists).
    """

    def decorate(
        view: Callable[Concatenate[HttpRequest, Access, P], HttpResponse],
    ) -> View:
        def wrapper(
            request: HttpRequest, slug: str, *args: P.args, **kwargs: P.kwargs
        ) -> HttpResponse:
            access = get_access(request.user, slug)
            if not access.allows(need):
                raise PermissionDenied("Your role in this partnership cannot do this")
            return view(request, access, *args, **kwargs)

        functools.update_wrapper(wrapper, view)
        return login_required(wrapper)

    return decorate
