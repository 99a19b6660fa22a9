"""Regular expressions for web leftovers, date statements and datelines.

Kept in one place so the text cleaner, the HTML post-cleaner and the metadata
readers agree on what chrome looks like.
"""

from __future__ import annotations

import re

from storyline.text.vocab import MONTHS, WEEKDAYS

__all__ = ["MONTHS", "WEEKDAYS"]  # the shared calendar words, as the cleaner's modules import them

MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAY_RE = r"(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:r(?:s)?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
DAY_RE = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR_RE = r"(?:1[89]\d\d|20\d\d)"

# "September 16th, 2018", "Sat, June 01 2019", "August 27, 2019", "25 September 2020",
# "19 Apr, 2024", "2019-06-01", "01/06/2019" (day first is ambiguous; ISO preferred).
DATE_STRING = re.compile(
    rf"(?:(?P<wd>{WEEKDAY_RE}),?\s*)?"
    rf"(?:(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE}),?\s+(?P<y1>{YEAR_RE})"
    rf"|(?P<d2>{DAY_RE})\s+(?P<m2>{MONTH_RE}),?\s+(?P<y2>{YEAR_RE})"
    rf"|(?P<y3>{YEAR_RE})-(?P<mo3>[01]\d)-(?P<d3>[0-3]\d))",
    re.IGNORECASE,
)

TERMINAL_PUNCT = re.compile(r"[.!?:;\"'”’»)\]…]\s*$")

# Lines that mark the end of an article: whatever follows is page chrome.
END_MARKER = re.compile(
    r"^(?:"
    r"Published in [A-Z][\w .&'-]{1,40},|"
    r"First Published\s*:|"
    r"\(?This story has not been edited|"
    r"Source\s*:\s*\S{2,40}$|"
    r"Updated\s*:\s*.{0,40}\d{4}|"
    r"Add a Comment$|Leave a (?:Comment|Reply)$|Post a comment|"
    r"Comments?\s*(?:\(\d+\))?$|"
    r"Print Friendly|"
    r"Editors?'?s? (?:Picks|choice)$|Most (?:Popular|Read|Viewed|Shared)$|"
    r"Related (?:Articles|Stories|News|Coverage|Topics|Posts)\b|Read (?:more|next|also)\s*:?$|"
    r"More (?:from|on|stories)\b.{0,40}$|You (?:may|might) also like|"
    # the same markers on European-language pages (the product keeps them, with a warning)
    r"Contenido relacionado$|Le puede interesar\b|Noticias relacionadas$|"
    r"Articles? (?:li[ée]s|similaires)$|[ÀA] lire aussi\b|"
    r"(?:Weitere|Verwandte|Ähnliche) (?:Artikel|Beiträge|Themen)$|Das könnte (?:Sie|dich) auch interessieren|"
    r"(?:Letzte Änderung|Zuletzt aktualisiert|Aktualisiert am|Last modified)\b.{0,40}$|"
    r"Leggi anche\b|Articoli correlati$|Leia (?:também|mais)\b"
    r")",
    re.IGNORECASE,
)

# Lines that are chrome wherever they stand.
BOILERPLATE_LINE = re.compile(
    r"^(?:"
    r"(?:Sign up|Subscribe)\b.{0,80}$|"
    r"Follow (?:us|@)\b.{0,60}$|"
    r"Share (?:this|on)\b.{0,40}$|Share$|Tweet$|Email$|Print$|WhatsApp$|"
    r"Your email(?: address)? will not be (?:published|shown).*|Required fields are marked.*|"
    r"(?:Name|Email|Website|Comment)\s*\*?$|"
    r"Advertisement$|ADVERTISEMENT$|Sponsored$|"
    r"(?:Click|Tap) here\b.{0,80}$|"
    r"(?:Copyright|©|\(c\)).{0,120}$|All rights reserved.{0,60}$|"
    r"We use cookies\b.*|This (?:site|website) uses cookies\b.*|Accept (?:all )?cookies$|"
    r"Download (?:our|the) app\b.{0,60}$|Listen to (?:this|the) article\b.{0,40}$|"
    r"Image (?:source|caption)\b.{0,100}$|Photo(?:graph)?\s*:.{0,100}$|"
    r"Skip to (?:main )?content$|Menu$|Search$|Home$|Log ?in$|Sign ?in$|Register$|"
    r"(?:Opinion|Editorial|World|Business|Sport|Sports|Politics|Middle East|Home page)$|"
    r"Pictures?\s*:.{0,120}$|Video\s*:.{0,120}$|Watch\s*:.{0,120}$|READ MORE\s*:?.{0,120}$|"
    r"Also read\s*:?.{0,120}$|Related\s*:.{0,120}$|"
    r"\d+\s+min(?:ute)?s? read$|Reading time.{0,30}$|"
    # prompts to share, subscribe or read on, in the languages of the pages we meet
    r"(?:Dieser|Der) Artikel gef[äa]llt (?:Ihnen|dir)\b.*|"
    r"(?:Dir|Ihnen) hat (?:der|dieser) (?:Artikel|Beitrag) gefallen\b.*|"
    r"Wie gef[äa]llt (?:Ihnen|dir)\b.{0,80}$|Lust auf mehr\b.{0,40}$|"
    r"Mehr zum Thema\b.{0,80}$|Teilen Sie (?:dies|diesen Artikel)\b.*|Jetzt teilen\b.*|"
    r"(?:Geben Sie|Gib) (?:Ihre|deine) E-?Mail\b.*|E-?Mail \(wird benötigt.*|"
    r"Kennt ihr schon\b.{0,80}$|Filed under\b.{0,80}$|Tags?\s*:.{0,120}$|"
    r"PUEDES VER\b.*|LEE (?:TAMBIÉN|MÁS)\b.*|Lea (?:también|más)\b.{0,120}$|"
    r"¿Ya sabías que\b.*|Únete\b.{0,80}$|Suscr[ií]bete\b.{0,80}$|"
    r"(?:Receive|Get) our\b.{0,30}\bnewsletter\b.*|"
    r"Pour créer des paragraphes\b.*|Abonnez-vous\b.{0,80}$|"
    r"\(?(?:Fotos?|Bild(?:er)?|Quelle|Credits?|Cr[ée]dito|Photo|Imagen|Foto de)\s*:.{0,100}$"
    r")",
    re.IGNORECASE,
)

