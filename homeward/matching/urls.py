from django.urls import path

from homeward.matching import views

app_name = "matching"

urlpatterns = [
    path("carers/", views.carers, name="carers"),
    path("carers/add/", views.add_carer, name="add-carer"),
    path("carers/import/", views.import_carers, name="import-carers"),
    path("carers/import/template.csv", views.import_template, name="import-template"),
    path("carers/<int:carer_id>/", views.carer, name="carer"),
    path("carers/<int:carer_id>/change/", views.change_carer, name="change-carer"),
    path("carers/<int:carer_id>/status/", views.change_status, name="change-status"),
]
