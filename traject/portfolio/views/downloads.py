"""The whole portfolio as JSON and PDF."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from .. import exports
from .. import permissions as perms

# --- Export -------------------------------------------------------------------------------------


@login_required
def export_json(request):
    trainee = perms.own_trainee(request.user)
    data = exports.portfolio_data(trainee)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="portfolio.json"'
    return response


@login_required
def export_pdf(request):
    trainee = perms.own_trainee(request.user)
    pdf = exports.portfolio_pdf(trainee, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="portfolio.pdf"'
    return response
