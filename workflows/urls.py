from django.urls import path

from . import award_decision_views, views

app_name = "workflows"

urlpatterns = [
    path("tasks/", views.inbox, name="inbox"),
    path("tasks/queue/", views.queue, name="queue"),
    path("tasks/done/", views.archive, name="archive"),
    path("tasks/dispatch/", views.dispatch, name="dispatch"),
    path("tasks/batch/", views.batch, name="batch"),
    path("tasks/<id:task_id>/", views.task_detail, name="task"),
    path("tasks/<id:task_id>/claim/", views.task_claim, name="claim"),
    path("tasks/<id:task_id>/release/", views.task_release, name="release"),
    path("tasks/<id:task_id>/reassign/", views.task_reassign, name="reassign"),
    path("dossiers/<dossier:code>/submit/", views.submit_nomination, name="submit"),
    path("dossiers/<dossier:code>/chart.svg", views.chart, name="chart"),
    path("decisions/", award_decision_views.decision_list, name="decisions"),
    path("decisions/new/", award_decision_views.decision_create, name="decision_create"),
    path("decisions/<id:pk>/", award_decision_views.decision_detail, name="decision"),
    path("decisions/<id:pk>/<str:action>/", award_decision_views.decision_action, name="decision_action"),
]
