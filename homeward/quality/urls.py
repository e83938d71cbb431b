from django.urls import path

from homeward.quality import views

app_name = "quality"

AUDITS = "children/<str:child_id>/case-audits/"

urlpatterns = [
    path(AUDITS, views.case_audits, name="case-audits"),
    path(f"{AUDITS}add/", views.add_case_audit, name="add-case-audit"),
    path(f"{AUDITS}actions/<int:action_id>/done/", views.action_done, name="action-done"),
]
