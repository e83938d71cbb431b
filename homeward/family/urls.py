from django.urls import path

from homeward.family import views

app_name = "family"

CHILD = "children/<str:child_id>"

urlpatterns = [
    # The Family tab: brothers and sisters, and family time.
    path(f"{CHILD}/family/", views.family, name="family"),
    path(
        f"{CHILD}/family/siblings/<str:sibling_id>/decision/",
        views.sibling_decision,
        name="sibling-decision",
    ),
    path(f"{CHILD}/family/siblings/add/", views.add_sibling, name="add-sibling"),
    path(f"{CHILD}/family/group/", views.sibling_group, name="sibling-group"),
    path(
        f"{CHILD}/family/group/adopters-approached/",
        views.adopters_approached,
        name="adopters-approached",
    ),
    path(f"{CHILD}/family/iro-conflict/", views.iro_conflict, name="iro-conflict"),
    path(f"{CHILD}/family/time/add/", views.family_time_form, name="add-family-time"),
    path(f"{CHILD}/family/time/<int:family_time_id>/", views.family_time, name="family-time"),
    path(
        f"{CHILD}/family/time/<int:family_time_id>/change/",
        views.family_time_form,
        name="change-family-time",
    ),
    path(
        f"{CHILD}/family/time/<int:family_time_id>/review/",
        views.review_family_time,
        name="review-family-time",
    ),
    # The genogram: the family network drawn, and the records it is drawn from.
    path(f"{CHILD}/family/genogram/", views.genogram, name="genogram"),
    path(
        f"{CHILD}/family/genogram/people/<int:link_id>/",
        views.genogram_person,
        name="genogram-person",
    ),
    path(
        f"{CHILD}/family/genogram/relationships/add/",
        views.add_family_tie,
        name="add-family-tie",
    ),
    path(
        f"{CHILD}/family/genogram/relationships/<int:tie_id>/remove/",
        views.remove_family_tie,
        name="remove-family-tie",
    ),
    # The Voice tab: views, advocacy, complaints, life story work and memories.
    path(f"{CHILD}/voice/", views.voice, name="voice"),
    path(f"{CHILD}/voice/views/add/", views.voice_entry_form, name="add-views"),
    path(
        f"{CHILD}/voice/views/<int:voice_entry_id>/change/",
        views.voice_entry_form,
        name="change-views",
    ),
    # The family's voice (issue 18 item 2): parents', family members' and carers' views.
    path(f"{CHILD}/voice/family/add/", views.family_view_form, name="add-family-view"),
    path(
        f"{CHILD}/voice/family/<int:family_view_id>/change/",
        views.family_view_form,
        name="change-family-view",
    ),
    path(f"{CHILD}/voice/advocacy/add/", views.advocacy_form, name="add-advocacy"),
    path(
        f"{CHILD}/voice/advocacy/<int:advocacy_id>/change/",
        views.advocacy_form,
        name="change-advocacy",
    ),
    path(f"{CHILD}/voice/complaints/add/", views.complaint_form, name="add-complaint"),
    path(
        f"{CHILD}/voice/complaints/<int:complaint_id>/change/",
        views.complaint_form,
        name="change-complaint",
    ),
    path(f"{CHILD}/voice/life-story/", views.life_story_form, name="life-story"),
    path(f"{CHILD}/voice/memories/add/", views.memory_item_form, name="add-memory"),
    path(
        f"{CHILD}/voice/memories/<int:memory_id>/change/",
        views.memory_item_form,
        name="change-memory",
    ),
]
