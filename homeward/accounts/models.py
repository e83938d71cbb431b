"""Staff, their roles and their teams; and their recovery codes, kept only as salted hashes."""

from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.contrib.auth.models import AbstractUser
from django.db import models
from django_otp.models import Device, ThrottlingMixin, TimestampMixin


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
    # Agrees entries into care proceedings and reunification plans (Durham, 002 'Pre-Proceedings/
    # Care Proceedings', 'Return home from care'): homeward.domain.sign_offs.
    STRATEGIC_MANAGER = "strategic_manager", "Strategic manager"
    # Authorises a placement with parents under a care order (Dudley, 000 'Specialist
    # Assessments'): homeward.domain.sign_offs.
    AGENCY_DECISION_MAKER = "agency_decision_maker", "Agency decision maker"
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


class RecoveryCodeHasher(PBKDF2PasswordHasher):
    """PBKDF2-SHA256 with a random salt per code, at fewer rounds than a password's: checking a
    code tries each of the user's codes in turn (up to ``HOMEWARD_RECOVERY_CODES``), and a code
    is random, not chosen by a person. Its output says its rounds, so this may be raised later
    without making stored codes unusable."""

    iterations = 100_000


RECOVERY_CODE_HASHER = RecoveryCodeHasher()


def normalise_recovery_code(code: str) -> str:
    """As the user may type it: spaces and hyphens between groups, either case."""
    return "".join(code.split()).replace("-", "").lower()


class RecoveryCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A user's single-use recovery codes, a django-otp device (so ``OTPMiddleware`` knows a
    session it verified) in place of django-otp's static device, which stores its codes as they
    are. Each code is kept only as a salted hash (``RecoveryCode``) and is deleted when used.
    Wrong codes slow the next try, as django-otp's static device does."""

    class Meta:
        verbose_name = "recovery codes"
        verbose_name_plural = "recovery codes"

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1))

    def add_codes(self, codes: list[str]) -> None:
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=self, hashed=RecoveryCode.hash(code)) for code in codes
        )

    def verify_token(self, token: Any) -> bool:
        """Use one code: true if it is one of this device's, which then no longer works. Call
        with the device locked (``select_for_update``) so a code cannot be used twice at once."""
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        code = normalise_recovery_code(str(token))
        match = next((stored for stored in self.codes.all() if stored.matches(code)), None)
        if match is None:
            self.throttle_increment()
            return False
        match.delete()
        self.throttle_reset(commit=False)
        self.set_last_used_timestamp(commit=False)
        self.save()
        return True


class RecoveryCode(models.Model):
    """One unused recovery code, as ``RecoveryCodeHasher`` hashed it: never the code itself."""

    device = models.ForeignKey(RecoveryCodeDevice, on_delete=models.CASCADE, related_name="codes")
    hashed = models.CharField(max_length=128)

    def __str__(self) -> str:
        return "A recovery code (hashed)"

    @staticmethod
    def hash(code: str) -> str:
        code = normalise_recovery_code(code)
        return RECOVERY_CODE_HASHER.encode(code, RECOVERY_CODE_HASHER.salt())

    def matches(self, code: str) -> bool:
        """In constant time for a given stored hash (the hasher's own comparison)."""
        return RECOVERY_CODE_HASHER.verify(normalise_recovery_code(code), self.hashed)
