from django.contrib import admin

from joinedup.web.partnerships.models import BudgetContribution, Member, Partner, Partnership


class PartnerInline(admin.TabularInline[Partner, Partnership]):
    model = Partner
    extra = 0


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin[Partnership]):
    list_display = ["name", "slug", "declared_stage", "start_date"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PartnerInline]


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin[Member]):
    list_display = ["user", "partnership", "partner", "role", "start_date", "end_date"]
    list_filter = ["role", "partnership"]
    search_fields = ["user__username", "user__last_name", "partnership__name"]
    raw_id_fields = ["user", "partner", "partnership"]


@admin.register(BudgetContribution)
class BudgetContributionAdmin(admin.ModelAdmin[BudgetContribution]):
    list_display = ["partnership", "partner", "year", "amount"]
    list_filter = ["partnership", "year"]
