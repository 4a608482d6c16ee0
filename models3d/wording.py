"""Language-dependent wording without Qt: units, numbers, plurals and a few labels.

The app speaks English and Russian. Numbers use a decimal point in English and a
decimal comma in Russian; units are written in the language's own letters (t / т,
kW / кВт); plurals follow each language's rules (English: one, other; Russian: one,
few, many, as in Qt's `%n` plural forms and CLDR). The Qt interface keeps its own
translations in assets/translations; this module serves the Qt-free reports and the
figure and total formatting both share.
"""

from __future__ import annotations

LANGUAGES = ("en", "ru")

# canonical unit -> how it is written after a number, per language
_UNITS = {
    "en": {
        "t": "t",
        "kg": "kg",
        "m": "m",
        "m3": "m³",
        "m2": "m²",
        "kW": "kW",
        "km": "km",
        "deg": "°",
        "yr": "yr",
        "count": "",
        "persons": "",
    },
    "ru": {
        "t": "т",
        "kg": "кг",
        "m": "м",
        "m3": "м³",
        "m2": "м²",
        "kW": "кВт",
        "km": "км",
        "deg": "°",
        "yr": "",
        "count": "",
        "persons": "",
    },
}

# words whose form depends on the number: (one, other) in English,
# (one, few, many) in Russian
_WORDS = {
    "module": (("module", "modules"), ("модуль", "модуля", "модулей")),
    "vehicle": (
        ("visiting vehicle", "visiting vehicles"),
        ("корабль", "корабля", "кораблей"),
    ),
    "phase": (("phase", "phases"), ("этап", "этапа", "этапов")),
    "port": (("port", "ports"), ("порт", "порта", "портов")),
    "year": (("year", "years"), ("год", "года", "лет")),
    "person": (("person", "persons"), ("человек", "человека", "человек")),
}

QUANTITY_LABELS = {
    "en": {
        "mass": "Mass",
        "length": "Length",
        "diameter": "Diameter",
        "pressurized_volume": "Pressurized volume",
        "power": "Electrical power",
        "array_area": "Solar array area",
        "propellant": "Propellant",
        "design_life": "Design life",
        "docking_ports": "Docking ports",
        "crew": "Crew",
        "inclination": "Inclination",
        "altitude": "Altitude",
    },
    "ru": {
        "mass": "Масса",
        "length": "Длина",
        "diameter": "Диаметр",
        "pressurized_volume": "Гермообъём",
        "power": "Электрическая мощность",
        "array_area": "Площадь солнечных батарей",
        "propellant": "Топливо",
        "design_life": "Срок службы",
        "docking_ports": "Стыковочные порты",
        "crew": "Экипаж",
        "inclination": "Наклонение",
        "altitude": "Высота",
    },
}

CONFIDENCE_LABELS = {
    "en": {
        "confirmed": "confirmed",
        "conflict": "conflict",
        "uncertain": "uncertain",
        "inferred": "inferred",
        None: "unknown",
    },
    # as in the interface's translation (assets/translations/ross_ru.ts)
    "ru": {
        "confirmed": "подтверждено",
        "conflict": "расхождение",
        "uncertain": "неточно",
        "inferred": "выведено",
        None: "неизвестно",
    },
}

# the port names of the plan files, as the interface shows them
PORT_LABELS = {
    "en": {
        "fwd": "forward",
        "aft": "aft",
        "zenith": "zenith",
        "nadir": "nadir",
        "port": "port-side",
        "stbd": "starboard",
    },
    "ru": {
        "fwd": "передний",
        "aft": "задний",
        "zenith": "верхний",
        "nadir": "нижний",
        "port": "левый",
        "stbd": "правый",
    },
}

STATUS_LABELS = {
    "en": {
        "concept": "concept",
        "official": "official",
        "superseded": "superseded",
        "current": "current",
        "historical": "historical",
    },
    "ru": {
        "concept": "концепция",
        "official": "официальный план",
        "superseded": "заменён",
        "current": "действующий план",
        "historical": "история",
    },
}

UNKNOWN = {"en": "unknown", "ru": "неизвестно"}


def lang_of(lang: str) -> str:
    """`lang` if the app speaks it, else English."""
    return lang if lang in LANGUAGES else "en"


def plural_form(n: int, lang: str = "en") -> int:
    """Index of the plural form for n: English 0 one, 1 other; Russian 0 one,
    1 few, 2 many (CLDR rules for integers)."""
    n = abs(int(n))
    if lang_of(lang) == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return 0
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return 1
        return 2
    return 0 if n == 1 else 1


def counted(n: int, word: str, lang: str = "en") -> str:
    """'1 module', '3 modules', '3 модуля', '5 модулей'."""
    en, ru = _WORDS[word]
    forms = ru if lang_of(lang) == "ru" else en
    return f"{n} {forms[plural_form(n, lang)]}"


def unit_text(unit: str, lang: str = "en", value: float | None = None) -> str:
    """A canonical unit as written after a number in `lang` ('' for bare counts)."""
    if unit == "yr" and lang_of(lang) == "ru" and value is not None:
        # years agree with the number in Russian: 1 год, 2 года, 15 лет
        whole = value.is_integer() if isinstance(value, float) else True
        return _WORDS["year"][1][plural_form(int(value), "ru")] if whole else "года"
    return _UNITS[lang_of(lang)].get(unit, unit)


def number(value: float, decimals: int | None = None, lang: str = "en") -> str:
    """A number with `decimals` places, or as few as it needs (at most 2 below 100,
    1 above); a decimal comma in Russian."""
    if decimals is not None:
        text = f"{value:.{decimals}f}"
    elif abs(value - round(value)) < 1e-9:
        text = str(round(value))
    else:
        places = 2 if abs(value) < 100 else 1
        text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang_of(lang) == "ru" else text


def with_unit(
    number_text: str, unit: str, lang: str = "en", value: float | None = None
) -> str:
    shown = unit_text(unit, lang, value)
    if not shown:
        return number_text
    return f"{number_text}{shown}" if shown == "°" else f"{number_text} {shown}"
