from django.urls import path

from homeward.quality import views

app_name = "quality"

AUDITS = "children/<str:child_id>/case-audits/"
EXPECTATIONS = "children/<str:child_id>/provider-expectations/"
EDGE = "children/<str:child_id>/edge-of-care/"
ADVICE = "children/<str:child_id>/permanence-advice/"

urlpatterns = [
    path(AUDITS, views.case_audits, name="case-audits"),
    path(f"{AUDITS}add/", views.add_case_audit, name="add-case-audit"),
    path(f"{AUDITS}actions/<int:action_id>/done/", views.action_done, name="action-done"),
    path(EXPECTATIONS, views.provider_expectations, name="provider-expectations"),
    path(f"{EXPECTATIONS}add/", views.add_provider_expectation, name="add-provider-expectation"),
    path(EDGE, views.edge_of_care, name="edge-of-care"),
    path(f"{EDGE}add/", views.add_intervention, name="add-intervention"),
    path(ADVICE, views.permanence_advice, name="permanence-advice"),
    path(f"{ADVICE}add/", views.add_advice, name="add-advice"),
]
