from django.urls import path

from homeward.matching import child_views, views

app_name = "matching"

urlpatterns = [
    path("carers/", views.carers, name="carers"),
    path("carers/add/", views.add_carer, name="add-carer"),
    path("carers/import/", views.import_carers, name="import-carers"),
    path("carers/import/template.csv", views.import_template, name="import-template"),
    path("carers/<int:carer_id>/", views.carer, name="carer"),
    path("carers/<int:carer_id>/change/", views.change_carer, name="change-carer"),
    path("carers/<int:carer_id>/status/", views.change_status, name="change-status"),
    # Matching a child (issue 15 item 4): the Matching tab, the profile and decisions.
    path("children/<str:child_id>/matching/", child_views.child_matching, name="child"),
    path(
        "children/<str:child_id>/matching/profile/",
        child_views.child_profile,
        name="child-profile",
    ),
    path(
        "children/<str:child_id>/matching/decide/",
        child_views.child_decision,
        name="child-decision",
    ),
]
