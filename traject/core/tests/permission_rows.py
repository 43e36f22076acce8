from traject.testing.permission_table import Row, expect

ROWS = [
    Row("GET", "core:dashboard", expect=expect(200, anonymous=302)),
    Row("GET", "core:healthz", expect=expect(200)),
    Row("GET", "api:openapi-json", expect=expect(200)),
    Row("GET", "api:openapi-view", expect=expect(200)),
    # django-ninja's root only anchors the operation paths; it answers 404 for everyone.
    Row("GET", "api:api-root", expect=expect(404)),
]
