from traject.testing.permission_table import Row, expect

ROWS = [
    Row("GET", "audit:log", expect=expect(403, programme_admin=200, anonymous=302)),
]
