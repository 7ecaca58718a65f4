"""Members' personal links, under /r/<token>/: no login needed (see links.py)."""

from django.urls import path

from joinedup.web.assessments import respond

app_name = "respond"

urlpatterns = [
    path("<str:token>/", respond.start, name="start"),
    path("<str:token>/<int:number>/", respond.page, name="page"),
    path("<str:token>/check/", respond.check, name="check"),
    path("<str:token>/done/", respond.done, name="done"),
]
