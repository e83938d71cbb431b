from django.conf import settings
from django.http import HttpRequest

from homeward.domain.councils import profile_for


def council(request: HttpRequest) -> dict[str, object]:
    return {"council": profile_for(settings.HOMEWARD_COUNCIL)}
