from django.urls import path

from homeward.planning import my_plan_views, views

app_name = "planning"

PLAN = "children/<str:child_id>/plan/"

urlpatterns = [
    path(PLAN, views.plan, name="plan"),
    path(f"{PLAN}options/add/", views.add_option, name="add-option"),
    path(f"{PLAN}options/<int:option_id>/update/", views.update_option, name="update-option"),
    path(f"{PLAN}options/<int:option_id>/rule-out/", views.rule_out, name="rule-out"),
    path(f"{PLAN}options/<int:option_id>/criteria/", views.criteria, name="criteria"),
    path(
        f"{PLAN}options/<int:option_id>/strengths-and-risks/",
        views.strengths_and_risks,
        name="strengths-and-risks",
    ),
    path(f"{PLAN}adoption/", views.adoption_decision, name="adoption"),
    path(f"{PLAN}foster-for-adoption/", views.foster_for_adoption, name="foster-for-adoption"),
    path(f"{PLAN}agree/", views.agree_plan, name="agree"),
    path(f"{PLAN}assessments/add/", views.assessment, name="add-assessment"),
    path(
        f"{PLAN}assessments/<int:assessment_id>/change/",
        views.assessment,
        name="change-assessment",
    ),
    path(f"{PLAN}proceedings/add/", views.proceedings_issued, name="add-proceedings"),
    path(
        f"{PLAN}proceedings/<int:proceedings_id>/change/",
        views.proceedings_issued,
        name="change-proceedings",
    ),
    path(
        f"{PLAN}proceedings/<int:proceedings_id>/extensions/add/",
        views.proceedings_extension,
        name="add-extension",
    ),
    path(f"{PLAN}sign-offs/ask/", views.request_sign_off, name="request-sign-off"),
    path(
        f"{PLAN}sign-offs/<int:sign_off_id>/decide/",
        views.decide_sign_off,
        name="decide-sign-off",
    ),
    path("sign-offs/", views.sign_off_worklist, name="sign-offs"),
    path(f"{PLAN}achieved/", views.achieved, name="achieved"),
    path(f"{PLAN}achieved/<int:achieved_id>/ending/", views.ending, name="ending"),
    # "My plan" for the child (issue 17 item 1).
    path("children/<str:child_id>/my-plan/", my_plan_views.my_plan_page, name="my-plan"),
    path(
        "children/<str:child_id>/my-plan/sections/<str:section>/",
        my_plan_views.my_plan_section,
        name="my-plan-section",
    ),
    path(
        "children/<str:child_id>/my-plan/share/", my_plan_views.share_my_plan, name="my-plan-share"
    ),
]
