"""The communities and their deadlines, as data (an administrator may change them later)."""

COMMUNITIES = [
    {
        "code": "vl",
        "name_nl": "Vlaamse Gemeenschap",
        "name_fr": "Communauté flamande",
        "name_en": "Flemish Community",
        "authority": "Departement Zorg (Zorg en Gezondheid), afdeling Gezondheidszorgberoepen",
        "authority_url": "https://www.departementzorg.be",
        "submission_months": 4,
        "threshold_weeks": 15,
        "decision_days": 30,
        "university_codes": ["ugent", "kuleuven", "uantwerpen", "vub", "uhasselt"],
    },
    {
        "code": "fr",
        "name_nl": "Franse Gemeenschap",
        "name_fr": "Fédération Wallonie-Bruxelles",
        "name_en": "French Community",
        "authority": "Fédération Wallonie-Bruxelles, service des agréments des prestataires de soins",
        "authority_url": "https://www.federation-wallonie-bruxelles.be",
        "submission_months": 4,
        "threshold_weeks": 15,
        "decision_days": 30,
        "university_codes": ["ulb", "uclouvain", "uliege", "umons", "unamur"],
    },
    {
        "code": "de",
        "name_nl": "Duitstalige Gemeenschap",
        "name_fr": "Communauté germanophone",
        "name_en": "German-speaking Community",
        "authority": "Ministerium der Deutschsprachigen Gemeinschaft",
        "authority_url": "https://ostbelgienlive.be",
        "submission_months": 4,
        "threshold_weeks": 15,
        "decision_days": 30,
        "university_codes": [],
    },
]


def load_communities(Community) -> None:
    """Create or update the communities (from a migration, or after a test flushed them)."""
    for data in COMMUNITIES:
        Community.objects.update_or_create(code=data["code"], defaults=data)
