from django.urls import path

from homeward.reports import views

app_name = "reports"

urlpatterns = [
    path("forecasts/", views.forecasts, name="forecasts"),
    path("match-outcomes/", views.match_outcomes, name="match-outcomes"),
    path("match-outcomes/children/", views.match_outcome_children, name="match-outcome-children"),
]
