"""The national description of population care, version 1: the base every region shows.
National administrators write later versions in Oranje; this one is the starting text."""

from django.db import migrations

WHAT = """Bevolkingszorg is de zorg van de gemeente voor haar inwoners bij een crisis of ramp. Naast politie, brandweer en de geneeskundige hulpverlening (GHOR) vormt de gemeente de vierde, oranje kolom.

De taken van bevolkingszorg zijn: crisiscommunicatie; publieke zorg, dat wil zeggen opvang en verzorging (een dak, drinken, eten, sanitair en toegang tot informatie); omgevingszorg voor de fysieke leefomgeving (opruimen, nutsvoorzieningen, wegen); het voorbereiden van de nafase; het registreren van slachtoffers en het informeren van hun verwanten; het registreren van schade; en het adviseren van crisisteams en gezagsdragers.

Uitgangspunt is zelfredzaamheid: de meeste mensen helpen zichzelf en elkaar. De overheid informeert, faciliteert en richt haar zorg op wie verminderd zelfredzaam is: ouderen, kinderen, mensen met een beperking, mensen zonder taal of middelen. Bij elk incident vraagt bevolkingszorg eerst of de overheid iets moet doen, en daarna wie in dit incident de verminderd zelfredzamen zijn.

Bevolkingszorg schaalt mee met GRIP of met een team op maat: een officier van dienst bevolkingszorg in het CoPI, een algemeen commandant bevolkingszorg in het ROT, een strategisch adviseur in het beleidsteam, en het team bevolkingszorg met zijn taakorganisaties en het actiecentrum."""

BOUNDARY = """Bevolkingszorg is het deel van de gemeentelijke crisisbeheersing dat zich richt op de getroffen bevolking, in de acute fase en bij de overgang naar de nafase.

De algemene crisisbeheersing blijft bij de burgemeester en de eigen gemeentelijke organisatie: het bestuurlijke besluit, de openbare orde (samen met de politie), de continuïteit en bedrijfsvoering van de gemeente zelf, vergunningen en handhaving. Bevolkingszorg adviseert de burgemeester en het beleidsteam daarover, maar neemt die taken niet over.

De nafase is van de gemeente. Bevolkingszorg bereidt haar voor (het nafaseplan, een informatie- en adviescentrum) en draagt over aan de gemeentelijke lijn zodra de acute fase voorbij is. Herstel, langdurige nazorg en schadeafhandeling lopen daarna via de gewone gemeentelijke organisatie en de landelijke regelingen."""

WILL_DO = """Voor politie, brandweer, GHOR en het landelijk crisisbeeld doet bevolkingszorg het volgende.

- Feitelijke informatie voor betrokkenen binnen 30 minuten na de start van het incident, afgestemd met de andere diensten.
- Passende opvang en verzorging binnen 3 uur voor wie dat nodig heeft (voor ten hoogste 10% van de betrokkenen, maximaal 200 personen), en waar nodig tijdelijke huisvesting binnen 48 uur.
- De zorg voor geëvacueerden en ontruimde bewoners die niet zelf onderdak vinden, zodra de hulpdiensten hen overdragen.
- Registratie van getroffenen en antwoord aan verwanten via de landelijke slachtofferinformatiesystematiek, samen met politie en GHOR.
- Een vast aanspreekpunt: de officier van dienst bevolkingszorg in het CoPI, de contactpersoon van de gemeente en het regionale aanspreekpunt hieronder.
- Het beeld van bevolkingszorg in gepubliceerde situatierapporten, ook als EDXL-SitRep voor het landelijk crisisbeeld.
- Registratie van schadegevallen voor het overzicht, en doorverwijzing van gedupeerden."""

WILL_NOT_DO = """Bevolkingszorg doet niet:

- medische hulp of psychosociale hulp in de acute fase: dat doet de GHOR;
- ordehandhaving, afzetten, verkeersregeling of het informeren van nabestaanden van overledenen: dat doet de politie;
- redding, brand- en ongevalsbestrijding, gevaarlijke stoffen en het bepalen van het effectgebied: dat doet de brandweer;
- NL-Alert uitzenden: dat doen de bevoegde centra; bevolkingszorg levert de tekst aan;
- schade afhandelen of vergoeden: dat loopt via verzekeraars en de landelijke regelingen;
- persoonsgegevens van getroffenen delen buiten het informeren van verwanten en de nazorg."""


def national_text(apps, schema_editor):
    Description = apps.get_model("partners", "Description")
    if Description.objects.filter(region__isnull=True).exists():
        return
    Description.objects.create(
        region=None,
        version=1,
        what=WHAT,
        boundary=BOUNDARY,
        will_do=WILL_DO,
        will_not_do=WILL_NOT_DO,
        note="Landelijke tekst, eerste versie.",
    )


def remove_national_text(apps, schema_editor):
    Description = apps.get_model("partners", "Description")
    Description.objects.filter(region__isnull=True, version=1, published_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(national_text, remove_national_text)]
