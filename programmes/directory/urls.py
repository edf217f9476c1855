"""Directory pages, under /<network>/directory/."""

from django.urls import path

from . import views

urlpatterns = [
    path("associations/", views.association_list, name="directory_associations"),
    path("associations/new/", views.association_edit, name="directory_association_new"),
    path("associations/<int:pk>/", views.association_detail, name="directory_association"),
    path("associations/<int:pk>/edit/", views.association_edit, name="directory_association_edit"),
    path("associations/<int:pk>/delete/", views.association_delete, name="directory_association_delete"),
    path("cities/", views.city_list, name="directory_cities"),
    path("cities/new/", views.city_edit, name="directory_city_new"),
    path("cities/<int:pk>/", views.city_detail, name="directory_city"),
    path("cities/<int:pk>/edit/", views.city_edit, name="directory_city_edit"),
    path("cities/<int:pk>/delete/", views.city_delete, name="directory_city_delete"),
    path("cities/<int:pk>/representatives/", views.representative_add, name="directory_city_representative_add"),
    path("cities/<int:pk>/representatives/<int:representative_pk>/remove/", views.representative_remove,
         name="directory_city_representative_remove"),
    path("associations/<int:pk>/contacts/new/", views.contact_add, {"owner": "association"},
         name="directory_association_contact_new"),
    path("cities/<int:pk>/contacts/new/", views.contact_add, {"owner": "city"}, name="directory_city_contact_new"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="directory_contact_edit"),
    path("contacts/<int:pk>/delete/", views.contact_delete, name="directory_contact_delete"),
]
