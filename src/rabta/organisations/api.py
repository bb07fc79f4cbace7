from ninja import Router, Schema

from rabta.core.i18n import localized
from rabta.organisations.models import Sector

router = Router(tags=["organisations"])


class SectorOut(Schema):
    code: str
    name: str
    names: dict[str, str]


@router.get("/sectors", response=list[SectorOut], auth=None)
def list_sectors(request):
    return [{"code": s.code, "name": localized(s.name), "names": s.name} for s in Sector.objects.all()]
