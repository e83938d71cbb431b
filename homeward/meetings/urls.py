from django.urls import path

from homeward.meetings import views

app_name = "meetings"

child = "children/<str:child_id>"
meeting = f"{child}/meetings/<int:meeting_id>"

urlpatterns = [
    path(f"{child}/meetings/", views.child_meetings, name="child-meetings"),
    path(f"{child}/meetings/plan/", views.plan_meeting, name="plan"),
    path(f"{child}/meetings/record/", views.record_new, name="record-new"),
    path(f"{meeting}/", views.meeting_page, name="meeting"),
    path(f"{meeting}/record/", views.record_meeting, name="record"),
    path(f"{meeting}/cancel/", views.cancel_meeting, name="cancel"),
    path(f"{meeting}/minutes.pdf", views.minutes, name="minutes"),
    path(f"{meeting}/actions/<int:action_id>/", views.action_status, name="action"),
    path(f"{child}/escalations/raise/", views.raise_escalation, name="raise-escalation"),
    path(f"{child}/escalations/<int:escalation_id>/", views.escalation, name="escalation"),
]
