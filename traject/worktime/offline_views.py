"""The week as an installable web app that works without a network (manifest, service worker).

The page is a shell: the ASO's week lives in IndexedDB on the phone, changes wait in a queue
there and are sent to the JSON API, in order, with the version each was based on, when the
network returns (``static/worktime/app.js``). Workbox and idb are vendored (no CDN).
"""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache

from . import selectors, services
from .headroom import stint_limit
from .models import Kind
from .rules import rulesets
from .rules.kinds import COUNTED_KINDS
from .timeutil import week_start
from .views import _trainee


def _config(request, trainee) -> dict:
    s = services.settings_for(trainee)
    ruleset = rulesets.ruleset_for(s.jurisdiction)
    week_rule = next((r for r in ruleset.rules if isinstance(r, rulesets.WeekMax)), None)
    stint_rules = {
        "inhouse": stint_limit(ruleset, True),
        "other": stint_limit(ruleset, False),
    }
    return {
        # The phone's store is per account (a keyed hash, not the id): on a shared phone one
        # ASO never sees, nor sends, another's waiting changes.
        "owner": salted_hmac("worktime-offline-store", str(trainee.pk)).hexdigest()[:16],
        "api": "/api/v1/worktime",
        "app": reverse("worktime:app"),
        "csrf": get_token(request),
        "timezone": s.timezone,
        "jurisdiction": s.jurisdiction,
        "today": timezone.localdate().isoformat(),
        "this_monday": week_start(timezone.localdate()).isoformat(),
        "week_rule": week_rule.id if week_rule else None,
        "week_limit": week_rule.limit_h if week_rule else ruleset.params.warn_week_limit_h,
        "opt_out_week_limit": week_rule.opt_out_limit_h if week_rule else None,
        "opt_out": [
            {
                "from": p.start.isoformat() if p.start else None,
                "until": p.until.isoformat() if p.until else None,
            }
            for p in selectors._opt_out_periods(trainee)
        ],
        "stint_limits": stint_rules,
        "stint_rule": next(
            (
                r.id
                for r in ruleset.rules
                if isinstance(r, (rulesets.StintMax, rulesets.StintSplitMax))
            ),
            None,
        ),
        "warn_week_h": ruleset.params.warn_week_h,
        "counted": list(COUNTED_KINDS),
        "counts_restrictive": ruleset.params.restrictive_standby_counts,
        "kinds": [[value, str(label)] for value, label in Kind.choices],
        "strings": {
            "hours_week": _("hours this week"),
            "left": _("%(left)s h left this week before the limit of %(limit)s h."),
            "over": _("Week of %(week)s: %(hours)s h, the limit is %(limit)s h"),
            "stint_over": _("A shift of %(hours)s h in a row, the limit is %(limit)s h"),
            "pending": _("Waiting to be sent"),
            "none_pending": _("Every change is on the server."),
            "offline": _("No network: your changes are kept on this phone and sent later."),
            "online": _("Online"),
            "conflict": _("Changed elsewhere meanwhile. Which one do you keep?"),
            "keep_mine": _("Keep mine"),
            "keep_theirs": _("Keep the server's"),
            "deleted_elsewhere": _("deleted elsewhere"),
            "create": _("new"),
            "update": pgettext("worktime", "changed"),
            "delete": pgettext("worktime", "deleted"),
            "error": _("Refused by the server:"),
            "discard": _("Discard this change"),
            "computed_here": _("Computed on this phone"),
            "from_server": _("Checked by the server"),
            "no_entries": _("No hours yet"),
            "edit": _("Change"),
            "h": _("h"),
            "mine": _("Mine"),
            "theirs": _("Server"),
        },
    }


@login_required
def app(request):
    """The offline-capable week: the shell that app.js fills from IndexedDB and the API."""
    trainee = _trainee(request)
    config = _config(request, trainee)
    return render(
        request,
        "worktime/app.html",
        {"config_json": json.dumps(config), "kinds": config["kinds"]},
    )


@never_cache
def service_worker(request):
    """The service worker, served under /worktime/ so that its scope is the registration."""
    body = render(request, "worktime/sw.js", {"app_url": reverse("worktime:app")}).content
    response = HttpResponse(body, content_type="application/javascript")
    response["Service-Worker-Allowed"] = "/worktime/"
    return response


def manifest(request):
    """The web app manifest: name, icon, start page and scope of the installable week."""
    data = {
        "name": "Traject – " + _("My hours"),
        "short_name": _("My hours"),
        "start_url": reverse("worktime:app"),
        "scope": "/worktime/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4ed8",
        "lang": request.LANGUAGE_CODE,
        "icons": [
            {"src": static("worktime/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return HttpResponse(json.dumps(data), content_type="application/manifest+json")
