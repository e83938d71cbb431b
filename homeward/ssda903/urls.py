from django.urls import path

from homeward.ssda903 import views

app_name = "ssda903"

urlpatterns = [
    path("", views.index, name="index"),
    path("imports/<int:run_id>/", views.run_detail, name="run"),
    path("imports/<int:run_id>/problems.csv", views.problems_csv, name="problems-csv"),
    path("data-quality/", views.data_quality, name="data-quality"),
    path("export/", views.export, name="export"),
]