# A short line that names a newsletter is a sign-up box.
NEWSLETTER = re.compile(r"\bnewsletter", re.IGNORECASE)
# A picture credit: "Bundesregierung/Steffen Kugler", "AFP / MARCO BERTORELLO",
# "Presse- und Informationsamt | Jesco Denzel".
PICTURE_CREDIT = re.compile(
    r"^[^/|.!?]{2,60}?\s?[/|]\s?[A-ZÄÖÜ][\w'-]+(?: [A-ZÄÖÜ][\w'-]+){1,2}$"
)

# A newspaper's issue line under its masthead ("THE DAILY LEDGER" / "No. 4512"): "No. 4512",
# "Issue 88", "Vol. 12, No. 4512", "No. 4512 - Monday, 6 May 2024".
ISSUE_LINE = re.compile(
    rf"^(?:Vol(?:ume)?\.?\s*[\dIVXLC]+\s*[,.·|-]?\s*)?(?:No\.?|Nr\.?|Nº|Number|Issue|Edition)"
    rf"\s*\d[\d,.]*(?:\s*[,·|—–-]\s*(?:{WEEKDAY_RE},?\s*)?(?:{DATE_STRING.pattern}))?\s*$",
    re.IGNORECASE,
)
# The most words of a masthead above an issue line.
MASTHEAD_MAX_WORDS = 6

# A line that is a date, perhaps with a place or a word such as "Updated": page chrome.
DATE_ONLY_LINE = re.compile(
    rf"^(?:(?:Updated|Published|Posted|Last updated|Modified)\s*:?\s*)?"
    rf"(?:[A-Z][\w ,.'-]{{0,30}}?)?(?:{WEEKDAY_RE},?\s*)?"
    rf"(?:{DATE_STRING.pattern})"
    rf"(?:\s*(?:[.,|-]\s*)?\d{{1,2}}:\d{{2}}(?:\s*[AP]M)?(?:\s*[A-Z]{{2,4}})?)?\s*$",
    re.IGNORECASE,
)

# A photo credit glued to the start of the paragraph after it, as some scrapers save a
# caption's last line: "Photograph: Lee Cole/AFP/Getty Images The company said ...".
# Group 1 is the credit (one or more names and agencies joined by slashes, or an agency
# alone), group 2 the paragraph.
_CREDIT = (
    r"(?:Photograph|Photo|Picture|Image)s?\s?:\s?(?:"
    r"(?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*(?:\s?\\?/\s?[A-Z][\w.'’-]*"
    r"(?:\s(?:Images|Pictures|Photos|Press|House|Features|Wire|Service))?)+"
    r"|AP|AFP|Reuters|EPA|PA|Getty Images|Getty|Bloomberg|Corbis|Rex Features|Alamy)"
)
GLUED_CREDIT = re.compile(rf"^({_CREDIT})\s+([A-Z\"“‘'].{{20,}})$")
# The credit on a line of its own: "Photograph: Lee Cole/AFP/Getty Images".
CREDIT_LINE = re.compile(rf"^{_CREDIT}$")

