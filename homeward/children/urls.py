from django.urls import path

from homeward.children import views

app_name = "children"

urlpatterns = [
    path("", views.my_children, name="my-children"),
    path("search/", views.search, name="search"),
    path("add-a-child/", views.admit, name="admit"),
    path("children/<str:child_id>/", views.child_record, name="record"),
    path("children/<str:child_id>/change/", views.change_child, name="change"),
    path("children/<str:child_id>/allocation/", views.allocate, name="allocate"),
    path("children/<str:child_id>/episodes/add/", views.episode_form, name="add-episode"),
    path(
        "children/<str:child_id>/episodes/<int:episode_id>/change/",
        views.episode_form,
        name="change-episode",
    ),
    path("children/<str:child_id>/events/add/", views.event_form, name="add-event"),
    path(
        "children/<str:child_id>/events/<int:event_id>/change/",
        views.event_form,
        name="change-event",
    ),
    path("children/<str:child_id>/visits/add/", views.visit_form, name="add-visit"),
    path(
        "children/<str:child_id>/visiting-arrangements/add/",
        views.visiting_arrangement,
        name="add-visiting-arrangement",
    ),
    path("children/<str:child_id>/people/add/", views.person_form, name="add-person"),
    path(
        "children/<str:child_id>/people/<int:link_id>/change/",
        views.person_form,
        name="change-person",
    ),
]
