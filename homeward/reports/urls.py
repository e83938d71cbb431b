from django.urls import path

from homeward.reports import views

app_name = "reports"

urlpatterns = [
    path("forecasts/", views.forecasts, name="forecasts"),
]
