"""WSGI entry point. In production it refuses to start while demo users exist."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homeward.settings")

application = get_wsgi_application()

from homeward.accounts.checks import refuse_demo_users_in_production  # noqa: E402

refuse_demo_users_in_production()
