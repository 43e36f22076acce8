from django.db import migrations

# The default group-session plan (seed 003): two themes per year of training.
DEFAULT_PLAN = [
    (1, 1, "Kennismaking, vertrouwelijkheid en verwachtingen",
     "Faire connaissance, confidentialité et attentes",
     "Getting to know each other, confidentiality and expectations"),
    (1, 2, "Omgaan met stress", "Gérer le stress", "Dealing with stress"),
    (2, 1, "Onzekerheid", "L'incertitude", "Uncertainty"),
    (2, 2, "Feedback", "Le feedback", "Feedback"),
    (3, 1, "Conflict", "Le conflit", "Conflict"),
    (3, 2, "Tijd", "Le temps", "Time"),
    (4, 1, "Rouw en verlies", "Deuil et perte", "Grief and loss"),
    (4, 2, "Werk-privébalans", "Équilibre vie professionnelle - vie privée", "Work-life balance"),
]


def seed(apps, schema_editor):
    SessionTheme = apps.get_model("mentoring", "SessionTheme")
    if SessionTheme.objects.filter(university__isnull=True).exists():
        return
    SessionTheme.objects.bulk_create(
        SessionTheme(
            university=None, training_year=year, position=position,
            title=nl, title_fr=fr, title_en=en,
        )
        for year, position, nl, fr, en in DEFAULT_PLAN
    )


def unseed(apps, schema_editor):
    apps.get_model("mentoring", "SessionTheme").objects.filter(university__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0002_sessions_notes_followup")]
    operations = [migrations.RunPython(seed, unseed)]
