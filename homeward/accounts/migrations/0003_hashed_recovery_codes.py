"""Recovery codes kept only as salted hashes (issue 14): Homeward's own django-otp device in
place of django-otp's static device, which stored each code as it is.

Codes already made are moved across, hashed, and the static devices and their plaintext codes
deleted, so every user keeps the codes they saved. A session verified by a static device is no
longer verified (its device is gone): the user enters a code again at their next page. Going
back cannot recover the codes from their hashes: users would need new ones (``reset_2fa``).
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import migrations, models


class _Hasher(PBKDF2PasswordHasher):
    """As homeward.accounts.models.RecoveryCodeHasher was when this was written (its output
    names its rounds, so the model's hasher checks these whatever it is later)."""

    iterations = 100_000


def hash_the_static_codes(apps, schema_editor):
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    RecoveryCodeDevice = apps.get_model("accounts", "RecoveryCodeDevice")
    RecoveryCode = apps.get_model("accounts", "RecoveryCode")
    hasher = _Hasher()
    for static in StaticDevice.objects.all():
        device = RecoveryCodeDevice.objects.create(
            user_id=static.user_id, name=static.name, confirmed=static.confirmed
        )
        RecoveryCode.objects.bulk_create(
            RecoveryCode(
                device=device,
                hashed=hasher.encode(
                    "".join(token.split()).replace("-", "").lower(), hasher.salt()
                ),
            )
            for token in static.token_set.values_list("token", flat=True)
        )
    StaticDevice.objects.all().delete()  # and, cascading, every plaintext code


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_user_external_id_for_the_identity_provider'),
        ('otp_static', '0003_add_timestamps'),
    ]

    operations = [
        migrations.CreateModel(
            name='RecoveryCodeDevice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='The human-readable name of this device.', max_length=64)),
                ('confirmed', models.BooleanField(default=True, help_text='Is this device ready for use?')),
                ('throttling_failure_timestamp', models.DateTimeField(blank=True, default=None, help_text='A timestamp of the last failed verification attempt. Null if last attempt succeeded.', null=True)),
                ('throttling_failure_count', models.PositiveIntegerField(default=0, help_text='Number of successive failed attempts.')),
                ('created_at', models.DateTimeField(auto_now_add=True, help_text='The date and time when this device was initially created in the system.', null=True)),
                ('last_used_at', models.DateTimeField(blank=True, help_text='The most recent date and time this device was used.', null=True)),
                ('user', models.ForeignKey(help_text='The user that this device belongs to.', on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'recovery codes',
                'verbose_name_plural': 'recovery codes',
            },
        ),
        migrations.CreateModel(
            name='RecoveryCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('hashed', models.CharField(max_length=128)),
                ('device', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='codes', to='accounts.recoverycodedevice')),
            ],
        ),
        migrations.RunPython(hash_the_static_codes, migrations.RunPython.noop),
    ]
