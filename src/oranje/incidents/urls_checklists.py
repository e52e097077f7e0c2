"""Pages of the checklists per function, the instructions and the questions for administrators."""

from django.urls import URLPattern, path

from oranje.incidents import views_checklists

urlpatterns: list[URLPattern] = [
    path("checklists/", views_checklists.checklist_index, name="checklist_index"),
    path("checklists/<str:code>/", views_checklists.checklist_function, name="checklist_function"),
    path("checklists/<str:code>/wijzigen/", views_checklists.checklist_edit, name="checklist_edit"),
    path(
        "checklists/<str:code>/instructie/",
        views_checklists.instruction_edit,
        name="instruction_edit",
    ),
]
