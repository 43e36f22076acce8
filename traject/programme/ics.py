"""One's trainer sessions as iCalendar (the same library as the worktime export)."""

import datetime

import icalendar


def sessions_ics(registrations, owner_label: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Traject//programme//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Traject – {owner_label}")
    for registration in registrations:
        session = registration.session
        event = icalendar.Event()
        event.add("uid", f"trainer-session-{session.pk}@traject")
        event.add("dtstamp", registration.registered_at.astimezone(datetime.UTC))
        event.add("dtstart", session.starts.astimezone(datetime.UTC))
        event.add("dtend", session.ends.astimezone(datetime.UTC))
        event.add("summary", session.title)
        if session.cancelled_on is not None:  # calendars strike it through (RFC 5545)
            event.add("status", "CANCELLED")
        event.add("sequence", session.version - 1)  # a change replaces the earlier copy
        event.add("location", "online" if session.online else session.place)
        if session.description:
            event.add("description", session.description)
        cal.add_component(event)
    return cal.to_ical()
