from django.urls import path

from homeward.oversight import views

app_name = "oversight"

urlpatterns = [
    path("children/<str:child_id>/timescales/", views.timescales, name="timescales"),
    path("my-work/", views.my_work, name="my-work"),
    path("drift/", views.drift, name="drift"),
]
