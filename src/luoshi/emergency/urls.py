from django.urls import path

from luoshi.emergency import editor_views, views

app_name = "emergency"

urlpatterns = [
    path("", views.board, name="board"),
    path("plans/", views.plans, name="plans"),
    path("plans/<slug:plan_id>/", views.plan_detail, name="plan"),
    path("incidents/new/", views.incident_new, name="incident_new"),
    path("incidents/<int:pk>/", views.incident_detail, name="incident"),
    path("incidents/<int:pk>/clocks/", views.incident_clocks, name="incident_clocks"),
    path("incidents/<int:pk>/decide/", views.incident_decide, name="decide"),
    path("incidents/<int:pk>/facts/", views.incident_facts, name="facts"),
    path("incidents/<int:pk>/measures/<int:item>/", views.incident_measure, name="measure"),
    path(
        "incidents/<int:pk>/clocks/<int:item>/start/",
        views.incident_clock_start,
        name="clock_start",
    ),
    path(
        "incidents/<int:pk>/clocks/<int:item>/file/", views.incident_clock_file, name="clock_file"
    ),
    path("incidents/<int:pk>/note/", views.incident_note, name="note"),
    path("incidents/<int:pk>/stand-down/", views.incident_stand_down, name="stand_down"),
    path("incidents/<int:pk>/briefing/", views.incident_briefing, name="briefing"),
    path("incidents/<int:pk>/report.docx", views.incident_report, name="report"),
    path("playbooks/", editor_views.playbook_list, name="playbooks"),
    path("playbooks/<int:pk>/", editor_views.playbook_editor, name="playbook_editor"),
    path("playbooks/<int:pk>/review/", editor_views.playbook_review, name="playbook_review"),
    path("playbooks/<int:pk>/publish/", editor_views.playbook_publish, name="playbook_publish"),
    path("warnings/", views.warnings_list, name="warnings"),
    path("warnings/new/", views.warning_new, name="warning_new"),
    path("warnings/<int:pk>/", views.warning_detail, name="warning"),
    path("warnings/<int:pk>/cap.xml", views.warning_cap, name="warning_cap"),
]
