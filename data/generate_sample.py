#!/usr/bin/env python3
"""Write Harvest's SYNTHETIC sample export, data/sample-wikicafe-2017-synthetic/.

    python data/generate_sample.py              # rewrites the committed sample
    python data/generate_sample.py --out DIR    # writes the same files into DIR

Nothing in the output is real. The data is shaped like the WikiCafé held at the Wikimedia Diversity Conference 2017
in Stockholm (81 participants from 43 countries, about 60% women, 39 from emerging communities, close to 30
languages, tables of five, five rounds on three questions; see data/README.md), but every person, id and note is
made up here, from numpy.random.default_rng(2017). No network, no clock: two runs give byte-identical files
(with the same pyarrow version).

Notes are composed from short per-code phrases in the note's language, so a note's text expresses the codes it was
generated with. Facilitators' coding (`themes`, `direction`) is then applied to most notes, with a few misses, so
the sample can be used to evaluate a keyword auto-coder against data/codebook.toml.

Seating (`seating.parquet`) is seated as a café is: 16 tables (T01-T16) of five (one of six each round), one host per
table who stays all five rounds, 65 travellers who move every round, never back to a table they sat at and never
again beside a traveller they already sat with, so the tables re-mix. Every note's `table` is its author's seat in
that round (an anonymous note's too: its writer is known here, only not recorded).

One idea is planted for Harvest to find: a **language buddy** for everyone starting out (someone bilingual who
helps them translate their first article), coded `translation` by the facilitators and written with the keyword
"translate", so it is found by the code and by the words "language buddy". Traveller A raises it at a table in
round 1. In round 2, A carries it to a new table, and B, who sat with A in round 1, to another. In each later round,
one or two travellers who sat the round before at a table where it was written carry it on to their new tables. One
note per table-round on that path (an existing note, coded by the facilitators, that starts with the idea and gains
its code), and nowhere else. In this sample (PLANT_PATH below, and the sample's README), as (round, table, carrier,
where they heard it the round before): 1 T02 A; 2 T10 A (heard at T02), 2 T03 B (T02); 3 T03 C (T10); 4 T06 C (T03),
4 T07 D (T03); 5 T16 E (T06), 5 T01 F (T07). Eight notes, six travellers, all five rounds.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import tomllib
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

SEED = 2017
SESSION = "wikicafe-2017"
HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "sample-wikicafe-2017-synthetic"
CODEBOOK = HERE / "codebook.toml"
COUNTRY_TABLE = HERE / "reference" / "country_regions.csv"
METADATA = {"harvest.synthetic": "true", "harvest.generator": "data/generate_sample.py"}

ROUND_QUESTION = {1: "Q1", 2: "Q1", 3: "Q2", 4: "Q3", 5: "Q3"}
N_TABLES = 16
ROUND_MINUTES = 25
# 10:00 in Stockholm on Saturday 4 November 2017 was 09:00 UTC (CET = UTC+1; summer time ended on 29 October).
START_UTC = dt.datetime(2017, 11, 4, 9, 0, tzinfo=dt.UTC)

# ----------------------------------------------------------------------------------------------- participants
# country: (region id, people, emerging community, own languages, communities as (name, community_type))
COUNTRIES: dict[str, tuple[str, int, bool, list[str], list[tuple[str, str]]]] = {
    # Northern & Western Europe: 33 people, 10 countries (the host country is over-represented)
    "SE": (
        "NWE",
        13,
        False,
        ["sv"],
        [("Wikimedia Sverige", "affiliate")] * 4
        + [("Swedish Wikipedia", "online community")] * 2
        + [("Swedish National Heritage Board", "partner")],
    ),  # cycled through in turn
    "DE": ("NWE", 4, False, ["de"], [("Wikimedia Deutschland", "affiliate"), ("German Wikipedia", "online community")]),
    "GB": ("NWE", 3, False, ["en"], [("Wikimedia UK", "affiliate"), ("English Wikipedia", "online community")]),
    "FR": ("NWE", 2, False, ["fr"], [("Wikimédia France", "affiliate")]),
    "NL": ("NWE", 2, False, ["nl"], [("Wikimedia Nederland", "affiliate")]),
    "NO": ("NWE", 2, False, ["nb"], [("Wikimedia Norge", "affiliate")]),
    "FI": ("NWE", 2, False, ["fi", "sv"], [("Wikimedia Suomi", "affiliate")]),
    "ES": ("NWE", 2, False, ["es"], [("Amical Wikimedia", "affiliate")]),
    "IT": ("NWE", 2, False, ["it"], [("WikiDonne", "affiliate")]),
    "IL": ("NWE", 1, False, ["he"], [("Wikimedia Israel", "affiliate")]),
    # Central & Eastern Europe & Central Asia: 11 people, 7 countries
    "UA": ("CEE", 3, True, ["uk", "ru"], [("Wikimedia Ukraine", "affiliate")]),
    "RS": ("CEE", 2, True, ["sr"], [("Wikimedia Serbia", "affiliate")]),
    "AM": ("CEE", 2, True, ["hy", "ru"], [("Wikimedia Armenia", "affiliate")]),
    "PL": ("CEE", 1, False, ["pl"], [("Wikimedia Polska", "affiliate")]),
    "RU": ("CEE", 1, False, ["ru"], [("Russian Wikipedia", "online community")]),
    "CZ": ("CEE", 1, False, ["cs"], [("Wikimedia Czech Republic", "affiliate")]),
    "TR": ("CEE", 1, False, ["tr"], [("Turkish Wikipedia", "online community")]),
    # Latin America & Caribbean: 10 people, 6 countries
    "AR": ("LAC", 2, True, ["es"], [("Wikimedia Argentina", "affiliate"), ("Spanish Wikipedia", "online community")]),
    "BR": (
        "LAC",
        3,
        True,
        ["pt-BR"],
        [("Wiki Movimento Brasil", "affiliate"), ("Portuguese Wikipedia", "online community")],
    ),
    "MX": ("LAC", 2, True, ["es"], [("Wikimedia México", "affiliate")]),
    "CL": ("LAC", 1, True, ["es"], [("Spanish Wikipedia", "online community")]),
    "CO": ("LAC", 1, True, ["es"], [("Spanish Wikipedia", "online community")]),
    "UY": ("LAC", 1, True, ["es"], [("Spanish Wikipedia", "online community")]),
    # Sub-Saharan Africa: 9 people, 6 countries
    "NG": ("SSA", 3, True, ["yo"], [("Wikimedia Nigeria", "affiliate")]),
    "GH": ("SSA", 2, True, ["ak"], [("Wikimedia Ghana User Group", "affiliate")]),
    "KE": ("SSA", 1, True, ["sw"], [("Swahili Wikipedia", "online community")]),
    "UG": ("SSA", 1, True, ["sw"], [("Wikimedia Community User Group Uganda", "affiliate")]),
    "ZA": ("SSA", 1, True, ["en"], [("Wikimedia South Africa", "affiliate")]),
    "CM": ("SSA", 1, True, ["fr"], [("Wikimedia Cameroon", "affiliate")]),
    # East, Southeast Asia, & Pacific: 7 people, 5 countries
    "ID": ("ESEAP", 2, True, ["id"], [("Wikimedia Indonesia", "affiliate")]),
    "PH": ("ESEAP", 2, True, ["tl"], [("Wikimedia Philippines", "affiliate")]),
    "MY": ("ESEAP", 1, True, ["ms"], [("Malay Wikipedia", "online community")]),
    "AU": ("ESEAP", 1, False, ["en"], [("English Wikipedia", "online community")]),
    "TW": ("ESEAP", 1, False, ["zh"], [("Wikimedia Taiwan", "affiliate")]),
    # South Asia: 5 people, 4 countries
    "IN": ("SA", 2, True, ["hi"], [("Hindi Wikipedia", "online community"), ("CIS-A2K", "partner")]),
    "BD": ("SA", 1, True, ["bn"], [("Wikimedia Bangladesh", "affiliate")]),
    "NP": ("SA", 1, True, ["ne", "hi"], [("Nepali Wikipedia", "online community")]),
    "PK": ("SA", 1, True, ["ur"], [("Urdu Wikipedia", "online community")]),
    # Middle East & North Africa: 3 people, 3 countries
    "EG": ("MENA", 1, True, ["ar"], [("Arabic Wikipedia", "online community")]),
    "TN": ("MENA", 1, True, ["ar", "fr"], [("Arabic Wikipedia", "online community")]),
    "JO": ("MENA", 1, True, ["ar"], [("Wikimedians of the Levant", "affiliate")]),
    # North America: 3 people, 2 countries
    "US": ("NA", 2, False, ["en"], [("Wiki Education", "partner"), ("English Wikipedia", "online community")]),
    "CA": ("NA", 1, False, ["en", "fr"], [("Wikimedia Canada", "affiliate")]),
}
# Communities not tied to one country, with how many participants (drawn at random) belong to each.
GLOBAL_COMMUNITIES = [
    ("Wikimedia Foundation", "Wikimedia Foundation", 4),
    ("Whose Knowledge?", "partner", 2),
    ("Art+Feminism", "partner", 2),
    ("Wikimedia LGBT+", "affiliate", 1),
    ("Independent researcher", "other", 2),
]
GENDERS = ["woman"] * 49 + ["man"] * 27 + ["non-binary"] * 3 + ["prefer not to say"] * 2  # 81, about 60% women
AGE_BANDS = (["18-29", "30-44", "45-59", "60+"], [0.24, 0.46, 0.22, 0.08])
EXTRA_LANGUAGES = ["fr", "de", "es", "sv"]

# ----------------------------------------------------------------------------------------------- codes
THEMES = [
    "healthy_inclusive_communities",
    "augmented_age",
    "truly_global_movement",
    "most_respected_source",
    "knowledge_ecosystem",
]
NEEDS = [
    "funding",
    "skills_training",
    "tools_infrastructure",
    "translation",
    "time_people",
    "safe_spaces",
    "recognition",
]
RESPONSIBLE = ["resp_foundation", "resp_affiliates", "resp_online_communities", "resp_partners"]
KINDS = {"theme": THEMES, "need": NEEDS, "responsible": RESPONSIBLE}
COMMITMENTS = ["KE1", "KE2", "KE3", "KE4", "KE5", "KS1", "KS2", "KS3"]

# Share of theme / need / responsible codes per question: Q2 and Q3 are about work and needs.
KIND_WEIGHTS = {"Q1": [0.65, 0.25, 0.10], "Q2": [0.35, 0.35, 0.30], "Q3": [0.20, 0.50, 0.30]}
CODE_WEIGHTS = {
    "healthy_inclusive_communities": 1.3,
    "augmented_age": 0.5,
    "truly_global_movement": 1.0,
    "most_respected_source": 0.7,
    "knowledge_ecosystem": 0.8,
    "funding": 1.2,
    "skills_training": 1.1,
    "tools_infrastructure": 0.8,
    "translation": 0.9,
    "time_people": 0.8,
    "safe_spaces": 0.7,
    "recognition": 0.5,
    "resp_foundation": 1.2,
    "resp_affiliates": 1.0,
    "resp_online_communities": 0.9,
    "resp_partners": 0.6,
}
REGION_FACTORS = {
    "truly_global_movement": {"SSA": 2.0, "SA": 2.0, "MENA": 2.0, "LAC": 1.8, "ESEAP": 1.6, "CEE": 1.3},
    "translation": {"SSA": 2.0, "SA": 2.2, "MENA": 2.2, "CEE": 1.3},
    "funding": {"SSA": 1.7, "LAC": 1.6, "SA": 1.6},
    "augmented_age": {"NWE": 1.6, "NA": 1.8},
    "knowledge_ecosystem": {"NWE": 1.5},
    "tools_infrastructure": {"SSA": 1.4, "SA": 1.4},
    "safe_spaces": {"MENA": 1.8, "CEE": 1.3},
}
COMMITMENT_WEIGHTS = {"KE1": 1.3, "KE2": 1.4, "KE3": 0.9, "KE4": 1.1, "KE5": 0.06, "KS1": 0.35, "KS2": 0.0, "KS3": 0.0}
# Blind spots: KS2 and KS3 come up only in this many table-rounds each (drawn at random).
RARE_COMMITMENTS = {"KS2": 2, "KS3": 2}
KE5_REGIONS = {"SSA": 40.0, "SA": 40.0}  # technical barriers are raised mostly from these two regions

# ----------------------------------------------------------------------------------------------- phrases
# Per code and language: short clauses a participant might write. Most contain a codebook keyword for their code,
# some say the same thing in other words (so a keyword coder cannot find everything).
PHRASES: dict[str, dict[str, list[str]]] = {
    "healthy_inclusive_communities": {
        "en": [
            "we need a more inclusive culture on the wikis, not only nice words",
            "harassment on talk pages drives people away",
            "a code of conduct that is actually enforced",
            "the tone in discussions is often toxic for new people",
            "community health should be measured, not guessed",
            "people leave because of endless conflicts and nobody mediates",
            "be kind to each other on the wiki, it is not a battlefield",
            "people should not be afraid to post on a talk page",
        ],
        "es": [
            "necesitamos una cultura más inclusiva en los proyectos",
            "el acoso en las páginas de discusión expulsa a la gente",
            "un código de conducta que se cumpla de verdad",
            "hay que cuidar el tono de las discusiones, a veces da miedo participar",
        ],
        "fr": [
            "une culture plus inclusive sur les wikis",
            "le harcèlement sur les pages de discussion fait fuir les gens",
            "un code de conduite appliqué pour de vrai",
            "l'ambiance est parfois très dure avec les nouveaux",
        ],
        "de": [
            "eine inklusive Kultur in den Projekten, nicht nur auf dem Papier",
            "Belästigung auf Diskussionsseiten vertreibt Leute",
            "ein Verhaltenskodex, der auch durchgesetzt wird",
            "der Umgangston in der Wikipedia ist oft rau",
        ],
        "sv": [
            "en mer inkluderande kultur på wikierna",
            "trakasserier på diskussionssidor får folk att sluta",
            "en uppförandekod som faktiskt följs",
            "tonen i diskussionerna är ofta hård mot nya",
        ],
        "pt": [
            "uma cultura mais inclusiva nos projetos",
            "o assédio nas páginas de discussão afasta as pessoas",
            "um código de conduta que seja cumprido de verdade",
            "o clima nas discussões é muitas vezes pesado",
        ],
        "ar": [
            "نريد مجتمعا شاملا ومحترما للجميع",
            "التحرش في صفحات النقاش يبعد الناس",
            "مدونة السلوك يجب أن تطبق فعلا",
        ],
        "hi": [
            "विकि पर ज़्यादा समावेशी माहौल चाहिए",
            "चर्चा पन्नों पर उत्पीड़न से लोग छोड़ देते हैं",
            "आचार संहिता को सच में लागू करना होगा",
        ],
    },
    "augmented_age": {
        "en": [
            "artificial intelligence will learn from our articles, so our biases get multiplied",
            "voice assistants read Wikipedia aloud but never say where it came from",
            "machine learning trained only on English will leave other languages behind",
            "algorithms decide what people see; we should think about that",
            "new technologies like AI can help small wikis if they are built with them, not for them",
            "in ten years people will ask their phone instead of opening an encyclopedia",
        ],
        "es": [
            "la inteligencia artificial va a usar nuestros artículos, y también nuestros sesgos",
            "los asistentes de voz leen Wikipedia pero no dicen de dónde viene",
            "los algoritmos deciden lo que la gente ve",
        ],
        "fr": [
            "l'intelligence artificielle va se nourrir de nos articles, avec nos biais",
            "les assistants vocaux lisent Wikipédia sans dire d'où ça vient",
            "les algorithmes décident de ce que les gens voient",
        ],
        "de": [
            "künstliche Intelligenz wird unsere Artikel verwerten, mit all unseren Verzerrungen",
            "Sprachassistenten lesen Wikipedia vor, ohne die Herkunft zu nennen",
            "Algorithmen entscheiden, was Menschen zu sehen bekommen",
        ],
        "sv": [
            "artificiell intelligens kommer att använda våra artiklar, med alla våra skevheter",
            "röstassistenter läser upp Wikipedia utan att säga varifrån det kommer",
            "AI och maskininlärning kan hjälpa små språk om de byggs tillsammans med dem",
        ],
        "pt": [
            "a inteligência artificial vai usar nossos artigos, com todos os nossos vieses",
            "os assistentes de voz leem a Wikipédia sem dizer de onde vem",
            "os algoritmos decidem o que as pessoas veem",
        ],
        "ar": ["الذكاء الاصطناعي سيستخدم مقالاتنا بكل تحيزاتها", "الخوارزميات تقرر ما يراه الناس"],
        "hi": ["कृत्रिम बुद्धिमत्ता हमारे लेखों से सीखेगी, हमारे पूर्वाग्रहों के साथ", "एल्गोरिदम तय करते हैं कि लोग क्या देखते हैं"],
    },
    "truly_global_movement": {
        "en": [
            "the movement is still run from Europe and North America; decisions should move to the Global South",
            "two colleagues could not come because their visas were refused",
            "emerging communities need a real voice, not a seat at the back",
            "decentralize decision making with regional hubs",
            "a truly global movement means big meetings outside Europe too",
            "why are all the big events in rich countries?",
            "the strategy should be written with people from Africa and Asia, not just about them",
        ],
        "es": [
            "el movimiento todavía se decide desde Europa y Norteamérica; hay que mirar al Sur global",
            "dos compañeras no pudieron venir porque les negaron el visado",
            "las comunidades emergentes necesitan voz de verdad",
            "más encuentros fuera de Europa",
            "las decisiones se toman lejos de nosotros",
        ],
        "fr": [
            "le mouvement se décide encore depuis l'Europe et l'Amérique du Nord, pas depuis le Sud global",
            "deux collègues n'ont pas pu venir, visa refusé",
            "les communautés émergentes doivent avoir une vraie voix",
            "les décisions se prennent loin de chez nous",
        ],
        "de": [
            "Entscheidungen fallen immer noch in Europa und Nordamerika, der globale Süden sitzt nicht mit am Tisch",
            "zwei Leute fehlen heute, weil ihr Visum abgelehnt wurde",
            "dezentrale Strukturen statt alles zentral zu steuern",
        ],
        "sv": [
            "rörelsen styrs fortfarande från Europa och Nordamerika, inte från globala syd",
            "två deltagare fick inget visum och kunde inte komma hit",
            "fler stora träffar utanför Europa",
            "besluten fattas långt bort från oss",
        ],
        "pt": [
            "o movimento ainda é decidido a partir da Europa e da América do Norte, e não do Sul global",
            "duas pessoas não puderam vir porque o visto foi negado",
            "as comunidades emergentes precisam de voz de verdade",
            "as decisões são tomadas longe de nós",
        ],
        "ar": [
            "الحركة ما زالت تدار من أوروبا وأمريكا الشمالية وليس من الجنوب العالمي",
            "زميلان لم يتمكنا من الحضور بسبب رفض التأشيرة",
            "المجتمعات الناشئة تحتاج إلى صوت حقيقي",
        ],
        "hi": [
            "आंदोलन अब भी यूरोप से चलता है, ग्लोबल साउथ से नहीं",
            "दो साथी वीज़ा न मिलने के कारण नहीं आ सके",
            "उभरते समुदाय को असली आवाज़ चाहिए",
        ],
    },
    "most_respected_source": {
        "en": [
            "being reliable matters more than being big",
            "fight misinformation without excluding knowledge that has no printed sources",
            "people trust Wikipedia more than we think, that is a responsibility",
            "citation rules should accept local newspapers and books in our languages",
            "quality first, then quantity",
            "a statement in Wikipedia should be something anyone can check",
        ],
        "es": [
            "ser fiable importa más que ser grande",
            "luchar contra la desinformación sin dejar fuera lo que no tiene fuentes impresas",
            "la gente confía en Wikipedia, eso es una responsabilidad",
        ],
        "fr": [
            "être fiable compte plus que d'être gros",
            "lutter contre la désinformation sans écarter ce qui n'a pas de sources écrites",
            "les gens ont confiance dans Wikipédia, c'est une responsabilité",
        ],
        "de": [
            "Zuverlässigkeit ist wichtiger als Größe",
            "gegen Desinformation vorgehen, ohne Wissen ohne gedruckte Quellen auszuschließen",
            "die Leute glauben der Wikipedia, das ist eine Verantwortung",
        ],
        "sv": [
            "att vara tillförlitlig är viktigare än att vara stor",
            "motverka desinformation utan att utesluta kunskap utan tryckta källor",
            "folk litar på Wikipedia, det är ett ansvar",
        ],
        "pt": [
            "ser confiável importa mais do que ser grande",
            "combater a desinformação sem deixar de fora o que não tem fontes impressas",
            "as pessoas acreditam na Wikipédia, é uma responsabilidade",
        ],
        "ar": [
            "أن نكون مصدرا موثوقا أهم من أن نكون كبارا",
            "محاربة الأخبار الكاذبة دون استبعاد ما ليس له مصادر مطبوعة",
        ],
        "hi": ["विश्वसनीय होना बड़ा होने से ज़्यादा ज़रूरी है", "फ़र्ज़ी ख़बरों से लड़ना है, पर छपे हुए स्रोत हर भाषा में नहीं हैं"],
    },
    "knowledge_ecosystem": {
        "en": [
            "work with museums and libraries so their collections become open data",
            "open access journals are natural friends of Wikipedia",
            "archives in our country hold knowledge nobody can see online",
            "we are one part of a bigger knowledge ecosystem, not the centre of it",
            "Creative Commons licences should be the default for public money",
            "we are not alone: many institutions want to open up what they hold",
        ],
        "es": [
            "trabajar con museos y bibliotecas para liberar sus colecciones",
            "somos una parte de un ecosistema más grande",
            "los archivos públicos guardan mucho conocimiento que nadie ve",
        ],
        "fr": [
            "travailler avec les musées et les bibliothèques pour ouvrir leurs collections",
            "nous ne sommes qu'une partie d'un écosystème plus large",
            "ouvrir les données des archives publiques",
        ],
        "de": [
            "mit Museen und Bibliotheken zusammenarbeiten, damit Sammlungen frei werden",
            "wir sind nur ein Teil eines größeren Ökosystems",
            "Open Access sollte in der Wissenschaft Standard sein",
        ],
        "sv": [
            "samarbeta med museer och bibliotek så att samlingarna blir fria",
            "vi är en del av ett större ekosystem för kunskap",
            "öppna data från arkiven borde vara självklart",
        ],
        "pt": [
            "trabalhar com museus e bibliotecas para abrir os acervos",
            "somos parte de um ecossistema maior",
            "dados abertos de arquivos públicos",
        ],
        "ar": ["التعاون مع المتاحف والمكتبات لفتح مجموعاتها", "نحن جزء من منظومة معرفية أكبر"],
        "hi": ["संग्रहालयों और पुस्तकालयों के साथ काम करना चाहिए", "हम एक बड़े ज्ञान पारिस्थितिकी तंत्र का हिस्सा हैं"],
    },
    "funding": {
        "en": [
            "small groups need funding they can actually apply for",
            "grants are too complicated for volunteers who don't write English",
            "money for childcare so mothers can come to events",
            "a budget for local events, even a small one",
            "pay for data packages and bus tickets to editathons",
            "travel support so that people from the South can attend",
        ],
        "es": [
            "financiación para grupos pequeños, con formularios sencillos",
            "las becas no llegan a la gente que más las necesita",
            "dinero para el cuidado de niños, para que las madres puedan venir",
            "un presupuesto pequeño para actividades locales",
            "pagar el transporte y los datos para venir a los editatones",
        ],
        "fr": [
            "un financement que les petits groupes peuvent vraiment demander",
            "les bourses ne vont pas aux personnes qui en ont le plus besoin",
            "de l'argent pour la garde d'enfants pendant les événements",
        ],
        "de": [
            "Finanzierung, die auch kleine Gruppen beantragen können",
            "Geld für Kinderbetreuung bei Veranstaltungen",
            "ein kleines Budget für lokale Treffen",
        ],
        "sv": [
            "finansiering som små grupper faktiskt kan söka",
            "pengar till barnpassning så att fler kan komma",
            "en liten budget för lokala träffar",
            "betala resor och mobilsurf så att folk kan komma",
        ],
        "pt": [
            "financiamento que grupos pequenos consigam pedir",
            "dinheiro para cuidar das crianças durante os eventos",
            "um orçamento pequeno para atividades locais",
        ],
        "ar": ["تمويل للمجموعات الصغيرة بإجراءات بسيطة", "المنح لا تصل إلى من يحتاجها أكثر"],
        "hi": ["छोटे समूहों के लिए अनुदान की प्रक्रिया आसान हो", "कार्यक्रमों के लिए थोड़ा बजट चाहिए"],
    },
    "skills_training": {
        "en": [
            "training for trainers, so the knowledge stays local",
            "mentoring programmes for people who just started",
            "workshops on how to edit from a phone",
            "leadership skills for women organisers",
            "people do not know how to start, and nobody shows them",
            "teach people to run editathons themselves",
        ],
        "es": [
            "capacitación para formadores, para que el conocimiento se quede en el país",
            "talleres para aprender a editar desde el móvil",
            "programas de mentoría para gente nueva",
        ],
        "fr": [
            "des formations de formateurs",
            "des ateliers pour apprendre à contribuer depuis un téléphone",
            "un programme de mentorat pour les personnes qui arrivent",
        ],
        "de": [
            "Schulungen für Trainerinnen und Trainer",
            "Workshops, wie man vom Handy aus editiert",
            "ein Mentorenprogramm für neue Leute",
        ],
        "sv": [
            "utbildning för utbildare så att kunskapen stannar lokalt",
            "workshoppar om hur man redigerar från mobilen",
            "mentorprogram för nya",
        ],
        "pt": [
            "capacitação para formadores",
            "oficinas para aprender a editar pelo celular",
            "programas de mentoria para gente nova",
        ],
        "ar": ["تدريب المدربين حتى تبقى المعرفة في البلد", "ورش العمل لتعلم التحرير من الهاتف"],
        "hi": ["प्रशिक्षकों का प्रशिक्षण ज़रूरी है", "मोबाइल से संपादन सीखने के लिए कार्यशाला"],
    },
    "tools_infrastructure": {
        "en": [
            "better tools for organisers to track events and new articles",
            "the software should work on cheap phones",
            "laptops for editathons in places where people don't own one",
            "the visual editor made a huge difference for us",
            "we need technical support in our time zone",
            "organisers still track everything in spreadsheets by hand",
        ],
        "es": [
            "mejores herramientas para organizar eventos",
            "computadoras para los editatones donde la gente no tiene una",
            "soporte técnico en nuestro horario",
        ],
        "fr": [
            "de meilleurs outils pour les organisateurs",
            "des ordinateurs portables prêtés pour les éditathons",
            "l'éditeur visuel a tout changé pour nous",
        ],
        "de": [
            "bessere Werkzeuge für Veranstaltende",
            "die Software muss auf billigen Handys laufen",
            "Laptops für Edit-a-thons",
        ],
        "sv": [
            "bättre verktyg för att organisera evenemang",
            "datorer att låna ut på skrivstugor",
            "den visuella redigeraren gjorde stor skillnad",
        ],
        "pt": [
            "ferramentas melhores para quem organiza eventos",
            "computadores para as editatonas",
            "o software tem que funcionar em celulares baratos",
        ],
        "ar": ["أدوات أفضل لمنظمي الفعاليات", "أجهزة الحاسوب للفعاليات في المناطق الفقيرة"],
        "hi": ["आयोजकों के लिए बेहतर टूल", "सस्ते फ़ोन पर चलने वाला सॉफ़्टवेयर"],
    },
    "translation": {
        "en": [
            "translate the strategy documents into more languages, not only the big ones",
            "content translation helps, but small languages need people first",
            "language barriers keep people out of global discussions",
            "interpreters at events, not everybody speaks English",
            "I want to discuss this in my language",
            "not everyone can follow a discussion held only in English",
        ],
        "es": [
            "traducir los documentos de estrategia a más idiomas",
            "las lenguas indígenas necesitan traducción y hablantes",
            "intérpretes en los eventos, no todo el mundo habla inglés",
            "no todos pueden seguir una discusión solo en inglés",
        ],
        "fr": [
            "traduire les documents de stratégie dans plus de langues",
            "des interprètes aux événements, tout le monde ne parle pas anglais",
            "les langues locales sont absentes des discussions",
            "tout le monde ne peut pas suivre une discussion seulement en anglais",
        ],
        "de": [
            "Strategiedokumente in mehr Sprachen übersetzen",
            "Dolmetscher bei Veranstaltungen, nicht alle sprechen Englisch",
            "Minderheitensprachen brauchen Unterstützung",
            "nicht alle können einer Diskussion nur auf Englisch folgen",
        ],
        "sv": [
            "översätt strategidokumenten till fler språk",
            "tolkar på evenemang, alla talar inte engelska",
            "minoritetsspråk som samiska och meänkieli behöver mer stöd",
            "alla kan inte följa en diskussion på bara engelska",
        ],
        "pt": [
            "traduzir os documentos da estratégia para mais línguas",
            "intérpretes nos eventos, nem todo mundo fala inglês",
            "as línguas indígenas precisam de mais apoio",
        ],
        "ar": ["ترجمة وثائق الاستراتيجية إلى العربية واللغات المحلية", "حاجز اللغة يبعد الناس عن النقاشات العالمية"],
        "hi": ["रणनीति दस्तावेज़ों का हिंदी में अनुवाद होना चाहिए", "स्थानीय भाषाओं में सामग्री बहुत कम है"],
    },
    "time_people": {
        "en": [
            "volunteer time is the scarcest resource we have",
            "it is always the same five people doing everything, we need more people",
            "paid staff for coordination, volunteers cannot carry it alone",
            "a paid coordinator would change everything for us",
            "nobody has energy left after work and family",
            "the same people organise everything and then burn out",
        ],
        "es": [
            "falta de tiempo: todo lo hacemos las mismas cinco personas",
            "necesitamos más gente, no más proyectos",
            "un coordinador pagado para el grupo",
        ],
        "fr": [
            "le manque de temps des bénévoles",
            "ce sont toujours les mêmes personnes qui font tout",
            "un poste de coordination salarié",
        ],
        "de": [
            "Zeitmangel bei den Ehrenamtlichen",
            "es sind immer dieselben fünf, wir brauchen mehr Leute",
            "eine hauptamtliche Koordination",
        ],
        "sv": [
            "tidsbrist, alla är ideella och har jobb",
            "det är alltid samma fem personer som gör allt",
            "en anställd samordnare skulle göra stor skillnad",
        ],
        "pt": [
            "falta de tempo, são sempre as mesmas cinco pessoas",
            "precisamos de mais pessoas, não de mais projetos",
            "um coordenador pago para o grupo",
        ],
        "ar": ["ضيق الوقت، نفس الأشخاص الخمسة يفعلون كل شيء", "نحتاج إلى موظفين لدعم المتطوعين"],
        "hi": ["समय की कमी सबसे बड़ी समस्या है", "वही पाँच स्वयंसेवक सब कुछ करते हैं"],
    },
    "safe_spaces": {
        "en": [
            "safe spaces for women and queer people, online and at events",
            "contributors in some countries need anonymity to stay out of trouble with their government",
            "privacy protection for people writing about politics",
            "physical safety at events should be planned, not assumed",
            "some people get threats for what they edit",
            "some of us cannot use our real names, it would be dangerous",
        ],
        "es": [
            "espacios seguros para mujeres y personas LGBT",
            "privacidad y anonimato para quien escribe sobre política",
            "protección frente a amenazas por lo que editamos",
        ],
        "fr": [
            "des espaces sûrs pour les femmes et les personnes queer",
            "protéger la vie privée de celles et ceux qui écrivent sur la politique",
            "l'anonymat est une question de sécurité chez nous",
        ],
        "de": [
            "geschützte Räume für Frauen und queere Menschen",
            "Schutz der Privatsphäre für Leute, die über Politik schreiben",
            "Anonymität ist bei uns eine Frage der Sicherheit",
        ],
        "sv": [
            "trygga rum för kvinnor och hbtq-personer",
            "skydd av integriteten för den som skriver om politik",
            "anonymitet är en säkerhetsfråga för många",
        ],
        "pt": [
            "espaços seguros para mulheres e pessoas LGBT",
            "privacidade e anonimato para quem escreve sobre política",
            "proteção contra ameaças pelo que editamos",
        ],
        "ar": ["مساحات آمنة للنساء على الإنترنت وفي الفعاليات", "الخصوصية وإخفاء الهوية لمن يكتب في السياسة"],
        "hi": ["महिलाओं के लिए सुरक्षित स्थान चाहिए", "राजनीति पर लिखने वालों की निजता की सुरक्षा"],
    },
    "recognition": {
        "en": [
            "recognition for volunteers who organise, not only for edit counts",
            "make the work of women more visible in the movement",
            "say thank you more often, it costs nothing",
            "outreach work is not valued like editing",
            "give credit to the people behind the photos and the events",
            "nobody notices the people who organise the events",
        ],
        "es": [
            "reconocimiento para quienes organizan, no solo para quienes editan",
            "dar visibilidad al trabajo de las mujeres",
            "decir gracias más a menudo, no cuesta nada",
        ],
        "fr": [
            "de la reconnaissance pour les personnes qui organisent",
            "rendre visible le travail de terrain",
            "dire merci plus souvent",
        ],
        "de": [
            "Anerkennung für Leute, die organisieren, nicht nur für Edits",
            "mehr Sichtbarkeit für die Arbeit von Frauen",
            "öfter Danke sagen",
        ],
        "sv": [
            "erkännande för dem som organiserar, inte bara för redigeringar",
            "mer synlighet för kvinnors arbete",
            "säga tack oftare, det kostar ingenting",
        ],
        "pt": [
            "reconhecimento para quem organiza, não só para quem edita",
            "dar visibilidade ao trabalho das mulheres",
            "agradecer mais vezes, não custa nada",
        ],
        "ar": ["التقدير لمن ينظمون الفعاليات وليس فقط لمن يكتبون", "تكريم العاملين في الظل كل عام"],
        "hi": ["आयोजकों के काम को भी मान्यता मिलनी चाहिए", "पर्दे के पीछे काम करने वालों की सराहना होनी चाहिए"],
    },
    "resp_foundation": {
        "en": [
            "the Foundation should share power, not only decide alone",
            "WMF has to listen before it designs",
            "decisions in San Francisco affect us without us",
            "the board of trustees should include people from our regions",
            "the Wikimedia Foundation must show this direction in its annual plan",
            "headquarters should ask before deciding for everyone",
        ],
        "es": [
            "la Fundación Wikimedia debería compartir el poder",
            "la WMF tiene que escuchar antes de diseñar",
            "las decisiones en San Francisco nos afectan sin contar con nosotros",
            "la sede central tiene que preguntar antes de decidir",
        ],
        "fr": [
            "la Fondation Wikimedia doit partager le pouvoir",
            "la WMF doit écouter avant de concevoir",
            "les décisions prises à San Francisco nous concernent sans nous",
        ],
        "de": [
            "die Foundation sollte Macht abgeben",
            "die WMF muss zuhören, bevor sie etwas entwirft",
            "Entscheidungen in San Francisco betreffen uns ohne uns",
        ],
        "sv": [
            "Foundation borde dela på makten",
            "WMF måste lyssna innan de bygger något",
            "beslut i San Francisco påverkar oss utan oss",
        ],
        "pt": [
            "a Fundação Wikimedia deveria dividir o poder",
            "a WMF precisa ouvir antes de desenhar",
            "decisões em San Francisco nos afetam sem nós",
        ],
        "ar": ["على مؤسسة ويكيميديا أن تتقاسم السلطة", "يجب أن تستمع المؤسسة قبل أن تصمم"],
        "hi": ["विकिमीडिया फ़ाउंडेशन को शक्ति साझा करनी चाहिए", "फ़ाउंडेशन को पहले सुनना चाहिए"],
    },
    "resp_affiliates": {
        "en": [
            "chapters in rich countries could support user groups as peers",
            "affiliates are closest to the people, they should lead this locally",
            "our chapter can do this if we get the mandate",
            "user groups are treated as second class",
            "local organisations know their context best",
            "the national organisations must carry this, they know the ground",
        ],
        "es": [
            "los capítulos pueden acompañar a los grupos de usuarios",
            "las organizaciones locales conocen mejor su contexto",
            "los afiliados deben liderar esto en cada país",
        ],
        "fr": [
            "les chapitres peuvent accompagner les groupes d'utilisateurs",
            "les associations locales connaissent le terrain",
            "les affiliés doivent porter cette direction localement",
        ],
        "de": [
            "die Chapter sollten kleine Usergroups unterstützen",
            "lokale Organisationen kennen ihren Kontext am besten",
            "der Verein kann das nicht allein stemmen",
        ],
        "sv": [
            "föreningen kan ta ansvar lokalt",
            "chapter i rika länder kan stötta nya användargrupper",
            "lokala organisationer känner sitt sammanhang bäst",
        ],
        "pt": [
            "os capítulos podem apoiar os grupos de usuários",
            "as organizações locais conhecem melhor o contexto",
            "os afiliados devem liderar isso em cada país",
        ],
        "ar": ["الفروع المحلية تعرف سياقها أفضل", "مجموعات المستخدمين تعامل كدرجة ثانية"],
        "hi": ["स्थानीय संगठन अपने संदर्भ को बेहतर जानते हैं", "यूज़र ग्रुप को बराबरी का दर्जा मिलना चाहिए"],
    },
    "resp_online_communities": {
        "en": [
            "online communities must change their own rules, nobody can do it for them",
            "admins should model the behaviour we want",
            "experienced editors have to make room for others",
            "Wikipedians set the rules, so they must open them",
            "community consensus can also keep things as they are",
            "the people who write the articles have to want this change",
        ],
        "es": [
            "las comunidades en línea tienen que cambiar sus propias reglas",
            "los bibliotecarios deberían dar el ejemplo",
            "los editores con experiencia tienen que hacer sitio a otros",
        ],
        "fr": [
            "les communautés en ligne doivent changer leurs propres règles",
            "les administrateurs doivent montrer l'exemple",
            "les contributeurs expérimentés doivent faire de la place",
        ],
        "de": [
            "die Community muss ihre eigenen Regeln ändern",
            "Admins sollten mit gutem Beispiel vorangehen",
            "erfahrene Autoren müssen Platz machen",
        ],
        "sv": [
            "gemenskapen på wikin måste ändra sina egna regler",
            "administratörer borde gå före",
            "erfarna skribenter måste släppa in andra",
        ],
        "pt": [
            "as comunidades online precisam mudar as próprias regras",
            "os administradores deveriam dar o exemplo",
            "editores experientes precisam abrir espaço",
        ],
        "ar": ["المحررون القدامى يجب أن يفسحوا المجال لغيرهم", "على الإداريين أن يكونوا قدوة"],
        "hi": ["अनुभवी संपादकों को दूसरों के लिए जगह बनानी होगी", "चौपाल पर हर किसी की बात सुनी जानी चाहिए"],
    },
    "resp_partners": {
        "en": [
            "partners like Whose Knowledge? already know how to do this",
            "universities and schools can bring in students who want to write",
            "GLAM institutions should not only donate content but share decisions",
            "allies in civil society, like women's organisations",
            "teachers are our best multipliers",
            "work with groups that already do this work in their own communities",
        ],
        "es": [
            "los aliados como Whose Knowledge? ya saben hacerlo",
            "universidades y escuelas pueden traer gente nueva",
            "la sociedad civil y los movimientos de mujeres son socios naturales",
        ],
        "fr": [
            "les partenaires comme Whose Knowledge? savent déjà faire",
            "les universités et les écoles peuvent amener du monde",
            "les ONG locales sont des alliées naturelles",
        ],
        "de": [
            "Partner wie Whose Knowledge? wissen schon, wie das geht",
            "Universitäten und Schulen können neue Leute bringen",
            "die Zivilgesellschaft ist unser natürlicher Verbündeter",
        ],
        "sv": [
            "partner som Whose Knowledge? vet redan hur man gör",
            "universitet och skolor kan ta in nya människor",
            "civilsamhället är en naturlig allierad",
        ],
        "pt": [
            "parceiros como a Whose Knowledge? já sabem fazer isso",
            "universidades e escolas podem trazer gente nova",
            "a sociedade civil é aliada natural",
        ],
        "ar": ["الشركاء مثل Whose Knowledge? يعرفون كيف يفعلون ذلك", "الجامعات والمدارس يمكن أن تجلب محررين جددا"],
        "hi": ["विश्वविद्यालय और स्कूल हमारे सबसे अच्छे साथी हैं", "शिक्षक ज्ञान फैलाने में मदद कर सकते हैं"],
    },
    "KE1": {
        "en": [
            "knowledge left out because it was never written down: oral histories count",
            "oral knowledge needs a place, the notability rules keep it out",
            "indigenous knowledge is missing, and so are the people who hold it",
            "the knowledge gaps follow colonial history",
            "whole topics are missing because nobody with power wrote about them",
        ],
        "es": [
            "la historia oral también es conocimiento",
            "faltan los saberes indígenas y las personas que los guardan",
            "las brechas de conocimiento siguen la historia colonial",
            "faltan temas enteros porque nadie con poder escribió sobre ellos",
        ],
        "fr": [
            "la tradition orale, c'est aussi du savoir",
            "les critères d'admissibilité écartent des pans entiers de nos cultures",
            "les lacunes suivent l'histoire coloniale",
        ],
        "de": [
            "mündliche Überlieferung ist auch Wissen",
            "die Relevanzkriterien schließen ganze Kulturen aus",
            "Wissenslücken folgen der Kolonialgeschichte",
        ],
        "sv": [
            "muntlig tradition är också kunskap",
            "relevanskriterierna stänger ute hela kulturer",
            "kunskapsluckorna följer kolonial historia",
            "hela ämnen saknas för att ingen med makt skrev om dem",
        ],
        "pt": [
            "a história oral também é conhecimento",
            "os critérios de notoriedade deixam culturas inteiras de fora",
            "as lacunas seguem a história colonial",
        ],
        "ar": ["التاريخ الشفهي معرفة أيضا", "الفجوة المعرفية تتبع تاريخ الاستعمار"],
        "hi": ["मौखिक इतिहास भी ज्ञान है", "स्वदेशी ज्ञान विकिपीडिया पर लगभग नहीं है"],
    },
    "KE2": {
        "en": [
            "women are still under 20% of editors, that is a power question",
            "communities left out by power structures must be at the table when decisions are made",
            "marginalised groups should not only be 'target groups'",
            "LGBT+ people, people with disabilities, rural people: who is missing from this room?",
            "privilege decides who can afford to edit",
            "the people with the most power in the movement look very much alike",
        ],
        "es": [
            "las mujeres siguen siendo minoría entre quienes editan",
            "las comunidades marginadas deben estar en la mesa",
            "las estructuras de poder deciden quién escribe la historia",
            "quienes tienen el poder en el movimiento se parecen mucho entre sí",
        ],
        "fr": [
            "les femmes restent une petite minorité sur Wikipédia",
            "les communautés marginalisées doivent être à la table",
            "les structures de pouvoir décident qui écrit l'histoire",
            "les personnes qui ont le pouvoir dans le mouvement se ressemblent beaucoup",
        ],
        "de": [
            "Frauen sind immer noch eine kleine Minderheit in der Wikipedia",
            "marginalisierte Gruppen gehören mit an den Tisch",
            "Machtstrukturen entscheiden, wer Geschichte schreibt",
            "wer im Movement Macht hat, sieht sich sehr ähnlich",
        ],
        "sv": [
            "kvinnor är fortfarande en minoritet bland skribenterna",
            "marginaliserade grupper måste sitta med vid bordet",
            "maktstrukturer avgör vem som skriver historien",
            "de som har makt i rörelsen är väldigt lika varandra",
        ],
        "pt": [
            "as mulheres ainda são minoria entre quem edita",
            "as comunidades marginalizadas precisam estar na mesa",
            "as estruturas de poder decidem quem escreve a história",
            "quem tem poder no movimento é muito parecido entre si",
        ],
        "ar": ["النساء ما زلن أقلية في ويكيبيديا", "المجتمعات المهمشة يجب أن تكون على الطاولة"],
        "hi": ["महिलाएं अब भी बहुत कम हैं", "हाशिए के समुदायों को फ़ैसलों में शामिल करना होगा"],
    },
    "KE3": {
        "en": [
            "people from every background should feel welcome from the first edit",
            "a welcoming first experience for newcomers",
            "Wikipedia says anyone can edit, but not everyone feels invited",
            "open to everyone has to mean open to people who don't look like us",
        ],
        "es": [
            "que gente de todos los orígenes se sienta bienvenida",
            "una buena acogida para los recién llegados",
            "abierto a todos de verdad, no solo en teoría",
        ],
        "fr": [
            "que les gens de tous les horizons se sentent accueillis",
            "un meilleur accueil des nouveaux venus",
            "ouvert à tous, vraiment",
        ],
        "de": [
            "Menschen mit jedem Hintergrund sollen sich willkommen fühlen",
            "eine echte Willkommenskultur für Neulinge",
            "offen für alle heißt auch offen für Leute, die anders sind",
        ],
        "sv": [
            "människor med alla bakgrunder ska känna sig välkomna",
            "bättre mottagande av nybörjare",
            "öppen för alla på riktigt",
        ],
        "pt": [
            "que pessoas de todas as origens se sintam bem-vindas",
            "acolher melhor os novatos",
            "aberto a todos de verdade",
        ],
        "ar": ["يجب أن يشعر الناس من كل الخلفيات بالترحيب", "ترحيب أفضل بالقادمين الجدد"],
        "hi": ["हर पृष्ठभूमि के लोगों का स्वागत होना चाहिए", "नए संपादकों के लिए बेहतर शुरुआत"],
    },
    "KE4": {
        "en": [
            "build strong local communities, not only one-off events",
            "diversity in our community has to go beyond counting people",
            "retention matters more than recruitment",
            "sustainable communities need a second generation of organisers",
            "grow local groups that keep going for years",
        ],
        "es": [
            "construir comunidades fuertes, no solo eventos sueltos",
            "la diversidad no es solo contar gente",
            "la retención importa más que el reclutamiento",
        ],
        "fr": [
            "construire des communautés fortes, pas seulement des événements ponctuels",
            "la diversité, ce n'est pas seulement compter les gens",
            "garder les gens compte plus que les recruter",
        ],
        "de": [
            "starke lokale Communitys aufbauen, nicht nur einzelne Events",
            "Vielfalt heißt mehr als Köpfe zählen",
            "nachhaltige Gruppen statt einmaliger Aktionen",
        ],
        "sv": [
            "bygga upp lokala grupper som håller, inte bara enstaka evenemang",
            "mångfald handlar om mer än att räkna huvuden",
            "hållbara grupper som finns kvar efter projektet",
        ],
        "pt": [
            "construir comunidades fortes, não só eventos soltos",
            "diversidade não é só contar pessoas",
            "grupos sustentáveis que continuem depois do projeto",
        ],
        "ar": ["بناء مجتمعات قوية وليس فعاليات متفرقة", "التنوع أكثر من مجرد عد الأشخاص"],
        "hi": ["मज़बूत स्थानीय समुदाय बनाना ज़रूरी है", "विविधता सिर्फ़ गिनती नहीं है"],
    },
    "KE5": {
        "en": [
            "mobile data is too expensive to edit in rural areas",
            "offline access matters: many readers are not connected",
            "censorship and blocked sites are a political barrier",
            "social barriers: people think Wikipedia is only for experts",
            "accessibility for blind users is still poor",
            "slow connectivity makes the upload wizard fail every time",
            "many people cannot even read Wikipedia where they live",
        ],
        "es": [
            "los datos móviles son demasiado caros para editar",
            "barreras sociales: la gente cree que Wikipedia es solo para expertos",
            "la censura es una barrera política",
        ],
        "fr": [
            "les données mobiles coûtent trop cher pour contribuer",
            "la connectivité est mauvaise hors des villes",
            "la censure est un obstacle politique",
        ],
        "de": [
            "mobile Daten sind zu teuer, um zu editieren",
            "Zensur ist eine politische Hürde",
            "Barrierefreiheit für blinde Menschen fehlt",
        ],
        "sv": [
            "mobildata är för dyrt för att redigera",
            "censur är ett politiskt hinder",
            "tillgänglighet för synskadade är fortfarande dålig",
        ],
        "pt": [
            "os dados móveis são caros demais para editar",
            "a censura é uma barreira política",
            "barreiras sociais: acham que a Wikipédia é só para especialistas",
        ],
        "ar": ["بيانات الجوال مكلفة جدا للتحرير", "الرقابة وحجب المواقع من أكبر العوائق"],
        "hi": ["मोबाइल डेटा बहुत महंगा है, संपादन मुश्किल है", "गाँवों में इंटरनेट कनेक्टिविटी सबसे बड़ी बाधा है"],
    },
    "KS1": {
        "en": [
            "Wikipedia as a platform that serves knowledge through apps, voice and APIs",
            "structured data on Wikidata lets others reuse our work",
            "content should flow across interfaces and sister projects",
            "our content should reach people wherever they look for it, not only on the website",
        ],
        "es": [
            "Wikipedia como plataforma que sirve conocimiento en aplicaciones y otras interfaces",
            "Wikidata permite que otros reutilicen nuestro trabajo",
        ],
        "fr": [
            "Wikipédia comme plateforme, avec des applications et des API",
            "Wikidata permet de réutiliser nos données",
        ],
        "de": [
            "Wikipedia als Plattform, auch über Apps und Schnittstellen",
            "strukturierte Daten in Wikidata zur Nachnutzung",
        ],
        "sv": [
            "Wikipedia som plattform, via appar och andra gränssnitt",
            "Wikidata gör att andra kan återanvända vårt arbete",
        ],
        "pt": [
            "a Wikipédia como plataforma, em aplicativos e outras interfaces",
            "o Wikidata permite reutilizar o nosso trabalho",
        ],
        "ar": ["ويكيبيديا كمنصة تخدم المعرفة عبر التطبيقات", "ويكي بيانات تسمح بإعادة استخدام عملنا"],
        "hi": ["विकिपीडिया एक प्लेटफ़ॉर्म की तरह, ऐप और दूसरे इंटरफ़ेस में", "विकिडेटा से दूसरे हमारा काम दोबारा उपयोग कर सकते हैं"],
    },
    "KS2": {
        "en": [
            "tools for partners to organise their own knowledge beyond Wikimedia",
            "share our tools with other open projects",
        ],
        "es": ["herramientas para aliados que trabajan fuera de Wikimedia"],
        "fr": ["des outils pour les partenaires, au-delà de Wikimedia"],
        "de": ["Werkzeuge für Partner, auch über Wikimedia hinaus"],
        "sv": ["verktyg för samarbetspartner utanför Wikimedia"],
        "pt": ["ferramentas para parceiros além da Wikimedia"],
        "ar": ["أدوات للشركاء خارج ويكيميديا"],
        "hi": ["विकिमीडिया के बाहर साझेदारों के लिए उपकरण"],
    },
    "KS3": {
        "en": [
            "infrastructure to collect other forms of knowledge, like audio recordings of elders",
            "accept oral citations and multimedia, not only text",
        ],
        "es": ["infraestructura para recopilar otras formas de conocimiento, como grabaciones de audio"],
        "fr": ["collecter d'autres formes de savoir, par exemple des enregistrements audio"],
        "de": ["andere Wissensformen sammeln, etwa Tonaufnahmen"],
        "sv": ["samla in andra kunskapsformer, till exempel ljudinspelningar"],
        "pt": ["coletar outras formas de conhecimento, como gravações de áudio"],
        "ar": ["جمع أشكال المعرفة الأخرى مثل التسجيلات الصوتية"],
        "hi": ["ज्ञान के दूसरे रूप जैसे ऑडियो रिकॉर्डिंग इकट्ठा करना"],
    },
}
OPENERS = {
    "en": ["For me: ", "Our table: ", "Important: ", "Idea: ", "Key point: "],
    "es": ["Para mí: ", "Nuestra mesa: ", "Importante: "],
    "fr": ["Pour moi : ", "À notre table : ", "Important : "],
    "de": ["Für mich: ", "Unser Tisch: ", "Wichtig: "],
    "sv": ["För mig: ", "Vårt bord: ", "Viktigt: "],
    "pt": ["Para mim: ", "Nossa mesa: ", "Importante: "],
    "ar": ["بالنسبة لي: ", "طاولتنا: ", "مهم: "],
    "hi": ["मेरे लिए: ", "हमारी मेज़: ", "ज़रूरी: "],
}
FILLERS = {  # keyword-free, to bring very short notes up to a plausible length
    "en": [
        "We talked about this for a long time.",
        "Everyone at the table agreed.",
        "Not everyone agreed on this.",
        "Needs follow-up after the conference.",
    ],
    "es": ["Lo hablamos mucho en la mesa.", "Todos estuvimos de acuerdo."],
    "fr": ["Toute la table était d'accord.", "On en a longuement parlé."],
    "de": ["Darüber haben wir lange gesprochen.", "Der ganze Tisch war sich einig."],
    "sv": ["Vi pratade länge om det här.", "Hela bordet höll med."],
    "pt": ["Falamos muito sobre isso.", "A mesa toda concordou."],
    "ar": ["تحدثنا عن هذا طويلا.", "اتفقت الطاولة كلها."],
    "hi": ["हमने इस पर लंबी बात की।", "पूरी मेज़ सहमत थी।"],
}
SEPARATORS = {"ar": ["، ", ". ", " - "], "hi": ["। ", ", ", " - "]}
DEFAULT_SEPARATORS = [". ", ". ", " – ", "; ", " + "]
ENDINGS = {"hi": ["।", "", "!"], "ar": [".", "", "!"]}
DEFAULT_ENDINGS = [".", "", "!"]

# Notes in languages the codebook has no keywords for (written by people whose own language it is), each with the
# codes and commitments it expresses. Each is used at most once.
OTHER_NOTES: dict[str, list[tuple[str, list[str], list[str]]]] = {
    "it": [
        (
            "Servono fondi per i gruppi locali e più visibilità per il lavoro delle donne.",
            ["funding", "recognition"],
            ["KE2"],
        ),
        (
            "Le biblioteche e gli archivi sono partner naturali per colmare il divario di genere nelle biografie.",
            ["knowledge_ecosystem", "resp_partners"],
            ["KE2"],
        ),
        (
            "Un codice di condotta vero, applicato anche agli amministratori esperti.",
            ["healthy_inclusive_communities", "resp_online_communities"],
            [],
        ),
    ],
    "uk": [
        ("Потрібні тренінги для нових редакторів у регіонах, не тільки в Києві.", ["skills_training"], ["KE3"]),
        ("Гранти для малих груп мають бути простішими, і не тільки англійською.", ["funding", "translation"], []),
        (
            "Жінок серед авторів досі мало; потрібні безпечні простори й наставництво.",
            ["safe_spaces", "skills_training"],
            ["KE2"],
        ),
    ],
    "id": [
        ("Biaya data seluler terlalu mahal untuk menyunting dari desa.", ["tools_infrastructure"], ["KE5"]),
        ("Pelatihan dan pendampingan untuk komunitas bahasa daerah.", ["skills_training", "translation"], ["KE4"]),
        ("Yayasan harus mendengar komunitas sebelum membuat keputusan.", ["resp_foundation"], []),
    ],
    "nl": [
        (
            "Samenwerken met musea en archieven zodat hun collecties vrij beschikbaar komen.",
            ["knowledge_ecosystem", "resp_partners"],
            [],
        ),
        (
            "Vrijwilligers hebben te weinig tijd; een betaalde coördinator zou veel helpen.",
            ["time_people", "funding"],
            ["KE4"],
        ),
    ],
    "ru": [
        ("Нужны переводы стратегических документов на русский и другие языки.", ["translation"], []),
        ("Безопасность и анонимность важны для тех, кто пишет о политике.", ["safe_spaces"], []),
    ],
    "sw": [
        (
            "Tunahitaji mafunzo na vifaa kwa wahariri wapya vijijini.",
            ["skills_training", "tools_infrastructure"],
            ["KE5"],
        ),
        ("Maarifa ya mdomo yanapaswa kukubaliwa kama vyanzo vya kuaminika.", ["most_respected_source"], ["KE1"]),
    ],
    "bn": [
        ("বাংলায় কৌশলের দলিলের অনুবাদ এবং নতুনদের জন্য প্রশিক্ষণ দরকার।", ["translation", "skills_training"], ["KE3"]),
        ("মোবাইল ডেটার খরচ অনেক বেশি, তাই গ্রাম থেকে সম্পাদনা করা কঠিন।", ["tools_infrastructure"], ["KE5"]),
    ],
    "tr": [
        (
            "Türkiye'de Vikipedi'ye erişim engellendi; Vakıf ve topluluklar birlikte destek vermeli.",
            ["resp_foundation", "resp_online_communities"],
            ["KE5"],
        )
    ],
    "he": [("צריך מרחבים בטוחים לנשים בקהילה ובמפגשים, גם ברשת וגם פנים אל פנים.", ["safe_spaces"], ["KE2"])],
}
# Probability that someone writes a note in their own language rather than in English.
WRITE_OWN = {"sv": 0.5, "de": 0.5, "fr": 0.6, "es": 0.7, "pt-BR": 0.8, "ar": 0.85, "hi": 0.7}
WRITE_OTHER = 0.3


# ----------------------------------------------------------------------------------------------- generation
def make_participants(rng: np.random.Generator) -> list[dict]:
    people: list[dict] = []
    for iso2, (region, count, emerging, own, communities) in COUNTRIES.items():
        cycle = [communities[i] for i in rng.permutation(len(communities))]
        for k in range(count):
            people.append(
                {
                    "country": iso2,
                    "region": region,
                    "emerging_community": emerging,
                    "own": own,
                    "home_community": cycle[k % len(cycle)],
                }
            )
    order = rng.permutation(len(people))
    people = [people[i] for i in order]
    genders = [GENDERS[i] for i in rng.permutation(len(GENDERS))]
    global_members = [(name, ctype) for name, ctype, n in GLOBAL_COMMUNITIES for _ in range(n)]
    members = rng.choice(len(people), size=len(global_members), replace=False).tolist()
    in_global = dict(zip(members, global_members, strict=True))
    seen: set[str] = set()
    for index, (person, gender) in enumerate(zip(people, genders, strict=True)):
        while True:
            pid = f"p-{int(rng.integers(0, 16**6)):06x}"
            if pid not in seen:
                seen.add(pid)
                break
        person["participant_id"] = pid
        person["gender"] = gender
        if index in in_global:
            name, ctype = in_global[index]
        else:
            name, ctype = person["home_community"]
        person["community"], person["community_type"] = name, ctype
        languages = list(person["own"])
        if "en" not in languages and rng.random() < 0.9:
            languages.append("en")
        if rng.random() < 0.3:
            extra = EXTRA_LANGUAGES[int(rng.integers(len(EXTRA_LANGUAGES)))]
            if extra not in languages:
                languages.append(extra)
        person["languages"] = languages
        person["age_band"] = AGE_BANDS[0][int(rng.choice(len(AGE_BANDS[0]), p=AGE_BANDS[1]))]
        person["newcomer"] = bool(rng.random() < 0.35)
        person["talk"] = float(rng.gamma(2.0, 0.5))
    return people


def seating(rng: np.random.Generator, n_people: int) -> dict[int, list[list[int]]]:
    """Per round, the people at each table: a host stays at each table, the others move; one table has six."""
    order = rng.permutation(n_people)
    hosts, others = order[:N_TABLES], order[N_TABLES:]
    rounds = {}
    for rnd in ROUND_QUESTION:
        moved = list(rng.permutation(others))
        big = int(rng.integers(N_TABLES))
        tables = []
        for t in range(N_TABLES):
            size = 5 if t == big else 4
            tables.append([int(hosts[t])] + [int(x) for x in moved[:size]])
            moved = moved[size:]
        assert not moved
        rounds[rnd] = tables
    return rounds


def cafe_seating(drawn: dict[int, list[list[int]]]) -> dict[int, list[list[int]]]:
    """``drawn`` re-seated as a café is: the hosts and table sizes kept, travellers swapped within a round until no
    traveller comes back to a table and no two travellers sit together twice. A search of its own (random.Random(SEED)),
    so the notes drawn from the main generator stay as they were."""
    order = random.Random(SEED)
    rounds = sorted(drawn)
    tables = {r: [list(t[1:]) for t in drawn[r]] for r in rounds}  # travellers only; hosts stay at drawn[r][t][0]
    where = {r: {p: t for t, members in enumerate(tables[r]) for p in members} for r in rounds}

    def local(p: int, r: int, t: int, beside: list[int]) -> int:
        others = [x for x in rounds if x != r]
        met = sum(2 for q in beside for x in others if where[x][p] == where[x][q])
        return met + sum(1 for x in others if where[x][p] == t)

    def conflicts() -> list[tuple[int, int]]:
        return [
            (r, p)
            for r in rounds
            for t, members in enumerate(tables[r])
            for p in members
            if local(p, r, t, [q for q in members if q != p])
        ]

    for _ in range(20000):
        found = conflicts()
        if not found:
            break
        r, p = found[order.randrange(len(found))]
        t1 = where[r][p]
        rest1 = [x for x in tables[r][t1] if x != p]
        moves = []
        for t2, members in enumerate(tables[r]):
            if t2 == t1:
                continue
            for q in members:
                rest2 = [x for x in members if x != q]
                delta = (
                    local(p, r, t2, rest2) + local(q, r, t1, rest1) - local(p, r, t1, rest1) - local(q, r, t2, rest2)
                )
                moves.append((delta, t2, q))
        best = min(d for d, _, _ in moves)
        pool = [m for m in moves if m[0] == best] if best < 0 or order.random() < 0.7 else moves
        _, t2, q = pool[order.randrange(len(pool))]
        tables[r][t1][tables[r][t1].index(p)] = q
        tables[r][t2][tables[r][t2].index(q)] = p
        where[r][p], where[r][q] = t2, t1
    else:  # pragma: no cover - the room allows it; a change that makes it impossible must say so
        raise SystemExit("generate_sample.py: could not seat the travellers without meeting twice")
    return {r: [[drawn[r][t][0], *sorted(tables[r][t])] for t in range(N_TABLES)] for r in rounds}


def weighted_pick(rng: np.random.Generator, items: list[str], weights: list[float]) -> str:
    w = np.asarray(weights, dtype=float)
    return items[int(rng.choice(len(items), p=w / w.sum()))]


def draw_codes(rng: np.random.Generator, question: str, person: dict) -> list[str]:
    k = int(rng.choice([1, 2, 3], p=[0.45, 0.40, 0.15]))
    codes: list[str] = []
    kinds = list(KINDS)
    while len(codes) < k:
        kind = weighted_pick(rng, kinds, KIND_WEIGHTS[question])
        pool = [c for c in KINDS[kind] if c not in codes]
        weights = []
        for code in pool:
            w = CODE_WEIGHTS[code] * REGION_FACTORS.get(code, {}).get(person["region"], 1.0)
            if person["gender"] == "woman" and code in ("healthy_inclusive_communities", "safe_spaces"):
                w *= 1.4
            weights.append(w)
        codes.append(weighted_pick(rng, pool, weights))
    return codes


def draw_commitments(rng: np.random.Generator, person: dict, codes: list[str]) -> list[str]:
    m = int(rng.choice([0, 1, 2], p=[0.22, 0.58, 0.20]))
    if len(codes) == 3:
        m = min(m, 1)
    chosen: list[str] = []
    while len(chosen) < m:
        pool = [c for c in COMMITMENTS if c not in chosen]
        weights = []
        for c in pool:
            w = COMMITMENT_WEIGHTS[c]
            if c == "KE5":
                w *= KE5_REGIONS.get(person["region"], 1.0)
            if c == "KE3" and "healthy_inclusive_communities" in codes:
                w *= 1.6
            if c == "KE2" and ("safe_spaces" in codes or person["gender"] == "woman"):
                w *= 1.5
            if c == "KS1" and ("augmented_age" in codes or "tools_infrastructure" in codes):
                w *= 2.5
            if c == "KE4" and ("resp_affiliates" in codes or "skills_training" in codes):
                w *= 1.4
            if c == "KE1" and ("most_respected_source" in codes or "knowledge_ecosystem" in codes):
                w *= 1.5
            weights.append(w)
        chosen.append(weighted_pick(rng, pool, weights))
    return chosen


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def compose(rng: np.random.Generator, lang: str, parts_for: list[str]) -> str:
    """A note in ``lang`` that expresses each code in ``parts_for``: one phrase per code, joined, 50-300 chars."""
    key = "pt" if lang.startswith("pt") else lang
    seps = SEPARATORS.get(key, DEFAULT_SEPARATORS)
    endings = ENDINGS.get(key, DEFAULT_ENDINGS)
    for _ in range(50):
        phrases = [PHRASES[c][key][int(rng.integers(len(PHRASES[c][key])))] for c in parts_for]
        if len(phrases) > 1 and rng.random() < 0.4:
            phrases = [phrases[i] for i in rng.permutation(len(phrases))]
        sep = seps[int(rng.integers(len(seps)))]
        if sep.startswith("."):
            phrases = [_capitalise(p) for p in phrases]
        text = phrases[0]
        for phrase in phrases[1:]:  # no "?." where a phrase already ends a sentence
            text += (" " if sep.startswith(".") and text[-1] in "?!" else sep) + phrase
        if rng.random() < 0.2:
            text = OPENERS[key][int(rng.integers(len(OPENERS[key])))] + text
        else:
            text = _capitalise(text)
        ending = endings[int(rng.integers(len(endings)))]
        if text[-1] not in ".!?।":
            text += ending
        while len(text) < 50:
            filler = FILLERS[key][int(rng.integers(len(FILLERS[key])))]
            joiner = " " if text[-1] in ".!?।" else ". " if key != "hi" else "। "
            text = text + joiner + filler
        if len(text) <= 300:
            return text
    raise RuntimeError(f"could not fit {parts_for} in 300 characters ({lang})")


def note_language(rng: np.random.Generator, person: dict, other_left: dict[str, list]) -> str:
    speaks_english = "en" in person["languages"]
    for own in person["own"]:
        if own in WRITE_OWN and (not speaks_english or rng.random() < WRITE_OWN[own]):
            if own == "pt-BR":
                return "pt-BR" if rng.random() < 0.6 else "pt"
            return own
        if own in other_left and other_left[own] and rng.random() < WRITE_OTHER:
            return own
    return "en"


def make_contributions(rng: np.random.Generator, people: list[dict]) -> tuple[list[dict], dict[int, list[list[int]]]]:
    """The notes and the café's seating (per round, the people at each table, host first)."""
    seats = seating(rng, len(people))
    other_left = {lang: list(notes) for lang, notes in OTHER_NOTES.items()}
    coding_rate = rng.uniform(0.62, 0.97, size=N_TABLES)  # how thoroughly each table's facilitator coded
    slots = [(rnd, t) for rnd in ROUND_QUESTION for t in range(N_TABLES)]
    picked = rng.choice(len(slots), size=sum(RARE_COMMITMENTS.values()), replace=False).tolist()
    rare: dict[tuple[int, int], str] = {}
    for commitment, n in RARE_COMMITMENTS.items():
        for _ in range(n):
            rare[slots[picked.pop(0)]] = commitment
    notes: list[dict] = []
    for rnd, question in ROUND_QUESTION.items():
        start = START_UTC + dt.timedelta(minutes=ROUND_MINUTES * (rnd - 1))
        for t, members in enumerate(seats[rnd]):
            n_notes = int(rng.integers(3, 9 if question == "Q3" else 8))
            talk = np.array([people[i]["talk"] for i in members])
            for _ in range(n_notes):
                who = members[int(rng.choice(len(members), p=talk / talk.sum()))]
                author = people[who]
                anonymous = bool(rng.random() < 0.10)
                lang = note_language(rng, author, other_left)
                if lang in other_left:
                    text, codes, commitments = other_left[lang].pop(int(rng.integers(len(other_left[lang]))))
                else:
                    codes = draw_codes(rng, question, author)
                    commitments = draw_commitments(rng, author, codes)
                    if (rnd, t) in rare:  # the first composed note at this table in this round raises it
                        codes, commitments = codes[:2], commitments[:1] + [rare.pop((rnd, t))]
                    text = compose(rng, lang, codes + commitments)
                if rng.random() < coding_rate[t]:
                    themes = list(codes)
                    if len(themes) > 1 and rng.random() < 0.10:  # a facilitator missed one
                        themes.pop(int(rng.integers(len(themes))))
                else:
                    themes = None if rng.random() < 0.5 else []
                direction = list(commitments) if commitments and rng.random() < 0.9 else []
                votes = min(8, int(rng.poisson(1.4 + 0.5 * len(commitments) + 0.3 * len(codes))))
                seconds = int(rng.integers(120, ROUND_MINUTES * 60 - 30))
                notes.append(
                    {
                        "session": SESSION,
                        "question": question,
                        "round": rnd,
                        "table": f"T{t + 1:02d}",
                        "participant_id": None if anonymous else author["participant_id"],
                        "language": lang,
                        "themes": themes,
                        "direction": direction,
                        "votes": votes,
                        "submitted_at": start + dt.timedelta(seconds=seconds),
                        "text": text,
                        "_region": author["region"],
                        "_author": who,
                    }
                )
    cafe = cafe_seating(seats)
    seat_of = {(r, p): t for r, tables in cafe.items() for t, members in enumerate(tables) for p in members}
    for note in notes:  # each note at its writer's seat in the café's seating
        note["table"] = f"T{seat_of[(note['round'], note['_author'])] + 1:02d}"
    plant(people, notes, cafe)
    notes.sort(key=lambda n: (n["submitted_at"], n["table"]))
    for i, note in enumerate(notes, start=1):
        note["contribution_id"] = f"n{i:04d}"
    return notes, cafe


