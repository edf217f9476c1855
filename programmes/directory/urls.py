"""Directory pages, under /<network>/directory/."""

from django.urls import path

from . import views

urlpatterns = [
    path("associations/", views.association_list, name="directory_associations"),
    path("associations/new/", views.association_edit, name="directory_association_new"),
    path("associations/<id:pk>/", views.association_detail, name="directory_association"),
    path("associations/<id:pk>/edit/", views.association_edit, name="directory_association_edit"),
    path("associations/<id:pk>/delete/", views.association_delete, name="directory_association_delete"),
    path("cities/", views.city_list, name="directory_cities"),
    path("cities/new/", views.city_edit, name="directory_city_new"),
    path("cities/<id:pk>/", views.city_detail, name="directory_city"),
    path("cities/<id:pk>/edit/", views.city_edit, name="directory_city_edit"),
    path("cities/<id:pk>/delete/", views.city_delete, name="directory_city_delete"),
    path("cities/<id:pk>/representatives/", views.representative_add, name="directory_city_representative_add"),
    path("cities/<id:pk>/representatives/<id:representative_pk>/remove/", views.representative_remove,
         name="directory_city_representative_remove"),
    path("associations/<id:pk>/contacts/new/", views.contact_add, {"owner": "association"},
         name="directory_association_contact_new"),
    path("cities/<id:pk>/contacts/new/", views.contact_add, {"owner": "city"}, name="directory_city_contact_new"),
    path("contacts/<id:pk>/edit/", views.contact_edit, name="directory_contact_edit"),
    path("contacts/<id:pk>/delete/", views.contact_delete, name="directory_contact_delete"),
]
