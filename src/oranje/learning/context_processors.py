from typing import Any

from django.http import HttpRequest

from oranje.learning import access


def learning(request: HttpRequest) -> dict[str, Any]:
    """Whether the main menu shows Leren: to everyone with a membership (the dossier and the
    network are shared nationally)."""
    user = request.user
    if not user.is_authenticated:
        return {"learning_menu": False}
    return {"learning_menu": access.is_member(user)}
