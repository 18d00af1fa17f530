from django.contrib import admin

from planverk.frameworks.models import Framework, FrameworkArea, FrameworkGoal


class AreaInline(admin.TabularInline):
    model = FrameworkArea
    extra = 0
    show_change_link = True


class GoalInline(admin.TabularInline):
    model = FrameworkGoal
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ("name", "publisher", "published", "language")
    search_fields = ("name", "slug")
    inlines = (AreaInline,)


@admin.register(FrameworkArea)
class FrameworkAreaAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "framework")
    list_filter = ("framework",)
    search_fields = ("title",)
    inlines = (GoalInline,)


@admin.register(FrameworkGoal)
class FrameworkGoalAdmin(admin.ModelAdmin):
    list_display = ("__str__", "deadline", "area")
    list_filter = ("area__framework", "deadline")
    search_fields = ("text",)
    list_select_related = ("area",)
