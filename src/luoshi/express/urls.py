from django.urls import path

from luoshi.express import views

app_name = "express"

urlpatterns = [
    path("", views.card_list, name="list"),
    path("new/", views.file_card, name="file"),
    path("cards/<int:pk>/", views.card_detail, name="card"),
    path("cards/<int:pk>/act/<str:action>/", views.act, name="act"),
    path("cards/<int:pk>/attach/", views.attach, name="attach"),
    path("cards/<int:pk>/print/", views.card_print, name="print"),
    path("cards/<int:pk>/card.docx", views.card_docx, name="docx"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("projects/", views.project_list, name="projects"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("units/", views.unit_list, name="units"),
    path("report/", views.report, name="report"),
    path("report.docx", views.report_docx, name="report_docx"),
    path("notices/", views.notices, name="notices"),
]
