from typing import Any

from django.http import HttpRequest

from oranje.learning import access


def learning(request: HttpRequest) -> dict[str, Any]:
    """Whether the main menu shows Leren: to everyone with a membership (the dossier and the
    network are shared nationally); `learning_evaluator`: whether an incident's page offers
    its evaluation."""
    # An error page for a request refused before the login was read (a bad Host) has no user.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"learning_menu": False, "learning_evaluator": False}
    return {
        "learning_menu": access.is_member(user),
        "learning_evaluator": access.can_evaluate_somewhere(user),
    }
