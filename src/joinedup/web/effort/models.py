"""Effort: the time and money partners spend on running the partnership.

Meetings record who attended by partner and grade; other staff time and
money are entered per partner. Everything is costed by the core
(joinedup.core.effort) at the partnership's rates, or the defaults.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from joinedup.core.effort import Grade
from joinedup.web.partnerships.models import Partner, Partnership


class CostRate(models.Model):
    """A partnership's own hourly cost for a grade, replacing the default."""

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="cost_rates")
    grade = models.CharField(max_length=20, choices=Grade.choices())
    hourly_rate = models.DecimalField(max_digits=8, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "grade"], name="one_rate_per_grade_per_partnership"
            ),
            models.CheckConstraint(condition=Q(hourly_rate__gte=0), name="rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.grade} £{self.hourly_rate}/hour"


class Meeting(models.Model):
    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="meetings")
    date = models.DateField()
    title = models.CharField(max_length=200)
    duration_minutes = models.PositiveIntegerField()

    class Meta:
        ordering = ["-date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=1) & Q(duration_minutes__lte=24 * 60),
                name="meeting_duration_within_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} on {self.date}"

    @property
    def people(self) -> int:
        """Everyone who attended (prefetch ``attendance`` when listing meetings)."""
        return sum(row.people for row in self.attendance.all())


class Attendance(models.Model):
    """How many people of one partner and grade attended a meeting."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="attendance")
    partner = models.ForeignKey(Partner, models.PROTECT, related_name="meeting_attendance")
    grade = models.CharField(max_length=20, choices=Grade.choices())
    people = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "partner", "grade"], name="one_attendance_row_per_grade"
            ),
            models.CheckConstraint(condition=Q(people__gte=1), name="attendance_has_people"),
        ]

    def __str__(self) -> str:
        return f"{self.people} {self.grade} from {self.partner}"


class StaffTime(models.Model):
    """Staff time outside meetings: preparing papers, a joint post's share."""

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="staff_time")
    partner = models.ForeignKey(Partner, models.PROTECT, related_name="staff_time")
    date = models.DateField()
    grade = models.CharField(max_length=20, choices=Grade.choices())
    hours = models.DecimalField(max_digits=7, decimal_places=2)
    description = models.CharField(max_length=200)

    class Meta:
        ordering = ["-date", "description"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="staff_time_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.hours} hours: {self.description}"


class Expense(models.Model):
    """Money spent on running the partnership: room hire, a facilitator, travel."""

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="expenses")
    partner = models.ForeignKey(Partner, models.PROTECT, related_name="expenses")
    date = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    description = models.CharField(max_length=200)

    class Meta:
        ordering = ["-date", "description"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="expense_positive"),
        ]

    def __str__(self) -> str:
        return f"£{self.amount}: {self.description}"