PHOTO_CREDIT_END = re.compile(
    r"(?:\.\s+|\s)(?:AP|AFP|Reuters|EPA|Getty Images|Anadolu|Xinhua|File photo|"
    r"(?:Photo|Image|Picture)s?(?: by| courtesy of)?:? [A-Z][\w ./-]{1,40})\s*$|"
    r"\((?:Fotos?|Photos?|Bild|Quelle|Cr[ée]dito|Imagen)\s*:[^()]{1,60}\)\s*$"
)

DATELINE_PREFIX = re.compile(
    r"^(?P<place>[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+){0,2}))?"
    rf"(?:,\s*{MONTH_RE}\s+\d{{1,2}})?"
    r"(?:\s*\((?P<agency>[A-Za-z .]{2,20})\))?\s*(?::|—|–|--|-)\s+(?=\S)"
)
DATELINE_AGENCY_LINE = re.compile(
    r"^(?P<agency>[A-Z][A-Za-z .&]{1,30}?)\s*\|\s*(?P<place>[A-Z][A-Za-z .'-]{2,40}?)\s*$"
)

_PLACE_WORD = r"[A-ZÀ-Þ][\wÀ-ÿ'’.-]+"
# "Berlin (dpa) -", "Montpellier (SID) –", "Warendorf (fn-press).", "Berlin/Frankfurt (dpa) -",
# "05.12.2022 | Paris/Dauerthal (iwr-pressedienst) -": a place with the agency in brackets
# marks a dateline in any case style.
DATELINE_PLACE_AGENCY = re.compile(
    rf"^(?:[0-3]?\d\.[01]?\d\.\d{{4}}\s*\|\s*)?"
    r"(?!(?:Die|Der|Das|Ein|Eine|The|A|An|El|La|Los|Las|Le|Les|Un|Une|Il|O|Os)\b)"
    rf"(?P<place>{_PLACE_WORD}(?:(?: |/|-){_PLACE_WORD}){{0,3}})\s*\((?P<agency>[\w .&/-]{{2,24}})\)"
    r"\s*(?:[.:]|—|–|--?)\s+(?=\S)"
)
# "ERDEN. Wie berichtet ...", "CALDEN. In Sorge ...": an upper-case place closed by a full stop.
DATELINE_CAPS_PERIOD = re.compile(r"^(?P<place>[A-ZÄÖÜ]{4,}(?:[ -][A-ZÄÖÜ]{2,}){0,2})\.\s+(?=[A-ZÄÖÜ„\"])")
# A first line that is a place with the date before the dash ("Bern, 17.08.2007 - Rede ...", "Darmstadt - Januar 2021. ...").
DATELINE_PLACE_DASH = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][a-zäöüß]+(?:[ -][A-ZÄÖÜ][a-zäöüß]+){0,2})"
    r"(?:,\s*[0-3]?\d\.[01]?\d\.\d{4}\s+[-–—]\s+(?=\S)"
    r"|\s+[-–—]\s+(?:Jan|Feb|Mär|Mar|Apr|Mai|May|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Dez|Dec)[a-zä]*\.?\s+\d{4}\b)"
)

# A wire page header, as Reuters pages of the 2000s and 2010s carry it, scraped with the
# first paragraph on the same line: "DAMASCUS | Mon Mar 21, 2011 3:56 pm EDT DAMASCUS
# (Reuters) - Syrian forces ...". Both the plain and the Penn-Treebank tokenised forms
# ("Mar 21 , 2011", "-LRB- Reuters -RRB-", "ZURICH\/COPENHAGEN") are read. The stamp may
# come alone ("Thu Dec 10, 2009 4:56 pm EST LOS ANGELES (Billboard) -"), after a byline
# or a repeated headline, and an "(Adds ...)" note may stand between stamp and dateline.
_LP = r"(?:\(|-LRB-)"
_RP = r"(?:\)|-RRB-)"
_CAPS_PLACE = r"[A-Z][A-Z.'’-]*(?:(?:\s|\\?/)[A-Z][A-Z.'’-]*){0,4}"
_REGION = r"[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2}"
WIRE_STAMP = re.compile(
    rf"(?:(?P<stamp_place>{_CAPS_PLACE}(?:\s*,\s*{_REGION})?)\s*,?\s*\|\s*)?"
    rf"(?:(?P<wd>{WEEKDAY_RE})\s*,?\s+)(?P<mon>{MONTH_RE})\s+(?P<day>[0-3]?\d)\s*,?\s*"
    rf"(?P<year>{YEAR_RE})?\s+(?P<time>[01]?\d:[0-5]\d\s*(?:[aApP]\.?[mM]\.?))"
    r"(?:\s*(?P<tz>[A-Z]{2,4}))?\s+"
)
WIRE_DATELINE = re.compile(
    rf"(?:{_LP}\s*(?:Adds|Updates|Recasts|Corrects|Repeats|Writes through)\b[^()]{{0,160}}?{_RP}\s+)?"
    rf"(?P<place>{_CAPS_PLACE}(?:\s*,\s*{_REGION})?)?"
    rf"(?:\s*,?\s*(?P<dl_mon>{MONTH_RE})\s+(?P<dl_day>[0-3]?\d))?"
    rf"\s*,?\s*{_LP}\s*(?P<agency>[A-Z][\w.&' -]{{1,30}}?)\s*{_RP}\s*(?:-{{1,2}}|—|–)\s+(?=\S)"
)

