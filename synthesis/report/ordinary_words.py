"""Capitalised words that look like names but are not, for the name detector.

Name lists hold thousands of given names that are also ordinary words: months (April, May,
June), weekdays in other languages, holidays, and English words (Will, Mark, Grace, Sage).
A capitalised word in this list is never taken for a name on its own; it is one only after a
title ("Mr Mark") or before a surname ("Mark Thompson"). Places come from the package data
of Babel and Faker (:func:`synthesis.report.names.places`); this module is the short list a
person wrote, kept general (not the benchmark's words) and easy to extend.
"""

from __future__ import annotations

CALENDAR = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
januar februar marz april mai juni juli august oktober dezember
montag dienstag mittwoch donnerstag freitag samstag sonntag
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
lundi mardi mercredi jeudi vendredi samedi dimanche
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
lunes martes miercoles jueves viernes sabado domingo
gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre dicembre
lunedi martedi mercoledi giovedi venerdi sabato domenica
januari februari maart april mei juni juli augustus oktober
maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
janeiro fevereiro marco abril maio junho julho setembro outubro novembro dezembro
christmas easter ramadan eid diwali hanukkah thanksgiving halloween whitsun pentecost
""".split())

# English words that are also given names or surnames; as a lone capitalised word they are
# far more often the word (a sentence starting "Will the…", "Mark it paid", "Sage costs…").
WORDS_THAT_ARE_NAMES = frozenset("""
will mark may june april august grace hope faith joy bill art rose frank pat sue rob don guy
ray gene sky summer autumn winter dawn eve chase hunter page miles lane royal king major young
brown white green black long sage wise square penny ruby crystal destiny heather holly ivy
jasper lily olive pearl rich sandy sterling story honey star storm rain forest river ocean
sunny melody harmony echo misty precious justice liberty unity trinity nova max glen dale
cliff heath brook reed wood stone hill bay cash gay happy lucky merry noble price rusty
temple cook chance deal angel bishop bond booth bright church cross dash easy fair field
ford gray grey hall hart jewel jolly key lord love marsh moss north pike pink post power
pride quest ranger rocky strong sweet true victory west wolf worth mercury amazon apple
orange cherry berry cloud blue scarlet violet hazel iris daisy poppy jade coral amber
""".split())

# English function words and words a sentence often starts with: several are given names
# somewhere ("An", "Can", "Else", "Per"), none is a person at the start of a sentence.
COMMON_CAPITALISED = frozenset("""
a an the of to in on at for with as by from about into over under after before between
through during without within against among all any each every some no not only just even
still yet now then again once very really too more most much many few other another such
same own both either neither can could will would shall should must might may did does do
is are was were be been being has have had get got make made let like
and but or nor also maybe because honestly actually basically yes yeah no okay ok sure
well so if when while what who why how where which this that these those there here our
my your his her their its we they you he she it i me us them everyone nobody someone
hi hello hey thanks thank please sorry oh um uh hmm right good great fine new old one two
first last next per else ah ha aha aw eh er hm huh mhm mm ooh ow ugh wow yep yup nope
team teams word excel office sheet sheets doc docs drive pay bank business cloud app apps mobile
support sales finance admin accounts accounting payroll legal marketing design
""".split())

ORDINARY = CALENDAR | WORDS_THAT_ARE_NAMES | COMMON_CAPITALISED

# Titles and honorifics: the capitalised word after one is a name, whatever it is.
TITLES = frozenset("""
mr mrs ms miss mx dr prof professor sir dame lady lord herr frau fraulein madame mme
monsieur mlle mademoiselle senor senora senorita sr sra srta don dona signor signora sig
dott dottore meneer mevrouw dhr mevr pan pani mister missus doctor
""".split())

# A capitalised word after one of these is a place or a thing, not a person ("based in
# Austin", "shop in Bristol", "in Excel").
PLACE_PREPOSITIONS = frozenset("in near around outside inside across throughout".split())

# Lower-case words that sit inside a name ("Pieter de Vries", "Ali bin Omar").
PARTICLES = frozenset("""
de da del della dei di du des der den van von ter ten le la los las dos das do al el bin
ibn bint ben ap mac
""".split())
