from oranje.communication.models.agreements import Agreement
from oranje.communication.models.environment import (
    Analysis,
    QAItem,
    QAVersion,
    Signal,
    SignalImport,
)
from oranje.communication.models.messages import Mailing, MailingItem, Message, MessageVersion

__all__ = [
    "Agreement",
    "Analysis",
    "Mailing",
    "MailingItem",
    "Message",
    "MessageVersion",
    "QAItem",
    "QAVersion",
    "Signal",
    "SignalImport",
]
