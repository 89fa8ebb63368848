from django.urls import path

from luoshi.supervision import review_views, views

app_name = "ledger"

urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("mine/", views.workspace, name="workspace"),
    path("leaders/", views.leaders, name="leaders"),
    path("calendar/", views.deadline_calendar, name="calendar"),
    path("review/", review_views.review_queue, name="review"),
    path("review/batch/", review_views.review_batch, name="review_batch"),
    path("reports/", review_views.report_queue, name="report_queue"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/edit/", review_views.task_review, name="task_edit"),
    path("tasks/<int:pk>/decide/", review_views.task_decide, name="task_decide"),
    path("tasks/<int:pk>/split/", review_views.task_split, name="task_split"),
    path("tasks/<int:pk>/periods/", views.task_periods, name="task_periods"),
    path("tasks/<int:pk>/close/", views.task_close, name="task_close"),
    path("tasks/<int:pk>/accountability/", views.task_accountability, name="task_accountability"),
    path("tasks/<int:pk>/periods/<int:period_pk>/report/", views.report_edit, name="report"),
    path("reports/<int:pk>/review/", views.report_review, name="report_review"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("export/ledger.xlsx", views.export_tasks, name="export_tasks"),
    path("export/summary.docx", views.export_summary, name="export_summary"),
    path("export/progress-sheet.xlsx", views.progress_sheet, name="progress_sheet"),
    path("import/", views.import_sheet, name="import"),
    path("notifications/", views.notification_list, name="notifications"),
]