# Where a comment section starts (its header or its first comment's furniture); the
# article is over there. Searched anywhere in a line: scrapers glue a comment's time
# stamp and "Report as abuse" to the next line.
COMMENT_START = re.compile(
    r"(?:^|\s)(?:"
    r"Views expressed in the comments\b|"
    r"We welcome comments\b|"
    r"This discussion is (?:now )?closed\b|"
    r"Comments? (?:are|is|have been|has been) (?:now )?(?:closed|disabled)\b|"
    r"Comments for this (?:entry|story|article|post) are closed\b|"
    r"Commenting (?:is|has been) (?:now )?(?:closed|disabled)\b|"
    r"Report (?:as )?abus(?:e|ive)\b|"
    r"This comment (?:was|has been) (?:removed|deleted)\b|"
    r"(?:Show|View|Read|Hide|Load) (?:all |more )?(?:\d+ )?(?:comments|replies)\b|"
    r"Add (?:a|your) comment\b|Post (?:a|your) comment\b|Leave a (?:comment|reply)\b|"
    r"Join the (?:discussion|conversation)\b|Have your say\b|Reader comments\b|"
    r"You must be (?:logged|signed) in to (?:post|leave|add) a comment\b|"
    r"Comments? (?:policy|guidelines)\b|Sort (?:comments )?by\s*:?\s*(?:newest|oldest|best)\b|"
    r"\d+ (?:comments|responses|replies) (?:so far|to \S)|"
    r"^\d+ (?:Antworten|Kommentare|Kommentar|comentarios|commentaires|réponses|reacties)\b|"
    r"^(?:Schreibe einen Kommentar|Kommentar schreiben|Kommentare? \(\d+\)|"
    r"Deine E-Mail-Adresse wird nicht veröffentlicht|Dejar? un comentario|"
    r"Laisser un commentaire|Lascia un commento|Schreiben Sie einen Kommentar|"
    r"Kommentieren Sie\b|Antwort(?:en)? abbrechen|Cancel reply|"
    r"(?:Ihre|Deine) E-Mail-Adresse wird nicht veröffentlicht|"
    r"Your email address will not be published|Bitte geben Sie Ihren Kommentar)\b"
    r")",
    re.IGNORECASE,
)

# A run of link titles scraped into one line: a capitalised opener right after a
# lower-case word with no punctuation between ("... freight data for desks A better way to
# track your fleet Our weekly report ...").
TITLE_RUN = re.compile(
    r"[a-z,]\s(?:A|An|Our|Your|Get|Find|Learn|Read|Watch|Discover|Explore|Sign|Join|Try)\s"
    r"[a-z]"
)

# Words that open a line as a label, never a place: "PLEASE NOTE:", "FILE -", "UPDATE:".
NOT_A_PLACE = re.compile(
    r"^(?:please note|note|notes|file|file photo|update|updated|updates|editor'?s? note|"
    r"correction|corrections|clarification|warning|breaking|breaking news|exclusive|"
    r"analysis|opinion|comment|comments|photo|photos|video|watch|listen|live|advertisement|"
    r"sponsored|related|read more|see also|disclaimer|important|attention|caution|"
    r"q|a|faq|fact ?box|factbox|timeline|graphic|graphics|reporting|writing|editing)$",
    re.IGNORECASE,
)

# A photo caption of a gallery or a lead picture: "Sept. 18: Dockers on the quay ...",
# "Tuesday: The harbour master, followed by ...". A timeline entry uses a dash.
CAPTION_DATE_LABEL = re.compile(
    rf"^(?:{WEEKDAY_RE}|{MONTH_RE}\s+[0-3]?\d(?:\s*,\s*{YEAR_RE})?)\s+:\s|"
    rf"^(?:{WEEKDAY_RE}|{MONTH_RE}\s+[0-3]?\d(?:,\s*{YEAR_RE})?):\s"
)
# A bracketed credit or note: "(Photo: ...)", "-LRB- Photo : ... -RRB-".
BRACKETED_NOTE = re.compile(
    r"^(?:\(|-LRB-)\s*(?:Photo|Picture|Image|Graphic|Video|Reporting|Writing|Editing|"
    r"Additional reporting|Compiled|For (?:Reuters|more|a factbox|related))\b",
    re.IGNORECASE,
)
