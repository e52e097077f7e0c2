from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from oranje.core.models import AuditEntry, Membership, Municipality, Region, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["region", "municipality"]


@admin.register(User)
class OranjeUserAdmin(UserAdmin):
    inlines = [MembershipInline]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["cbs_code", "name", "region", "valid_until"]
    list_filter = ["region"]
    search_fields = ["cbs_code", "name"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "action", "object_repr", "region"]
    list_filter = ["action", "region"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
