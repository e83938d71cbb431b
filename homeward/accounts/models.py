"""Staff, their roles and their teams."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    """The roles named in the councils' procedures (shared/domain/SPEC.md section 6)."""

    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    IRO = "iro", "Independent reviewing officer"
    PERMANENCE_COORDINATOR = "permanence_coordinator", "Permanence coordinator"
    COURT_PROGRESSION_MANAGER = "court_progression_manager", "Court progression manager"
    PANEL_ADMINISTRATOR = "panel_administrator", "Panel administrator"
    FAMILY_FINDER = "family_finder", "Family finder"
    SERVICE_MANAGER = "service_manager", "Service manager / head of service"
    PERFORMANCE_ANALYST = "performance_analyst", "Performance analyst"
    SYSTEM_ADMINISTRATOR = "system_administrator", "System administrator"


class Team(models.Model):
    """A casework team; its names come from the council profile."""

    name = models.CharField(max_length=120, unique=True)
    service = models.CharField(
        max_length=120,
        blank=True,
        help_text="The service the team belongs to, as the council names it.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(max_length=40, choices=Role.choices)
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    external_id = models.CharField(
        "External ID",
        max_length=255,
        blank=True,
        help_text=(
            "The user's identifier at the council's identity provider (the claim "
            "HOMEWARD_OIDC_CLAIM names, e.g. Entra ID's object ID), when sign-in matches on it "
            "rather than email."
        ),
    )
    is_demo = models.BooleanField(
        default=False,
        help_text="Created by manage.py demo; production refuses to start while any exist.",
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="accounts_user_external_id_unique",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username
