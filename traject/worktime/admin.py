"""Only the pay table is in the admin. Entries, leave, opt-outs, payslips and shares belong to
the ASO and are deliberately not registered here: not even staff browse them."""

from django.contrib import admin

from .models import PayTable, PayTableBase


class PayTableBaseInline(admin.TabularInline):
    model = PayTableBase
    extra = 0
    min_num = 1


@admin.register(PayTable)
class PayTableAdmin(admin.ModelAdmin):
    list_display = ["year", "standby_fee_weekday_day", "standby_fee_other", "hours_per_month"]
    inlines = [PayTableBaseInline]
