"""Case audits of permanence planning (Dudley strategy 'Quality and Audit'): the short form's
answers, the grade, what was found, and the actions that reach the worker's "My work".

The rules live in ``homeward.domain.case_audit``; the writes in ``homeward.quality.services``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from homeward.children.models import Child
from homeward.domain import case_audit as rules


class CaseAudit(models.Model):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="case_audits")
    audited_on = models.DateField("date of the audit")
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The short form's answers: question key (rules.QUESTIONS) to answer key (rules.ANSWERS).
    answers = models.JSONField(default=dict)
    grade = models.CharField(max_length=30, choices=rules.GRADES)
    findings = models.TextField("what the audit found", blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-audited_on", "-pk"]
        indexes = [models.Index(fields=["child", "-audited_on"])]

    def __str__(self) -> str:
        return f"Case audit of {self.audited_on:%-d %B %Y}: {self.get_grade_display()}"

    def answer_rows(self) -> list[tuple[rules.Question, str]]:
        labels = dict(rules.ANSWERS)
        return [
            (q, labels.get(self.answers.get(q.key, ""), "Not answered")) for q in rules.QUESTIONS
        ]


class CaseAuditActionQuerySet(models.QuerySet["CaseAuditAction"]):
    def still_open(self) -> CaseAuditActionQuerySet:
        return self.filter(done_on__isnull=True)


class CaseAuditAction(models.Model):
    """What the audit asks to be done, by whom and by when: dated work on "My work"."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="actions")
    # Denormalised from the audit, so "My work" reads the child's open actions in one query.
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    text = models.CharField("action", max_length=500)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField("due date")
    done_on = models.DateField("date done", null=True, blank=True)

    objects = CaseAuditActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(
                fields=["due_on"], condition=Q(done_on__isnull=True), name="caseaudit_open"
            )
        ]

    def __str__(self) -> str:
        return self.text


class ProviderExpectation(models.Model):
    """An expectation agreed with the provider of the child's placement (Dudley strategy 'Home
    Linking Team'): what, with whom, when, and by whom it was recorded."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="provider_expectations")
    provider = models.CharField("placement provider", max_length=200)
    area = models.CharField(max_length=30, choices=rules.EXPECTATION_AREAS)
    expectation = models.TextField("what the provider is expected to do")
    agreed_on = models.DateField("date agreed")
    agreed_with = models.CharField("agreed with", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-agreed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.provider}: {self.get_area_display()}"


class EdgeOfCareIntervention(models.Model):
    """Work to keep a child safely at home (Dudley strategy 'Family Solutions')."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="edge_of_care")
    kind = models.CharField("intervention", max_length=30, choices=rules.INTERVENTIONS)
    what = models.TextField("what was offered and what it achieved")
    started_on = models.DateField("date started")
    ended_on = models.DateField("date ended", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-started_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on}"


class PermanenceAdvice(models.Model):
    """Advice and support about permanence options given to a child in care or in a private
    fostering arrangement (Dudley strategy objective 6)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="permanence_advice")
    arrangement = models.CharField(max_length=30, choices=rules.ARRANGEMENTS)
    adviser = models.CharField("advice from", max_length=30, choices=rules.ADVISERS)
    what = models.TextField("the advice given")
    started_on = models.DateField("date given")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "-started_on", "-pk"]
        verbose_name_plural = "permanence advice"

    def __str__(self) -> str:
        return f"Advice from the {self.get_adviser_display()} on {self.started_on}"
