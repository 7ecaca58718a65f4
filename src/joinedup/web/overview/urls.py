from django.urls import path

from joinedup.web.overview import views

app_name = "overview"

urlpatterns = [
    path("", views.overview, name="partnership"),
    path("export.zip", views.export_zip, name="export"),
]