#: The planted idea (module docstring): what its first writer says, what those who carry it say, and its code.
PLANT_FIRST = (
    "A language buddy for everyone starting out: someone bilingual who helps them translate their first article."
)
PLANT_CARRIED = "From the table before: a language buddy for everyone starting out, to help translate."
PLANT_CODE = "translation"
PLANT_WORDS = "language buddy"
#: Where it was written: (round, table, who, where they heard it) for each planted note, as the module docstring says.
PLANT_PATH = (
    (1, "T02", "A", None),
    (2, "T10", "A", "T02"),
    (2, "T03", "B", "T02"),
    (3, "T03", "C", "T10"),
    (4, "T06", "C", "T03"),
    (4, "T07", "D", "T03"),
    (5, "T16", "E", "T06"),
    (5, "T01", "F", "T07"),
)


#: The rounds the idea travels in: raised in round 1, carried to two tables in round 2, and to one or two tables in each
#: later round up to this one.
PLANT_ROUNDS = 5


def _plantable(note: dict, extra: str) -> bool:
    return (
        note["language"] == "en"
        and note["participant_id"] is not None
        and bool(note["themes"])
        and len(extra) + 1 + len(note["text"]) <= 300
    )


def plant(people: list[dict], notes: list[dict], cafe: dict[int, list[list[int]]]) -> None:
    """Put the language-buddy idea on one note of each carrier in each round of its path (module docstring).

    A is the first traveller with an English note in rounds 1 and 2, and a B from A's round-1 table with one in round
    2; C and D are the first two travellers who sat at A's or B's round-2 table and wrote in English in round 3, at
    two different tables. Each chosen note keeps its text after the idea, and gains the code."""
    hosts = {tables[0] for r in cafe for tables in cafe[r]}
    table_of = {(r, p): t for r in cafe for t, members in enumerate(cafe[r]) for p in members}

    def note_of(p: int, r: int) -> dict | None:
        extra = PLANT_FIRST if r == 1 else PLANT_CARRIED
        # a note the facilitators coded (coding one they left uncoded would change what the sample says about them)
        return next((n for n in notes if n["_author"] == p and n["round"] == r and _plantable(n, extra)), None)

    def travellers(r: int, p: int, but: tuple[int, ...]) -> list[int]:
        return [q for q in cafe[r][table_of[(r, p)]] if q not in hosts and q not in but]

    def spread(a: int) -> list[tuple[int, int, int | None]] | None:
        """(round, writer, the table index where they heard it the round before) along the path from ``a``."""
        carriers: list[tuple[int, int, int | None]] = [(1, a, None)]
        writers = [a]
        for rnd in range(2, PLANT_ROUNDS + 1):
            heard: dict[int, int] = {}  # traveller -> the table where they heard it, in the order they heard it
            for x in writers:
                t = table_of[(rnd - 1, x)]
                for q in cafe[rnd - 1][t]:
                    if q not in hosts:
                        heard.setdefault(q, t)
            chosen: list[int] = []
            for q, t in heard.items():
                if note_of(q, rnd) is not None and table_of[(rnd, q)] not in {table_of[(rnd, c)] for c in chosen}:
                    chosen.append(q)
                    carriers.append((rnd, q, t))
                if len(chosen) == 2:
                    break
            if not chosen or (rnd == 2 and len(chosen) < 2):  # it splits in round 2, and goes on every round
                return None
            writers = chosen
        return carriers

    carriers = next(
        (found for a in sorted(set(range(len(people))) - hosts) if note_of(a, 1) and (found := spread(a))), None
    )
    if carriers is None:  # pragma: no cover
        raise SystemExit("generate_sample.py: no traveller can carry the planted idea")
    names = dict(zip(dict.fromkeys(p for _, p, _ in carriers), "ABCDEFGH", strict=False))
    path = []
    for rnd, p, heard_from in carriers:
        note = note_of(p, rnd)
        note["text"] = f"{PLANT_FIRST if rnd == 1 else PLANT_CARRIED} {note['text']}"
        if PLANT_CODE not in note["themes"]:
            note["themes"] = [*note["themes"], PLANT_CODE]
        heard_at = None if heard_from is None else f"T{heard_from + 1:02d}"
        path.append((rnd, note["table"], names[p], heard_at))
    if tuple(path) != PLANT_PATH:
        raise SystemExit(f"generate_sample.py: the planted idea's path is now {tuple(path)}; update PLANT_PATH")


