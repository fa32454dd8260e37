from django.urls import path

from articles.web import directory as views

app_name = "directory"

urlpatterns = [
    path("can-bo/", views.OfficialListView.as_view(), name="official_list"),
    path("can-bo/<slug:slug>/", views.official_detail, name="official_detail"),
    path("don-vi/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("don-vi/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("tinh-thanh/", views.ProvinceListView.as_view(), name="province_list"),
    path("tinh-thanh/<slug:slug>/", views.province_detail, name="province_detail"),
]
