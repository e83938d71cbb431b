from django.urls import path

from homeward.matching import child_views, route_views, views

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
    # Outcomes for learning (issue 15 item 8): the match and how it went.
    path("children/<str:child_id>/matching/match/", child_views.child_match, name="child-match"),
    path(
        "children/<str:child_id>/matching/matches/<int:match_id>/outcome/",
        child_views.child_match_outcome,
        name="child-match-outcome",
    ),
    # Family finding (issue 15 items 2, 3 and 7; branch routes).
    path("family-finding/", route_views.family_finding_worklist, name="worklist"),
    path(
        "children/<str:child_id>/family-finding/",
        route_views.family_finding,
        name="family-finding",
    ),
    path(
        "children/<str:child_id>/family-finding/route/",
        route_views.choose_route,
        name="choose-route",
    ),
    path(
        "children/<str:child_id>/family-finding/steps/<slug:step_key>/",
        route_views.record_step,
        name="record-step",
    ),
    path(
        "children/<str:child_id>/family-finding/steps/<slug:step_key>/remove/",
        route_views.remove_step,
        name="remove-step",
    ),
    # The permanence bundle (issue 15 item 5; branch bundle).
    path(
        "children/<str:child_id>/family-finding/bundles/<slug:bundle_key>/override/",
        route_views.bundle_override,
        name="bundle-override",
    ),
    path(
        "children/<str:child_id>/family-finding/bundle/<slug:document_key>/",
        route_views.bundle_item,
        name="bundle-item",
    ),
    path(
        "children/<str:child_id>/family-finding/bundle/<slug:document_key>/file/",
        route_views.bundle_file,
        name="bundle-file",
    ),
    path(
        "children/<str:child_id>/family-finding/pen-picture/",
        route_views.pen_picture,
        name="pen-picture",
    ),
    path(
        "children/<str:child_id>/family-finding/pen-picture/safe/",
        route_views.pen_picture_safe,
        name="pen-picture-safe",
    ),
    path(
        "children/<str:child_id>/family-finding/pen-picture/send/",
        route_views.send_pen_picture,
        name="send-pen-picture",
    ),
]