# ----------------------------------------------------------------------------------------------- output
CONTRIBUTIONS_SCHEMA = pa.schema(
    [
        ("contribution_id", pa.string()),
        ("session", pa.string()),
        ("question", pa.string()),
        ("round", pa.int32()),
        ("table", pa.string()),
        ("participant_id", pa.string()),
        ("language", pa.string()),
        ("themes", pa.list_(pa.string())),
        ("direction", pa.list_(pa.string())),
        ("votes", pa.int32()),
        ("submitted_at", pa.timestamp("us", tz="UTC")),
        ("text", pa.string()),
    ]
)
PARTICIPANTS_SCHEMA = pa.schema(
    [
        ("participant_id", pa.string()),
        ("session", pa.string()),
        ("region", pa.string()),
        ("country", pa.string()),
        ("community", pa.string()),
        ("community_type", pa.string()),
        ("languages", pa.list_(pa.string())),
        ("gender", pa.string()),
        ("age_band", pa.string()),
        ("newcomer", pa.bool_()),
        ("emerging_community", pa.bool_()),
    ]
)


SEATING_SCHEMA = pa.schema(
    [
        ("session", pa.string()),
        ("participant_id", pa.string()),
        ("round", pa.int32()),
        ("table", pa.string()),
        ("role", pa.string()),
    ]
)


