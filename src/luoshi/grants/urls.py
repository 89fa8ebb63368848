from django.urls import path

from luoshi.grants import views

app_name = "grants"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("applications/new/", views.new_application, name="new"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path("applications/<int:pk>/submit/", views.submit, name="submit"),
    path("applications/<int:pk>/review/", views.review, name="review"),
    path("applications/<int:pk>/upload/", views.upload, name="upload"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence"),
    path("applications/<int:pk>/visit/", views.home_visit, name="visit"),
    path("survey/", views.survey, name="survey"),
    path("sample/", views.draw_sample, name="sample"),
    path("publish/", views.publish, name="publish"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("payments/prepare/", views.prepare_payments, name="prepare_payments"),
    path("payments/batch.xlsx", views.bank_batch, name="bank_batch"),
    path("payments/<int:pk>/sign/", views.sign, name="sign"),
    path("payments/<int:pk>/clawback/", views.clawback, name="clawback"),
    path("report.docx", views.yearly_report, name="report"),
    path("publicity/", views.publicity_list, name="publicities"),
    path("publicity/<int:pk>/", views.publicity_detail, name="publicity"),
    path("publicity/<int:pk>/forward/", views.forward, name="forward"),
    path("publicity/<int:pk>/resolve/", views.resolve, name="resolve"),
]
