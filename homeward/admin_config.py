"""``django.contrib.admin`` installed with Homeward's site (``homeward.admin_site``), which
answers only the methods each admin page handles. Kept apart from the site: an app's config is
imported before the models are ready, the site (which writes audit entries) only in ``ready()``."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class HomewardAdminConfig(AdminConfig):
    """``django.contrib.admin`` with ``HomewardAdminSite`` as ``admin.site``."""

    default_site = "homeward.admin_site.HomewardAdminSite"
