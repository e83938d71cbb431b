from django.urls import path

from homeward.legal import views

app_name = "legal"

LEGAL = "children/<str:child_id>/legal/"
SUPPORT = "children/<str:child_id>/support/"

urlpatterns = [
    path(LEGAL, views.legal_process, name="legal"),
    path(f"{LEGAL}pre-proceedings/add/", views.pre_proceedings_step, name="add-step"),
    path(f"{LEGAL}filings/add/", views.court_filing, name="add-filing"),
    path(f"{LEGAL}filings/<int:filing_id>/change/", views.court_filing, name="change-filing"),
    path(f"{LEGAL}consultations/add/", views.legal_consultation, name="add-consultation"),
    path(SUPPORT, views.support, name="support"),
    path(f"{SUPPORT}add/", views.support_plan, name="add-support-plan"),
    path(f"{SUPPORT}<int:plan_id>/reviews/add/", views.support_plan_review, name="add-review"),
]
