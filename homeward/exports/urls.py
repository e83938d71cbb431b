from django.urls import path

from homeward.exports import views

app_name = "exports"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.ask, name="ask"),
    path("<int:export_id>/", views.detail, name="detail"),
    path("<int:export_id>/download/", views.download, name="download"),
]
