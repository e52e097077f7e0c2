import time
import pytest
from django.utils import timezone
from oranje.core.models import Region, User

@pytest.mark.django_db
def test_history_scratch() -> None:
    from oranje.demo import quality_history
    t=time.time()
    u=User.objects.create_user(username="x")
    quality_history.other_regions(u, timezone.localdate(), print)
    print("other", time.time()-t)
    from oranje.organisation.models import OnCallShift
    print(OnCallShift.objects.count())
