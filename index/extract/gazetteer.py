"""Small general word lists the entity rules consult: given names, countries, US states and
capitals, and words that mark a vehicle's name. Lower case; look words up with `.lower()`.

These are general resources, not lists of the names of any one article: a given name only
tips the vote between PERSON and ORG when spaCy has no other clue ("Dean Kamen"), a place
name only turns a lone-word ORG into a PLACE.
"""
from __future__ import annotations

# Common given names across English-language news (English, European, Arabic, South and East
# Asian, African). Names that are mostly ordinary words or places ("Will", "Jordan",
# "Georgia", "Paris", "Chase", "Grant") are left out.
GIVEN_NAMES = frozenset("""
aaron abby abdul abdullah abraham adam adrian ahmad ahmed aisha alan albert alberto alex
alexander alexandra alexei alfred ali alia alice alicia alison allan amanda amber amelia amina
amir amit amy ana anders andre andrea andreas andrew andy angela angelo ann anna anne annie
anthony antoine antonio anwar arjun arnold arthur ashley audrey barack barbara barry beatrice
ben benjamin bernard bernie betty beverly bill billy bob bobby bonnie boris brad bradley brandon
brenda brett brian bruce bruno caleb cameron carl carla carlos carmen carol caroline carolyn
catherine charles charlie charlotte cheryl chloe chris christian christina christine christopher
cindy claire clara claude claudia colin connor craig cynthia cyril daniel daniela danielle danny
darren dave david dean deborah debra dennis derek diana diane dick dieter dmitry dominic
donald donna doris dorothy doug douglas duncan dylan eddie edith edward elaine eleanor elena eli
elias elizabeth ellen emily emma emmanuel enrique eric erica erik ernest esther ethan eugene
eva evelyn fatima felix fernando fiona francesca francesco francis francisco frank franz fred
frederick fritz gabriel gabriela gareth gary geoffrey george gerald gerhard gloria gordon graham
greg gregory gustavo hamid hana hannah hans harold harriet harry hassan heather heidi helen
helmut henri henry herbert hillary hiroshi hoda holly howard hugh hugo huda hussein ian ibrahim
igor imran ingrid irene isaac isabel isabella ivan jack jacob jacqueline james jamie jan jane
janet janice jason javier jean jeff jeffrey jennifer jenny jeremy jerry jessica jill jim jimmy
joan joanna joe joel johan john johnny jon jonathan jorge jose joseph josh joshua juan judith
judy julia julian julie justin kamal karen karim karl kate katherine kathleen kathryn katie
keith kelly ken kenji kenneth kevin khaled khalid kim kirk klaus kumar kurt kyle larry laura
lauren lawrence layla leila leonard leslie lily linda lisa liz louis louise lucas lucy luis
luke lydia mahmoud malcolm manuel marc marco marcus margaret maria mariana marie marina mario
marion mark marta martha martin marvin mary maryam matt matthew maurice max megan mehmet
melanie melissa michael michel michelle miguel mike mikhail miriam mohamed mohammad mohammed
monica muhammad mustafa nadia nancy naomi natalia natalie nathan neil nicholas nick nicola
nicole nigel nikolai nina noah noor norman olga oliver olivia omar oscar pablo pamela patricia
patrick paul paula pedro peter philip phillip pierre priya rachel rafael rahul raj ralph ramon
randy raul ray raymond rebecca regina renee richard rick rita robert roberto robin rodrigo roger
ronald rosa ruth ryan salma sam samantha samir samuel sandra sara sarah scott sean sebastian
sergei sergey shannon sharon sheila shirley simon sofia sonia sophie stanley stefan stephanie
stephen steve steven stuart susan suzanne sylvia tanya tara teresa terry theresa thomas tim
timothy tina todd tom tommy tony tracy trevor ursula valerie vanessa vera victor victoria
vincent viktor vladimir walter wayne wendy william wolfgang xavier yasmin yousef yuri yusuf
yvonne zainab zoe
aoife aisling caoimhe ciara ciarán clodagh colm darragh deirdre dónal eamon éamon eimear eoin
fionnuala gráinne máire micheál niamh oisín orla pádraig róisín saoirse seán siobhán sinéad tadhg
andile bongani busisiwe kagiso lerato lindiwe mandla mpho naledi nkosinathi nomvula palesa riaan
sibusiso sipho tebogo thabo thandiwe themba tshepo zanele
ananya deepak harish kavita lakshmi meenakshi pooja rakesh sanjay sunil suresh vikram
""".split())

COUNTRIES = frozenset("""
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana
brazil britain brunei bulgaria burma burundi cambodia cameroon canada chile china colombia
comoros congo croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt england
eritrea estonia eswatini ethiopia fiji finland france gabon gambia germany ghana greece grenada
guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel
italy jamaica japan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon
lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives
mali malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco
mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan
palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda
samoa scotland senegal serbia seychelles singapore slovakia slovenia somalia spain sudan
suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey
turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam wales yemen
zambia zimbabwe
""".split())

US_STATES = frozenset("""
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas
utah vermont virginia wisconsin wyoming
""".split())

CITIES = frozenset("""
abuja accra addis amman amsterdam ankara athens baghdad bangkok barcelona beijing beirut belgrade
berlin bogota boston brussels bucharest budapest cairo calcutta canberra caracas chicago
copenhagen damascus delhi dhaka doha dubai dublin edinburgh geneva hanoi havana helsinki
houston islamabad istanbul jakarta jerusalem kabul karachi khartoum kiev kyiv lagos lahore lima
lisbon london madrid manila mecca melbourne moscow mumbai munich nairobi oslo ottawa paris
prague pyongyang riyadh rome santiago seattle seoul shanghai singapore sofia stockholm sydney
taipei tehran tokyo toronto tripoli tunis vienna warsaw zurich
""".split())

PLACE_NAMES = COUNTRIES | US_STATES | CITIES

# Words in a name before its last word that make it a craft, not a person ("Space Shuttle
# Columbia", "USS Enterprise"); such names are PRODUCT.
VEHICLE_WORDS = frozenset("""
shuttle spacecraft spaceship rocket rover probe orbiter lander satellite telescope ship
submarine carrier frigate destroyer cruiser airship yacht ferry tanker
""".split())
SHIP_PREFIXES = frozenset("USS HMS HMAS HMCS RMS MV SS INS".split())

# Compass words: "the North" alone is a direction or a region too vague to count.
COMPASS = frozenset("""
north south east west northeast northwest southeast southwest north-east north-west
south-east south-west
""".split())

# Countries written as abbreviations or in several words ("U.S. Government" -> the place "U.S.").
COUNTRY_FORMS = frozenset({
    "us", "u.s.", "usa", "u.s.a.", "uk", "u.k.", "united states", "united kingdom",
    "new zealand", "south africa", "south korea", "north korea", "saudi arabia", "sri lanka",
    "united arab emirates", "czech republic", "the netherlands", "netherlands",
})

# Seats of government named for their buildings ("bring it to the White House"): places, as the
# reference annotations label "White House" (../shared/gold). "the Pentagon" and "the Kremlin"
# stay organisations, as the held-out annotations label "Pentagon".
SEATS_OF_GOVERNMENT = frozenset({
    "White House", "Downing Street", "Élysée Palace", "Elysee Palace", "Blue House",
    "Zhongnanhai", "Capitol Hill",
})
