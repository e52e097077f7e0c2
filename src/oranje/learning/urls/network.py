"""Pages of the learning room's part "network": the national network: directory, meetings, advisory
questions.
"""

from django.urls import URLPattern, path

from oranje.learning.views import network, network_advice, network_meetings

urlpatterns: list[URLPattern] = [
    path("leren/netwerk/", network.directory, name="network"),
    path("leren/netwerk/nieuw/", network.member_new, name="member_new"),
    path("leren/netwerk/<id:pk>/bewerken/", network.member_edit, name="member_edit"),
    path("leren/netwerk/bijeenkomsten/", network_meetings.meeting_list, name="meetings"),
    path("leren/netwerk/bijeenkomsten/nieuw/", network_meetings.meeting_new, name="meeting_new"),
    path("leren/netwerk/bijeenkomsten/<id:pk>/", network_meetings.meeting_detail, name="meeting"),
    path(
        "leren/netwerk/bijeenkomsten/<id:pk>/bewerken/",
        network_meetings.meeting_edit,
        name="meeting_edit",
    ),
    path(
        "leren/netwerk/bijeenkomsten/<id:pk>/documenten/",
        network_meetings.document_add,
        name="meeting_document_add",
    ),
    path(
        "leren/netwerk/bijeenkomsten/<id:pk>/besluiten/",
        network_meetings.decision_add,
        name="meeting_decision_add",
    ),
    path(
        "leren/netwerk/documenten/<id:pk>/",
        network_meetings.document_file,
        name="meeting_document",
    ),
    path("leren/netwerk/adviesvragen/", network_advice.advice_list, name="advice"),
    path("leren/netwerk/adviesvragen/nieuw/", network_advice.advice_new, name="advice_new"),
    path("leren/netwerk/adviesvragen/<id:pk>/", network_advice.advice_detail, name="advice_detail"),
    path(
        "leren/netwerk/adviesvragen/<id:pk>/bewerken/",
        network_advice.advice_edit,
        name="advice_edit",
    ),
]