def seating_rows(people: list[dict], cafe: dict[int, list[list[int]]]) -> list[dict]:
    """One row per person and round: host (first at each table) or traveller, by round, table and id."""
    rows = []
    for rnd, tables in cafe.items():
        for t, members in enumerate(tables):
            for k, p in enumerate(members):
                rows.append(
                    {
                        "session": SESSION,
                        "participant_id": people[p]["participant_id"],
                        "round": rnd,
                        "table": f"T{t + 1:02d}",
                        "role": "host" if k == 0 else "traveller",
                    }
                )
    return sorted(rows, key=lambda row: (row["round"], row["table"], row["role"] != "host", row["participant_id"]))


def to_table(rows: list[dict], schema: pa.Schema) -> pa.Table:
    columns = [pa.array([r[f.name] for r in rows], type=f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema.with_metadata(METADATA))


def check(people: list[dict], notes: list[dict]) -> None:
    """Fail loudly if the sample drifts from the facts it imitates or from the codebook."""
    with open(CODEBOOK, "rb") as handle:
        codebook = tomllib.load(handle)
    code_ids = {c["id"] for c in codebook["code"]}
    commitment_ids = {c["id"] for c in codebook["commitment"]}
    pool = [entry for entries in OTHER_NOTES.values() for entry in entries]
    used_codes = (
        {c for n in notes for c in (n["themes"] or [])}
        | (set(PHRASES) - set(COMMITMENTS))
        | {c for _, codes, _ in pool for c in codes}
    )
    used_commitments = {c for n in notes for c in n["direction"]} | {c for _, _, cs in pool for c in cs}
    problems = []
    if used_codes - code_ids:
        problems.append(f"codes missing from codebook.toml: {sorted(used_codes - code_ids)}")
    if used_commitments - commitment_ids:
        problems.append(f"commitments missing from codebook.toml: {sorted(used_commitments - commitment_ids)}")
    with open(COUNTRY_TABLE, newline="", encoding="utf-8") as handle:
        regions = {row["iso2"]: row["region_id"] for row in csv.DictReader(handle)}
    for p in people:
        if regions.get(p["country"]) != p["region"]:
            problems.append(f"{p['country']} is in {regions.get(p['country'])!r}, not {p['region']}")
    if len(people) != 81 or len({p["country"] for p in people}) != 43:
        problems.append("expected 81 participants from 43 countries")
    planted = [n for n in notes if PLANT_WORDS in n["text"].casefold()]
    if len(planted) != len(PLANT_PATH):
        problems.append(f"{len(planted)} notes say {PLANT_WORDS!r}, not the {len(PLANT_PATH)} of the planted idea")
    for n in notes:
        if not 50 <= len(n["text"]) <= 300:
            problems.append(f"{n['contribution_id']} has {len(n['text'])} characters")
    if problems:
        raise SystemExit("generate_sample.py: " + "; ".join(problems))


def readme(people: list[dict], notes: list[dict], seats: list[dict]) -> str:
    regions = Counter(p["region"] for p in people)
    languages = Counter(n["language"] for n in notes)
    coded = sum(1 for n in notes if n["themes"])
    with_direction = sum(1 for n in notes if n["direction"])
    anonymous = sum(1 for n in notes if n["participant_id"] is None)
    spoken = {lang for p in people for lang in p["languages"]}
    women = sum(1 for p in people if p["gender"] == "woman")
    emerging = sum(1 for p in people if p["emerging_community"])
    region_line = ", ".join(f"{r} {c}" for r, c in regions.most_common())
    language_line = ", ".join(f"{lang} {c}" for lang, c in languages.most_common())
    hosts = sum(1 for s in seats if s["role"] == "host" and s["round"] == 1)
    travellers = sum(1 for s in seats if s["role"] == "traveller" and s["round"] == 1)
    return f"""# SYNTHETIC sample: WikiCafé 2017 (made-up data)

**THIS DATA IS SYNTHETIC. No real person, no real note.** Every participant, id and note in this folder was made
up by `data/generate_sample.py` from a fixed random seed ({SEED}). The data is only *shaped like* the WikiCafé held
at the Wikimedia Diversity Conference 2017 in Stockholm (Saturday 4 November 2017): about 80 people from 43
countries, about 60% women, 39 from emerging communities, close to 30 languages, tables of five, five café rounds
on three questions. Names of communities and organisations are real, but the people attached to them are not, and
nothing here says what anyone at the real event thought or wrote. Do not cite it as findings.

Both Parquet files carry the schema metadata `harvest.synthetic = true` and
`harvest.generator = data/generate_sample.py`.

## Files

- `contributions.parquet`: {len(notes)} notes, session `{SESSION}`: contribution_id, session, question
  (Q1 rounds 1-2, Q2 round 3, Q3 rounds 4-5; texts in `data/codebook.toml`, [[question]]), round, table (T01-T16),
  participant_id (empty for {anonymous} anonymous notes), language (BCP 47), themes (facilitators' codes from
  `data/codebook.toml`; {coded} notes coded, the others empty or null), direction (commitments KE1-KE5, KS1-KS3;
  {with_direction} notes), votes (0-8), submitted_at (UTC), text.
- `seating.parquet`: {len(seats)} seats, one per participant and round: session, participant_id, round, table,
  role (`host` or `traveller`). {hosts} hosts stay at their table all five rounds; the {travellers} travellers move
  every round, never back to a table they sat at and never again beside a traveller they already sat with.
  Every note's `table` is its author's seat in that round.
- `participants.parquet`: {len(people)} participants (pseudonymous ids), region, country (ISO 3166-1 alpha-2),
  community, community_type, languages, gender ({women} women), age_band, newcomer, emerging_community
  ({emerging} people).

Participants by region: {region_line}. {len({p["country"] for p in people})} countries, {len(spoken)} languages
spoken. Notes by language: {language_line}.

Each note's text was composed from short phrases for the codes it was generated with, in the note's language, so
the text says what its codes say; some phrases contain the codebook's keywords and some do not. Facilitators'
coding is missing on some notes and occasionally leaves out one code, as on real sheets.

## The planted idea: a language buddy

One idea is planted for Harvest's café views to find as it travels between tables: a **language buddy** for everyone
starting out (someone bilingual who helps them translate their first article). Each of its {len(PLANT_PATH)} notes
starts with it, says "{PLANT_WORDS}" and "translate", and is coded `{PLANT_CODE}` by the facilitators; no other note
says "{PLANT_WORDS}". Traveller A raises it in round 1; in round 2 A carries it to a new table and B, who sat with A,
to another; in each later round travellers who sat where it was written the round before carry it on (letters name
the travellers who wrote it; their ids are in the notes and the seating):

{
        chr(10).join(
            f"- round {r}, table {t}: {w}" + (f", who heard it at {h} in round {r - 1}" if h else ", first raised")
            for r, t, w, h in PLANT_PATH
        )
    }

## Regenerate

```
python data/generate_sample.py              # rewrites this folder
python data/generate_sample.py --out DIR    # writes the same files elsewhere
```

The output is deterministic: no network, no clock, a fixed seed. Two runs with the same pyarrow version give
byte-identical files; `tests/data/test_sample.py` checks that this folder equals a fresh run.
"""


def write(out: Path) -> tuple[list[dict], list[dict]]:
    rng = np.random.default_rng(SEED)
    people = make_participants(rng)
    notes, cafe = make_contributions(rng, people)
    check(people, notes)
    seats = seating_rows(people, cafe)
    out.mkdir(parents=True, exist_ok=True)
    people_rows = sorted(({**p, "session": SESSION} for p in people), key=lambda p: p["participant_id"])
    pq.write_table(to_table(people_rows, PARTICIPANTS_SCHEMA), out / "participants.parquet", compression="zstd")
    pq.write_table(to_table(notes, CONTRIBUTIONS_SCHEMA), out / "contributions.parquet", compression="zstd")
    pq.write_table(to_table(seats, SEATING_SCHEMA), out / "seating.parquet", compression="zstd")
    (out / "README.md").write_text(readme(people, notes, seats), encoding="utf-8", newline="\n")
    return people, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write Harvest's synthetic WikiCafé 2017 sample export.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default: {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    people, notes = write(args.out)
    print(f"wrote {len(people)} participants and {len(notes)} notes to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
