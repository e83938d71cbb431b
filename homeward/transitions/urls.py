from django.urls import path

from homeward.transitions import views

app_name = "transitions"

CHILD = "children/<str:child_id>/transitions"

urlpatterns = [
    path(f"{CHILD}/", views.transitions, name="transitions"),
    path(f"{CHILD}/move/add/", views.move_plan_form, name="add-move-plan"),
    path(f"{CHILD}/move/<int:move_plan_id>/", views.move_plan, name="move-plan"),
    path(f"{CHILD}/move/<int:move_plan_id>/change/", views.move_plan_form, name="change-move-plan"),
    path(f"{CHILD}/move/<int:move_plan_id>/tasks/add/", views.add_task, name="add-move-task"),
    path(f"{CHILD}/move/<int:move_plan_id>/review/", views.review, name="review-move-plan"),
]
