from django.urls import path

from homeward.panels import views

app_name = "panels"

urlpatterns = [
    path("panels/aepp/", views.aepp, name="aepp"),
    path("panels/aepp/pdf/", views.aepp_pdf, name="aepp-pdf"),
    path("panels/aepp/sat/", views.sitting_held, name="sitting-held"),
    # The sitting's own record (issue 18 item 8): attendance and the recruitment needs raised.
    path("panels/aepp/record/", views.sitting_record, name="sitting-record"),
    path("panels/aepp/record/attendance/", views.add_attendance, name="add-attendance"),
    path("panels/aepp/record/needs/", views.add_need, name="add-need"),
    path("panels/aepp/admissions/", views.admissions, name="admissions"),
    path("children/<str:child_id>/early-permanence-panel/", views.child_panels, name="child"),
    path("children/<str:child_id>/early-permanence-panel/refer/", views.refer, name="refer"),
    path("children/<str:child_id>/early-permanence-panel/move/", views.move, name="move"),
    path(
        "children/<str:child_id>/early-permanence-panel/withdraw/",
        views.withdraw,
        name="withdraw",
    ),
    path(
        "children/<str:child_id>/early-permanence-panel/outcome/",
        views.outcome,
        name="outcome",
    ),
]
