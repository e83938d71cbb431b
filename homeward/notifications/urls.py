from django.urls import path

from homeward.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.outbox, name="outbox"),
    path("notifications/settings/", views.notification_settings, name="settings"),
    path("notifications/<int:message_id>/retry/", views.retry, name="retry"),
    path("notifications/go/<uuid:token>/", views.go, name="go"),
]
