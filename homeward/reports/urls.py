from django.urls import path

from homeward.reports import board_views, sufficiency, views

app_name = "reports"

urlpatterns = [
    path("forecasts/", views.forecasts, name="forecasts"),
    path("match-outcomes/", views.match_outcomes, name="match-outcomes"),
    path("match-outcomes/children/", views.match_outcome_children, name="match-outcome-children"),
    # Issue 18 item 8: the recruitment needs the early permanence panel raised, summed.
    path("sufficiency/", sufficiency.sufficiency, name="sufficiency"),
    path("pmp/", board_views.pmp, name="pmp"),
    path("pmp/children/", board_views.pmp_children, name="pmp-children"),
    path("cpb/", board_views.cpb, name="cpb"),
    path("cpb/children/", board_views.cpb_children, name="cpb-children"),
]
