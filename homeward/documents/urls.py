from django.urls import path

from homeward.documents import views

app_name = "documents"

child = "children/<str:child_id>"

urlpatterns = [
    path(f"{child}/documents/", views.documents, name="documents"),
    path(f"{child}/documents/add/", views.add_document, name="add"),
    path(f"{child}/documents/<int:document_id>/download/", views.download, name="download"),
]
