"""Czech, Slovak and Polish text in ISO 8859-2 or CP1250: the code page whose reading
gives the language's own letters (session 16; the fourteenth attack's finding 2)."""

from __future__ import annotations

import pytest

from storyline.ingest.readers import decode_with_note

CZECH = ("Vojáci v pátek obsadili město a zadrželi šest mužů. Starosta řekl, že žádné škody "
         "nejsou vážné, ale lidé se bojí. Úřady slíbily pomoc všem rodinám. Podle mluvčího "
         "armády byli zadržení muži ozbrojeni. Místní obyvatelé uvedli, že střelba trvala "
         "několik hodin a že ve čtvrti není elektřina ani voda. Vláda svolala mimořádné "
         "zasedání a ministr vnitra odjel na místo. Humanitární organizace žádají o přístup "
         "k raněným.")
SLOVAK = ("Vojaci v piatok obsadili mesto a zadržali šesť mužov. Starosta povedal, že ľudia "
          "sa boja, ale škody nie sú vážne. Úrady sľúbili pomoc všetkým rodinám. Podľa "
          "hovorcu armády boli zadržaní muži ozbrojení. Miestni obyvatelia uviedli, že "
          "streľba trvala niekoľko hodín a že v štvrti nie je elektrina ani voda. Vláda "
          "zvolala mimoriadne zasadnutie a minister vnútra odišiel na miesto.")
POLISH = ("Żołnierze w piątek zajęli miasto i zatrzymali sześciu mężczyzn. Burmistrz "
          "powiedział, że szkody są niewielkie, ale ludzie się boją. Władze obiecały pomoc "
          "wszystkim rodzinom. Według rzecznika armii zatrzymani mężczyźni byli uzbrojeni. "
          "Mieszkańcy mówią, że strzelanina trwała kilka godzin i że w dzielnicy nie ma "
          "prądu ani wody. Rząd zwołał nadzwyczajne posiedzenie.")


@pytest.mark.parametrize(("text", "page"), [
    (CZECH, "iso8859_2"), (SLOVAK, "iso8859_2"), (POLISH, "iso8859_2"), (POLISH, "cp1250")],
    ids=["cs-iso", "sk-iso", "pl-iso", "pl-cp1250"])
def test_central_european_text_is_read_in_its_own_code_page(text: str, page: str) -> None:
    decoded, note = decode_with_note(text.encode(page))[:2]
    assert decoded == text, note
